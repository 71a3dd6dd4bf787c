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
});
