import * as assert from 'node:assert/strict';
import type { AttemptReport, RouteReport } from '../../../src/core/router/types';
import { summarizeStream, type StreamObservation, type StreamSummary } from '../../../src/core/router/stream-summary';
import { ep } from './fakes';

const a = ep('openai', 'gpt-a', 'acme/a');
const b = ep('groq', 'gpt-a', 'acme/a');
const c = ep('together', 'gpt-a', 'acme/a');
const u = (outputTokens: number, inputTokens = 10) => ({
  inputTokens,
  outputTokens,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
});

function at(endpoint = a, extra: Partial<AttemptReport> = {}): AttemptReport {
  return { endpoint, outcome: 'success', retry: 0, fallback: false, startedAt: 0, durationMs: 1200, ttftMs: 200, ...extra };
}
/** A route its last attempt served. */
const report = (attempts: AttemptReport[]): RouteReport => ({ strategy: 'price', servedBy: attempts.at(-1)?.endpoint, attempts });
/** What the router reports for a route the user stopped: no served host. */
const stopped = (attempts: AttemptReport[]): RouteReport => ({ strategy: 'price', attempts });
const failedAt = (endpoint: typeof a, extra: Partial<AttemptReport> = {}) =>
  at(endpoint, { outcome: 'failed', durationMs: 30, ttftMs: undefined, reason: '503', ...extra });

type Picked = Partial<Pick<StreamSummary, 'ttftMs' | 'tokensPerSec' | 'usage' | 'cost' | 'fallbacks' | 'usageEstimated'>> & {
  servedBy?: string;
};
const cases: [string, StreamObservation, Picked][] = [
  [
    'served attempt with ttft: its ttft, tokens over the time after the first token, its cost',
    { report: report([at(a, { usage: u(40), charge: { usd: 0.001, status: 'exact' } })]), firstTokenMs: 999 },
    { servedBy: 'openai:gpt-a', ttftMs: 200, tokensPerSec: 40, usage: u(40), cost: { usd: 0.001, status: 'exact' }, fallbacks: 0 },
  ],
  [
    'served attempt without ttft: the reader’s first-token time, and no speed',
    { report: report([at(a, { ttftMs: undefined, usage: u(40) })]), firstTokenMs: 150 },
    { servedBy: 'openai:gpt-a', ttftMs: 150, tokensPerSec: undefined, usage: u(40), cost: undefined, fallbacks: 0 },
  ],
  [
    'fallbacks: failed tries elsewhere are summed into the cost and counted once per host',
    {
      report: report([
        failedAt(b),
        failedAt(b, { retry: 1 }),
        at(c, { outcome: 'partial', fallback: true, usage: u(5), usageEstimated: true, charge: { usd: 0.0005, status: 'estimated' } }),
        at(a, { fallback: true, usage: u(40), charge: { usd: 0.001, status: 'exact' } }),
      ]),
    },
    { servedBy: 'openai:gpt-a', ttftMs: 200, tokensPerSec: 40, usage: u(40), cost: { usd: 0.0015, status: 'exact' }, fallbacks: 2 },
  ],
  [
    'a failed try at the host that then answered is a retry, not a fallback',
    { report: report([failedAt(a), at(a, { retry: 1, usage: u(40) })]) },
    { servedBy: 'openai:gpt-a', fallbacks: 0, tokensPerSec: 40 },
  ],
  [
    'no usage anywhere: no tokens, and the router’s counted speed',
    { report: report([at(a, { tokensPerSec: 12 })]) },
    { usage: undefined, tokensPerSec: 12, ttftMs: 200 },
  ],
  ['no usage in the attempt: the stream’s usage event', { report: report([at(a)]), usage: u(80) }, { usage: u(80), tokensPerSec: 80 }],
  [
    'generation time ~0 (everything in one chunk): no speed rather than thousands of tokens a second',
    { report: report([at(a, { durationMs: 201, ttftMs: 200, usage: u(500), tokensPerSec: 500_000 })]) },
    { tokensPerSec: undefined, usage: u(500) },
  ],
  [
    'non-finite or negative figures are dropped, not shown',
    { report: report([at(a, { durationMs: Infinity, usage: u(40), tokensPerSec: NaN, charge: { usd: -1, status: 'exact' } })]) },
    { tokensPerSec: undefined, ttftMs: 200, cost: { usd: undefined, status: 'unpriced' } },
  ],
  [
    'a stopped route names no host: the streaming attempt answers with its counted tokens',
    {
      report: stopped([
        failedAt(b),
        at(a, { outcome: 'cancelled', fallback: true, durationMs: 1300, ttftMs: 300, usage: u(30.4, 12), usageEstimated: true }),
      ]),
    },
    { servedBy: 'openai:gpt-a', ttftMs: 300, usage: u(30, 12), tokensPerSec: 30, usageEstimated: true, fallbacks: 1 },
  ],
  [
    'a partial answer is the answer, not a failure before it',
    { report: stopped([at(a, { outcome: 'partial', usage: u(40) })]) },
    { servedBy: 'openai:gpt-a', fallbacks: 0, tokensPerSec: 40 },
  ],
  [
    'stopped before its first token: the attempt served nothing',
    { report: stopped([at(a, { outcome: 'cancelled', ttftMs: undefined, durationMs: 20 })]) },
    { servedBy: undefined, ttftMs: undefined, usage: undefined, tokensPerSec: undefined },
  ],
  [
    'no report at all (the stream threw): only what the reader saw',
    { usage: u(7), firstTokenMs: 90 },
    { ttftMs: 90, usage: u(7), servedBy: undefined },
  ],
];

describe('summarizeStream', () => {
  for (const [name, input, want] of cases)
    it(name, () => {
      const s = summarizeStream(input);
      const got: Record<string, unknown> = { ...s, servedBy: s.servedBy && `${s.servedBy.provider}:${s.servedBy.modelId}` };
      for (const [k, v] of Object.entries(want)) assert.deepEqual(got[k], v, k);
    });

  it('reports each number it drops', () => {
    const notes: string[] = [];
    summarizeStream({ report: report([at(a, { ttftMs: -4, usage: { ...u(1), inputTokens: -5 } })]), note: (m) => notes.push(m) });
    assert.ok(notes.some((n) => /ttftMs/.test(n)) && notes.some((n) => /inputTokens/.test(n)), notes.join('\n'));
  });
});
