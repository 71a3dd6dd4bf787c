// Whether the router may call an endpoint now, as the health board answers it: never seen,
// healthy (closed), tripped (open) and probing; and what one success measures.
import * as assert from 'node:assert/strict';
import { ProviderError } from '../../../src/core/errors';
import { HealthBoard } from '../../../src/core/health/health-board';
import { FakeClock } from '../router/fakes';

const A = { provider: 'openai', modelId: 'gpt-4o' };
const KA = 'openai:gpt-4o';
const serverError = () => new ProviderError({ category: 'server', provider: 'openai', message: 'boom', status: 500 });

function board() {
  const clock = new FakeClock();
  return { clock, h: new HealthBoard({ clock, breaker: { cooldownMs: 30_000 } }) };
}

describe('HealthBoard: may this call go now', () => {
  it('an endpoint never seen can pass and be claimed, and has no probe to give back', () => {
    const { h } = board();
    assert.equal(h.canPass('groq:llama'), true);
    assert.equal(h.acquire({ provider: 'groq', modelId: 'llama' }), true);
    assert.doesNotThrow(() => h.release({ provider: 'groq', modelId: 'llama' }));
    assert.equal(h.reopensAt('groq:llama'), undefined);
    assert.equal(h.breakerState('groq:llama'), 'closed');
  });

  it('a healthy endpoint lets every call through, however many are in flight', () => {
    const { h } = board();
    h.recordSuccess(A, { ttftMs: 100 });
    assert.equal(h.canPass(KA), true);
    assert.equal(h.acquire(A), true);
    assert.equal(h.acquire(A), true);
    assert.equal(h.canPass(KA), true);
  });

  it('a tripped endpoint says when it lets a probe through, and lets exactly one through then', () => {
    const { clock, h } = board();
    h.recordSuccess(A);
    for (let i = 0; i < 3; i++) h.recordFailure(A, serverError());
    assert.equal(h.breakerState(KA), 'open');
    const at = h.reopensAt(KA);
    assert.ok(at !== undefined && at > clock.now(), String(at));
    assert.equal(h.canPass(KA), false);
    clock.advance(at - clock.now());
    assert.equal(h.canPass(KA), true);
    assert.equal(h.acquire(A), true);
    assert.equal(h.canPass(KA), false, 'the probe is in flight');
    assert.equal(h.acquire(A), false);
    h.release(A);
    assert.equal(h.canPass(KA), true, 'the probe slot is free again');
  });
});

describe('HealthBoard: what a success measures', () => {
  it('a success with only a throughput leaves time to first token unmeasured, and the other way round', () => {
    const { h } = board();
    h.recordSuccess(A, { tokensPerSec: 50 });
    assert.deepEqual([h.estimate(KA, 'openai').ttftMs, h.estimate(KA, 'openai').tokensPerSec], [undefined, 50]);
    h.recordSuccess(A, { ttftMs: 120 });
    assert.deepEqual([h.estimate(KA, 'openai').ttftMs, h.estimate(KA, 'openai').tokensPerSec], [120, 50]);
  });

  it('a host nearly out of its rate limit moves down until its window resets', () => {
    const { clock, h } = board();
    h.recordRateLimit(A, { requestsLimit: 100, requestsRemaining: 2, resetMs: 20_000 });
    assert.equal(h.estimate(KA, 'openai').demoted, true);
    clock.advance(19_000);
    assert.equal(h.estimate(KA, 'openai').demoted, true);
    clock.advance(1_000);
    assert.equal(h.estimate(KA, 'openai').demoted, false, 'the window reset, so the old count no longer holds');
  });
});
