import * as assert from 'node:assert/strict';
import { ProviderError } from '../../../src/core/errors';
import { HealthBoard } from '../../../src/core/health/health-board';
import type { HealthChange } from '../../../src/core/health/types';
import { FakeClock } from '../router/fakes';

const A = { provider: 'openai', modelId: 'gpt-4o' };
const B = { provider: 'openai', modelId: 'gpt-4o-mini' };
const C = { provider: 'anthropic', modelId: 'claude' };
const KA = 'openai:gpt-4o';
const err = (category: ProviderError['category'], status?: number) =>
  new ProviderError({ category, provider: 'openai', message: `boom ${category}`, status });
const states = (seen: HealthChange[]) =>
  seen.flatMap((c) => (c.kind === 'state' ? [`${c.provider} ${c.from}->${c.to} (${c.overall})`] : []));
const breakers = (seen: HealthChange[]) => seen.flatMap((c) => (c.kind === 'breaker' ? [`${c.key} ${c.from}->${c.to}`] : []));

function board(opts: ConstructorParameters<typeof HealthBoard>[0] = {}) {
  const clock = new FakeClock();
  const h = new HealthBoard({ clock, ...opts });
  const seen: HealthChange[] = [];
  const sub = h.onDidChange((c) => seen.push(c));
  return { clock, h, seen, sub };
}

function open(h: HealthBoard, ep = A): void {
  for (let i = 0; i < 3; i++) h.recordFailure(ep, err('server', 500));
}

describe('HealthBoard edges', () => {
  it('starts ok, emits no change for a first success, and reports every provider sorted by id with its endpoints', () => {
    const { h, seen } = board();
    assert.equal(h.overall, 'ok');
    h.recordSuccess(A, { ttftMs: 100 });
    h.recordSuccess(C, { ttftMs: 200 });
    assert.deepEqual(seen, []);
    const snap = h.snapshot();
    assert.deepEqual(
      snap.providers.map((p) => [p.provider, p.state, p.endpoints.map((e) => e.key)]),
      [
        ['anthropic', 'ok', ['anthropic:claude']],
        ['openai', 'ok', [KA]],
      ],
    );
    assert.equal(snap.overall, 'ok');
  });

  it('the overall state is the worst provider state, whatever the order providers appear in', () => {
    const { h, seen } = board();
    open(h, C);
    h.recordRateLimit(A, { requestsLimit: 100, requestsRemaining: 1 });
    assert.equal(states(seen).at(-1), 'openai ok->degraded (down)');
    assert.equal(h.overall, 'down');
    assert.equal(h.snapshot().overall, 'down');
  });

  it('emits the recovery to ok, with overall ok, when successes bring the error rate down', () => {
    const { h, seen } = board();
    h.recordFailure(A, err('server', 500));
    for (let i = 0; i < 4; i++) h.recordSuccess(A);
    assert.deepEqual(states(seen), ['openai ok->degraded (degraded)', 'openai degraded->ok (ok)']);
    assert.equal(h.overall, 'ok');
    assert.equal(h.endpoint(KA)?.errorRate, 0.2, 'exactly the degraded threshold reads as ok');
    assert.equal(h.endpoint(KA)?.state, 'ok');
  });

  it('counts calls per endpoint, cancellations aside', () => {
    const { h } = board();
    h.recordSuccess(A);
    h.recordFailure(A, err('server', 500));
    h.recordFailure(A, err('cancelled'));
    assert.equal(h.endpoint(KA)?.calls, 2);
  });

  it('a cancelled probe gives the slot back without a verdict', () => {
    const { clock, h } = board();
    open(h);
    clock.advance(30_000);
    assert.equal(h.acquire(A), true);
    assert.equal(h.canPass(KA), false);
    h.recordFailure(A, err('cancelled'));
    assert.equal(h.breakerState(KA), 'half-open');
    assert.equal(h.canPass(KA), true);
  });

  it('a probe answered with a caller error (a 400) proves the endpoint up and closes the breaker', () => {
    const { clock, h, seen } = board();
    open(h);
    clock.advance(30_000);
    h.acquire(A);
    h.recordFailure(A, err('bad_request', 400));
    assert.equal(h.breakerState(KA), 'closed');
    assert.deepEqual(breakers(seen), [`${KA} closed->open`, `${KA} open->half-open`, `${KA} half-open->closed`]);
  });

  it('acquire refuses while open, reports the half-open transition, and release frees the probe slot', () => {
    const { clock, h, seen } = board();
    assert.equal(h.acquire(A), true, 'never seen');
    open(h);
    assert.equal(h.acquire(A), false);
    clock.advance(30_000);
    assert.equal(h.acquire(A), true);
    assert.equal(breakers(seen).at(-1), `${KA} open->half-open`);
    h.release(A);
    assert.equal(h.canPass(KA), true);
  });

  it('an unknown endpoint reads as closed, with no reopening time and no data', () => {
    const { h } = board();
    assert.equal(h.breakerState('x:y'), 'closed');
    assert.equal(h.reopensAt('x:y'), undefined);
    assert.deepEqual(h.estimate('x:y', 'x'), { errorRate: 0, demoted: false });
    assert.equal(h.endpoint('x:y'), undefined);
  });

  it('ignores a response without rate-limit headers, and reports a low headroom as a state change', () => {
    const { h, seen } = board();
    h.recordRateLimit(A, undefined);
    assert.equal(h.endpoint(KA), undefined);
    h.recordRateLimit(A, { requestsLimit: 100, requestsRemaining: 5 });
    assert.deepEqual(states(seen), ['openai ok->degraded (degraded)']);
  });

  it('a retry-after degrades the endpoint until it passes, and says until when', () => {
    const { clock, h, seen } = board();
    h.recordCooldown(A, clock.now() + 5_000);
    assert.deepEqual(states(seen), ['openai ok->degraded (degraded)']);
    assert.equal(h.endpoint(KA)?.state, 'degraded');
    assert.equal(h.endpoint(KA)?.coolingUntil, clock.now() + 5_000);
    clock.advance(5_000);
    assert.equal(h.endpoint(KA)?.state, 'ok');
    assert.equal(h.endpoint(KA)?.coolingUntil, undefined);
    assert.equal(h.estimate(KA, 'openai').demoted, false);
  });

  it('headroom demotes only below 10%: none reported, or exactly 10%, does not', () => {
    const { h } = board();
    h.recordSuccess(A);
    assert.equal(h.estimate(KA, 'openai').demoted, false);
    h.recordRateLimit(A, { requestsLimit: 100, requestsRemaining: 50 });
    assert.equal(h.estimate(KA, 'openai').demoted, false);
    h.recordRateLimit(A, { requestsLimit: 100, requestsRemaining: 10 });
    assert.equal(h.estimate(KA, 'openai').demoted, false);
    assert.equal(h.endpoint(KA)?.state, 'ok');
  });

  it('a half-open endpoint reads as degraded even once its errors have left the error window', () => {
    const { clock, h } = board({ errorWindowMs: 1_000 });
    open(h);
    clock.advance(30_000);
    assert.equal(h.endpoint(KA)?.errorRate, 0);
    assert.equal(h.endpoint(KA)?.state, 'degraded');
  });

  it('estimates from the endpoint’s own samples when it has them, else from its provider', () => {
    const { h } = board();
    h.recordSuccess(A, { ttftMs: 100, tokensPerSec: 50 });
    h.recordSuccess(B, { ttftMs: 900, tokensPerSec: 150 });
    assert.deepEqual([h.estimate(KA, 'openai').ttftMs, h.estimate(KA, 'openai').tokensPerSec], [100, 50]);
    const C2 = { provider: 'anthropic', modelId: 'haiku' };
    h.recordSuccess(C, { ttftMs: 400, tokensPerSec: 70 });
    h.recordFailure(C2, err('server', 500));
    const e = h.estimate('anthropic:haiku', 'anthropic');
    assert.deepEqual([e.ttftMs, e.tokensPerSec], [400, 70]);
    assert.deepEqual(h.estimate('anthropic:haiku', 'nobody'), { ttftMs: undefined, tokensPerSec: undefined, errorRate: 1, demoted: false });
  });

  it('nextChangeAt names the earliest future change: cooldowns, breaker reopening, rate-limit resets', () => {
    const { clock, h } = board();
    const now = clock.now();
    h.recordCooldown(A, now + 5_000);
    h.recordCooldown(B, now + 2_000);
    h.recordCooldown(C, now + 8_000);
    assert.equal(h.nextChangeAt(), now + 2_000);
    const other = board();
    const t = other.clock.now();
    other.h.recordCooldown(A, t);
    assert.equal(other.h.nextChangeAt(), undefined, 'a cooldown ending now is no future change');
    other.h.recordRateLimit(B, { requestsLimit: 10, requestsRemaining: 5, resetMs: 3_000 });
    assert.equal(other.h.nextChangeAt(), t + 3_000);
  });

  it('honours its window size and error window', () => {
    const { clock, h } = board({ windowSize: 2, errorWindowMs: 1_000 });
    for (const ttftMs of [100, 200, 300]) h.recordSuccess(A, { ttftMs });
    assert.deepEqual([h.endpoint(KA)?.ttftMs.samples, h.endpoint(KA)?.ttftMs.p50], [2, 200]);
    h.recordFailure(A, err('server', 500));
    clock.advance(1_001);
    assert.equal(h.endpoint(KA)?.errorRate, 0);
  });

  it('sends nothing to a listener once disposed', () => {
    const { h, seen, sub } = board();
    sub.dispose();
    open(h);
    assert.deepEqual(seen, []);
  });
});
