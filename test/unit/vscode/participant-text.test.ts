// What @switchboard writes: footer, /cost tables, /route explanation, /compare arguments and history.
import * as assert from 'node:assert/strict';
import { zeroTotals, type PeriodSummary } from '../../../src/core/ledger';
import type { RoutePlan } from '../../../src/core/router/route-plan';
import type { RouteReport } from '../../../src/core/router/types';
import {
  costMarkdown,
  FOOTER_MARK,
  footerLine,
  historyMessages,
  routeMarkdown,
  routeRows,
  splitCompareArgs,
} from '../../../src/vscode/lm/participant-text';
import { ep } from '../router/fakes';

const served = ep('groq', 'llama-3.3-70b', 'meta/llama-3.3-70b', { price: { inputPerMTok: 0.59, outputPerMTok: 0.79 } });
const usage = (i: number, o: number) => ({ inputTokens: i, outputTokens: o, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 });

describe('participant text', () => {
  it('the footer names model, host, tokens and the cost of every attempt', () => {
    const report: RouteReport = {
      strategy: 'price',
      servedBy: served,
      attempts: [
        {
          endpoint: ep('openai', 'x', 'meta/llama-3.3-70b'),
          outcome: 'failed',
          retry: 0,
          fallback: false,
          startedAt: 0,
          durationMs: 5,
          usage: usage(0, 0),
          charge: { usd: 0, status: 'exact' },
        },
        {
          endpoint: served,
          outcome: 'success',
          retry: 0,
          fallback: true,
          startedAt: 0,
          durationMs: 9,
          usage: usage(1200, 34),
          charge: { usd: 0.0012, status: 'exact' },
        },
      ],
    };
    const line = footerLine(report, (p) => p.toUpperCase());
    assert.ok(line.startsWith(FOOTER_MARK));
    assert.match(
      line,
      /\*\*meta\/llama-3\.3-70b\*\* · via GROQ \(`groq:llama-3\.3-70b`\) · 1,200 in \/ 34 out tokens · \$0\.0012 · 1 failed attempt before/,
    );
  });

  it('says when a cost is estimated and never shows an unpriced attempt as free', () => {
    const report: RouteReport = {
      strategy: 'price',
      servedBy: served,
      attempts: [
        {
          endpoint: served,
          outcome: 'success',
          retry: 0,
          fallback: false,
          startedAt: 0,
          durationMs: 1,
          usage: usage(1, 1),
          charge: { usd: undefined, status: 'unpriced' },
        },
      ],
    };
    assert.match(
      footerLine(report, (p) => p),
      /\$0\.00 \(\+unpriced\)/,
    );
  });

  it('/cost lists today and this month by model, counting requests (not their attempts)', () => {
    const t = { ...zeroTotals(), usd: 0.5, requests: 3, attempts: 5, inputTokens: 1000, outputTokens: 200 };
    const s = (period: 'day' | 'month', key: string): PeriodSummary => ({
      period,
      key,
      totals: t,
      by: { model: [['openai/gpt-5', t]], provider: [], workspace: [], origin: [] },
    });
    const md = costMarkdown(s('day', '2026-12-06'), s('month', '2026-12'));
    assert.match(md, /\*\*Today\*\* \(2026-12-06\): \$0\.50/);
    assert.match(md, /\| openai\/gpt-5 \| \$0\.50 \| 3 \| 1,000 \| 200 \|/);
    assert.match(md, /\*\*This month\*\* \(2026-12\)/);
    assert.match(md, /\| Model \| Cost \| Requests \|/);
  });

  it('/route lists hosts in order with price, health and breaker, then what was left out', () => {
    const plan = {
      candidates: [{ endpoint: served, key: 'groq:llama-3.3-70b', requested: 'meta/llama-3.3-70b' }],
      skipped: [{ endpoint: served, key: 'together:llama', code: 'no-key', reason: 'no API key', requested: 'meta/llama-3.3-70b' }],
      unknownModels: [],
      strategy: 'price',
    } as unknown as RoutePlan;
    const rows = routeRows(
      plan,
      (p) => p.toUpperCase(),
      () => ({ state: 'degraded', breaker: 'half-open', ttftMs: 321.4 }),
    );
    const md = routeMarkdown('meta/llama-3.3-70b', plan, rows);
    assert.match(md, /routed by \*\*price\*\*/);
    assert.match(md, /\| 1 \| GROQ \| `llama-3\.3-70b` \| 0\.59 \/ 0\.79 \| degraded \| half-open \| 321 ms \|/);
    assert.match(md, /`together:llama`: no API key/);
  });

  it('/compare takes the models named first and the rest as the prompt', () => {
    const known = new Set(['openai/gpt-5', 'groq:llama']);
    assert.deepEqual(
      splitCompareArgs(' openai/gpt-5, groq:llama  Explain  this ', (r) => known.has(r)),
      { models: ['openai/gpt-5', 'groq:llama'], prompt: 'Explain this' },
    );
  });

  it('rebuilds the conversation from history turns, leaving out footers', () => {
    const md = (value: string) => ({ value: { value } });
    const msgs = historyMessages([{ prompt: 'hi' }, { response: [md('Hello'), md('!'), md(`${FOOTER_MARK}model · $0.01`)] }, 7]);
    assert.deepEqual(msgs, [
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: 'Hello!' },
    ]);
  });
});
