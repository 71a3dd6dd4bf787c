import * as assert from 'node:assert/strict';
import { MAX_DURATION_MS, saneAttempt, saneUsage } from '../../../src/core/attempt-numbers';
import type { AttemptReport } from '../../../src/core/router/types';

const endpoint = {
  canonicalModel: 'acme/m',
  provider: 'openai',
  modelId: 'm',
  capabilities: { images: false, reasoning: false, tools: false },
  source: 'bundled' as const,
};
const usage = { inputTokens: 10, outputTokens: 20, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };
const attempt = (over: Partial<AttemptReport>): AttemptReport => ({
  endpoint,
  outcome: 'success',
  retry: 0,
  fallback: false,
  startedAt: 1,
  durationMs: 100,
  ttftMs: 10,
  usage,
  ...over,
});

describe('attempt numbers', () => {
  it('keeps sane numbers untouched and says nothing', () => {
    const notes: string[] = [];
    const a = attempt({ charge: { usd: 0.01, status: 'exact' } });
    assert.deepEqual(
      saneAttempt(a, (m) => notes.push(m)),
      a,
    );
    assert.deepEqual(notes, []);
  });

  it('zeroes a negative duration, drops an absurd ttft, and reports both', () => {
    const notes: string[] = [];
    const a = saneAttempt(attempt({ durationMs: -2990, ttftMs: MAX_DURATION_MS + 1 }), (m) => notes.push(m));
    assert.equal(a.durationMs, 0);
    assert.equal(a.ttftMs, undefined);
    assert.equal(notes.length, 2);
    assert.match(notes[0], /durationMs -2990/);
  });

  it('clamps bad token counts to 0 and rounds fractional ones', () => {
    const notes: string[] = [];
    const u = saneUsage(
      {
        inputTokens: -1,
        outputTokens: 2.6,
        cacheReadTokens: Number.POSITIVE_INFINITY,
        cacheWriteTokens: 1e12,
        reasoningTokens: 3,
        providerCostUsd: -2,
      },
      (m) => notes.push(m),
    );
    assert.deepEqual(u, { inputTokens: 0, outputTokens: 3, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 3 });
    assert.equal(notes.length, 4);
  });

  it('a negative cost makes the attempt unpriced rather than a refund', () => {
    const a = saneAttempt(attempt({ charge: { usd: -0.4, status: 'provider_reported' } }), () => undefined);
    assert.deepEqual(a.charge, { usd: undefined, status: 'unpriced' });
  });

  it('keeps a count at the limit and a sane provider cost, and drops a bad throughput silently', () => {
    const notes: string[] = [];
    const u = saneUsage({ ...usage, inputTokens: 100_000_000, providerCostUsd: 0.25 }, (m) => notes.push(m));
    assert.deepEqual(u, { ...usage, inputTokens: 100_000_000, providerCostUsd: 0.25 });
    const a = saneAttempt(attempt({ ttftMs: undefined, tokensPerSec: Number.NaN }), (m) => notes.push(m));
    assert.equal(a.tokensPerSec, undefined);
    assert.equal(saneAttempt(attempt({ tokensPerSec: 42.5 }), () => undefined).tokensPerSec, 42.5);
    assert.deepEqual(notes, [], 'an attempt without a first token is no fault');
    assert.equal(saneAttempt(attempt({ usage: undefined }), () => undefined).usage, undefined);
    assert.equal(saneAttempt(attempt({ usage: { ...usage, outputTokens: -3 } }), () => undefined).usage?.outputTokens, 0);
  });

  it('says which number was ignored and why, in words the log reader can act on', () => {
    const notes: string[] = [];
    saneUsage({ ...usage, outputTokens: -1, providerCostUsd: Number.NaN }, (m) => notes.push(m));
    saneAttempt(attempt({ ttftMs: -5, charge: { usd: Number.POSITIVE_INFINITY, status: 'exact' } }), (m) => notes.push(m));
    assert.deepEqual(notes, [
      'outputTokens -1 from the provider ignored (counted as 0).',
      'providerCostUsd NaN from the provider ignored.',
      'ttftMs -5 ms ignored.',
      'cost Infinity USD ignored; the attempt is unpriced.',
    ]);
  });
});
