import * as assert from 'node:assert/strict';
import type { Endpoint } from '../../../src/core/catalog/types';
import { ProviderError } from '../../../src/core/errors';
import type { CompareLane } from '../../../src/core/router/compare';
import type { RouterEvent } from '../../../src/core/router/types';
import * as z from 'zod/mini';
import { assistantMetaSchema } from '../../../src/shared/protocol';
import { metaOf, runComparison } from '../../../src/vscode/compare/run-comparison';

const ep = (provider: string, modelId: string): Endpoint => ({ canonicalModel: modelId, provider, modelId, capabilities: { images: false, reasoning: false, tools: false }, source: 'bundled' });
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
              attempts: [{ endpoint: a, outcome: 'success', retry: 0, fallback: false, startedAt: 0, durationMs: 1200, ttftMs: 200, usage, charge: { usd: 0.001, status: 'exact' } }],
            },
          },
        ]),
        lane('m2', [
          { type: 'error', error: new ProviderError({ category: 'auth', provider: 'x', message: 'bad key sk-test-SENTINEL-compare-000000001' }) },
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
    assert.equal((metas[1][1] as { ttftMs: number }).ttftMs, 5, "one clock tick after the start");
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
      [lane('m', [{ type: 'text-delta', text: 'part' }, { type: 'error', error: new ProviderError({ category: 'cancelled', provider: 'p', message: 'Request cancelled.' }) }, { type: 'finish', reason: 'cancelled' }])],
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
    const meta = metaOf({ servedBy: 'groq:llama-3.3-70b', fallbacks: 0, costUsd: 0.00021, costStatus: 'exact', ttftMs: 120, tokensPerSec: 310, inputTokens: 40, outputTokens: 200 });
    assert.deepEqual(z.parse(assistantMetaSchema, meta), meta);
    assert.equal(meta?.provider, 'groq');
    assert.deepEqual(meta?.charge, { usd: 0.00021, status: 'exact' });
    assert.equal(meta?.usage?.outputTokens, 200);
    assert.equal(meta?.finishReason, 'stop');
    assert.equal(metaOf({ fallbacks: 0, inputTokens: 0, outputTokens: 3, cancelled: true })?.finishReason, 'cancelled');
    assert.equal(metaOf(undefined), undefined);
  });
});
