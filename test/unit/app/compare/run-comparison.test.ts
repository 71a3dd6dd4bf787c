import * as assert from 'node:assert/strict';
import type { Endpoint } from '../../../../src/core/catalog/types';
import { ProviderError } from '../../../../src/core/errors';
import type { CompareLane } from '../../../../src/core/router/compare';
import type { RouterEvent } from '../../../../src/core/router/types';
import * as z from 'zod/mini';
import { assistantMetaSchema, laneResultSchema, type LaneResult } from '../../../../src/shared/protocol';
import { laneResult, metaOf, runComparison } from '../../../../src/app/compare/run-comparison';
import { ep as routerEp, failMidway, ok } from '../../router/fakes';
import { rig } from '../../router/setup';

const ep = (provider: string, modelId: string): Endpoint => ({
  canonicalModel: modelId,
  provider,
  modelId,
  capabilities: { images: false, reasoning: false, tools: false },
  source: 'bundled',
});
const usage = { inputTokens: 10, outputTokens: 40, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };

function lane(model: string, events: RouterEvent[], gapMs = 1): CompareLane {
  async function* gen() {
    for (const e of events) {
      await new Promise((r) => setTimeout(r, gapMs));
      yield e;
    }
  }
  return { model, events: gen(), result: Promise.resolve({ model, text: '' }) };
}

describe('runComparison', () => {
  it('streams each lane into its own column and reports cost, ttft and speed', async () => {
    let t = 1000;
    const deltas: [number, string][] = [];
    const metas: [number, unknown][] = [];
    const done: [number, unknown, string][] = [];
    const a = ep('openai', 'gpt-a');
    const texts = await runComparison(
      [
        lane('m1', [
          { type: 'response-metadata', provider: 'openai' },
          { type: 'text-delta', text: 'Hel' },
          { type: 'text-delta', text: 'lo' },
          { type: 'usage', usage },
          { type: 'finish', reason: 'stop' },
          {
            type: 'route-report',
            report: {
              strategy: 'price',
              servedBy: a,
              attempts: [
                {
                  endpoint: a,
                  outcome: 'success',
                  retry: 0,
                  fallback: false,
                  startedAt: 0,
                  durationMs: 1200,
                  ttftMs: 200,
                  usage,
                  charge: { usd: 0.001, status: 'exact' },
                },
              ],
            },
          },
        ]),
        lane('m2', [
          {
            type: 'error',
            error: new ProviderError({ category: 'auth', provider: 'x', message: 'bad key sk-test-SENTINEL-compare-000000001' }),
          },
          { type: 'finish', reason: 'error' },
          { type: 'route-report', report: { strategy: 'price', attempts: [] } },
        ]),
      ],
      { delta: (l, s) => deltas.push([l, s]), meta: (l, m) => metas.push([l, m]), done: (l, r, s) => done.push([l, r, s]) },
      { flushMs: 1000, now: () => (t += 5), redact: (s) => s.replace(/sk-test-\S+/g, '[redacted]') },
    );
    assert.deepEqual(texts, ['Hello', '']);
    assert.deepEqual(deltas, [[0, 'Hello']], 'deltas are coalesced and flushed at the end');
    assert.deepEqual(metas[0], [0, { servedBy: 'openai' }]);
    assert.equal((metas[1][1] as { ttftMs: number }).ttftMs, 5, 'one clock tick after the start');
    const r0 = done.find((d) => d[0] === 0)![1] as Record<string, unknown>;
    assert.equal(r0.servedBy, 'openai:gpt-a');
    assert.equal(r0.costUsd, 0.001);
    assert.equal(r0.costStatus, 'exact');
    assert.equal(r0.ttftMs, 200);
    assert.equal(r0.tokensPerSec, 40);
    assert.equal(r0.outputTokens, 40);
    const r1 = done.find((d) => d[0] === 1)![1] as Record<string, unknown>;
    assert.equal(r1.error, 'bad key [redacted]');
    assert.equal(r1.costUsd, undefined);
  });

  it('marks a cancelled lane and keeps its partial text', async () => {
    const done: unknown[] = [];
    const texts = await runComparison(
      [
        lane('m', [
          { type: 'text-delta', text: 'part' },
          { type: 'error', error: new ProviderError({ category: 'cancelled', provider: 'p', message: 'Request cancelled.' }) },
          { type: 'finish', reason: 'cancelled' },
        ]),
      ],
      { delta: () => {}, meta: () => {}, done: (_l, r) => done.push(r) },
      { flushMs: 1 },
    );
    assert.deepEqual(texts, ['part']);
    assert.equal((done[0] as { cancelled?: boolean }).cancelled, true);
    assert.equal((done[0] as { error?: string }).error, undefined);
  });
});

describe('metaOf', () => {
  it('turns a column result into a chat footer the protocol accepts', () => {
    const u = { inputTokens: 40, outputTokens: 200, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };
    const meta = metaOf({
      servedBy: 'groq:llama-3.3-70b',
      fallbacks: 0,
      costUsd: 0.00021,
      costStatus: 'exact',
      ttftMs: 120,
      tokensPerSec: 310,
      inputTokens: 40,
      outputTokens: 200,
      usage: u,
    });
    assert.deepEqual(z.parse(assistantMetaSchema, meta), meta);
    assert.equal(meta?.provider, 'groq');
    assert.deepEqual(meta?.charge, { usd: 0.00021, status: 'exact' });
    assert.equal(meta?.usage?.outputTokens, 200);
    assert.equal(meta?.finishReason, 'stop');
    assert.equal(metaOf({ fallbacks: 0, inputTokens: 0, outputTokens: 3, cancelled: true })?.finishReason, 'cancelled');
    assert.equal(metaOf(undefined), undefined);
  });
});

describe('a stopped column', () => {
  const a = ep('openai', 'gpt-a');
  const b = ep('groq', 'gpt-a');
  const estimatedUsage = { inputTokens: 12, outputTokens: 30.4, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };
  // What the router reports when the user presses Stop mid-answer: no servedBy, and the attempt that
  // was streaming carries locally counted usage, its TTFT and an estimated charge.
  const stoppedReport = {
    strategy: 'price' as const,
    attempts: [
      { endpoint: b, outcome: 'failed' as const, reason: '503', retry: 0, fallback: false, startedAt: 0, durationMs: 50 },
      {
        endpoint: a,
        outcome: 'cancelled' as const,
        reason: 'Request cancelled.',
        errorCategory: 'cancelled' as const,
        retry: 0,
        fallback: true,
        startedAt: 50,
        durationMs: 1300,
        ttftMs: 300,
        tokensPerSec: 30,
        usage: estimatedUsage,
        usageEstimated: true,
        charge: { usd: 0.0004, status: 'estimated' as const },
      },
    ],
  };

  it('keeps the tokens, TTFT, speed and estimated cost of the attempt that was streaming', async () => {
    const done: LaneResult[] = [];
    await runComparison(
      [
        lane('m', [
          { type: 'text-delta', text: 'part' },
          { type: 'error', error: new ProviderError({ category: 'cancelled', provider: 'switchboard', message: 'Request cancelled.' }) },
          { type: 'finish', reason: 'cancelled' },
          { type: 'route-report', report: stoppedReport },
        ]),
      ],
      { delta: () => {}, meta: () => {}, done: (_l, r) => done.push(r) },
      { flushMs: 1 },
    );
    const r = done[0];
    assert.deepEqual(z.parse(laneResultSchema, r), r, 'the result is a valid laneDone payload');
    assert.equal(r.cancelled, true);
    assert.equal(r.error, undefined);
    assert.equal(r.servedBy, 'openai:gpt-a');
    assert.equal(r.ttftMs, 300);
    assert.equal(r.outputTokens, 30);
    assert.equal(r.inputTokens, 12);
    assert.equal(r.tokensPerSec, 30, 'the 30 tokens the column shows, in the second after the first token');
    assert.equal(r.costUsd, 0.0004);
    assert.equal(r.costStatus, 'estimated');
    assert.equal(r.usageEstimated, true);
    assert.equal(r.fallbacks, 1);
  });

  it('with the real router: a column stopped mid-answer shows its estimated tokens and TTFT', async () => {
    const r = rig({
      endpoints: [routerEp('a', 'm1', 'acme/one'), routerEp('b', 'm2', 'acme/two')],
      deps: {
        priceOf: (u) => ({ usd: u.outputTokens / 1000, status: 'exact' }),
        estimateUsage: () => ({ inputTokens: 7, outputTokens: 5, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 }),
      },
    });
    r.adapter.script('a:m1', failMidway('Roses are red, ', 'cancelled'));
    r.adapter.script('b:m2', ok('whole answer'));
    const done: LaneResult[] = [];
    await runComparison(
      r.router.compare(['acme/one', 'acme/two'], { messages: [{ role: 'user', content: 'poem' }] }),
      { delta: () => {}, meta: () => {}, done: (l, res) => (done[l] = res) },
      { flushMs: 1 },
    );
    const stopped = done[0];
    assert.equal(stopped.cancelled, true);
    assert.equal(stopped.outputTokens, 5);
    assert.equal(stopped.usageEstimated, true);
    assert.equal(stopped.costStatus, 'estimated');
    assert.equal(stopped.costUsd, 0.005);
    assert.notEqual(stopped.ttftMs, undefined);
    assert.equal(done[1].cancelled, undefined);
  });

  it('also reads a partial attempt when the report names no server', () => {
    const partial = { ...stoppedReport, attempts: [{ ...stoppedReport.attempts[1], outcome: 'partial' as const }] };
    const r = laneResult(partial, undefined, undefined, false, (s) => s);
    assert.equal(r.ttftMs, 300);
    assert.equal(r.outputTokens, 30);
    assert.equal(r.costStatus, 'estimated');
  });

  it('without any attempt that streamed, shows no TTFT rather than inventing one', () => {
    const beforeOutput = { endpoint: a, outcome: 'cancelled' as const, retry: 0, fallback: true, startedAt: 50, durationMs: 20 };
    const r = laneResult({ strategy: 'price', attempts: [stoppedReport.attempts[0], beforeOutput] }, undefined, undefined, true, (s) => s);
    assert.equal(r.ttftMs, undefined);
    assert.equal(r.servedBy, undefined);
    assert.equal(r.outputTokens, 0);
    assert.equal(r.usage, undefined);
  });
});

describe('Continue in chat from a column', () => {
  it('carries cached, cache-write and reasoning tokens instead of zeros', () => {
    const a = ep('anthropic', 'claude-x');
    const u = { inputTokens: 900, outputTokens: 300, cacheReadTokens: 800, cacheWriteTokens: 50, reasoningTokens: 120 };
    const r = laneResult(
      {
        strategy: 'price',
        servedBy: a,
        attempts: [
          {
            endpoint: a,
            outcome: 'success',
            retry: 0,
            fallback: false,
            startedAt: 0,
            durationMs: 1000,
            ttftMs: 100,
            usage: u,
            charge: { usd: 0.002, status: 'exact' },
          },
        ],
      },
      u,
      undefined,
      false,
      (s) => s,
    );
    const meta = metaOf(z.parse(laneResultSchema, r));
    assert.deepEqual(z.parse(assistantMetaSchema, meta), meta);
    assert.deepEqual(meta?.usage, u);
    assert.equal(meta?.usageEstimated, undefined);
  });

  it('leaves usage out when it is unknown, rather than claiming zero tokens', () => {
    const meta = metaOf(laneResult({ strategy: 'price', attempts: [] }, undefined, undefined, false, (s) => s));
    assert.equal(meta?.usage, undefined);
  });

  it('marks locally counted usage of a stopped column as estimated', () => {
    const a = ep('openai', 'gpt-a');
    const u = { inputTokens: 5, outputTokens: 9, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 3 };
    const meta = metaOf(
      laneResult(
        {
          strategy: 'price',
          attempts: [
            {
              endpoint: a,
              outcome: 'cancelled',
              retry: 0,
              fallback: false,
              startedAt: 0,
              durationMs: 500,
              ttftMs: 100,
              usage: u,
              usageEstimated: true,
            },
          ],
        },
        undefined,
        undefined,
        true,
        (s) => s,
      ),
    );
    assert.deepEqual(meta?.usage, u);
    assert.equal(meta?.usageEstimated, true);
    assert.equal(meta?.finishReason, 'cancelled');
  });
});
