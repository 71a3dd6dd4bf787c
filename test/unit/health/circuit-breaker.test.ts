import * as assert from 'node:assert/strict';
import { CircuitBreaker, DEFAULT_BREAKER_OPTIONS } from '../../../src/core/health/circuit-breaker';

describe('CircuitBreaker', () => {
  it('opens after 3 consecutive failures; a success in between resets the streak', () => {
    const b = new CircuitBreaker();
    b.onFailure(0);
    b.onFailure(1);
    b.onSuccess(2);
    b.onFailure(3);
    b.onFailure(4);
    assert.equal(b.state(5), 'closed');
    assert.deepEqual(b.onFailure(5), { from: 'closed', to: 'open' });
    assert.equal(b.state(6), 'open');
    assert.equal(b.canPass(6), false);
  });

  it('opens on a failure rate over the window even without a streak, but not on too few calls', () => {
    const b = new CircuitBreaker({ ...DEFAULT_BREAKER_OPTIONS, consecutiveFailures: 100 });
    b.onFailure(0);
    b.onSuccess(1);
    b.onFailure(2);
    b.onSuccess(3);
    b.onFailure(4);
    assert.equal(b.state(5), 'closed', '3 of 5 is under the minimum number of calls');
    assert.deepEqual(b.onSuccess(5), undefined);
    assert.equal(b.state(6), 'closed');
    assert.deepEqual(b.onFailure(6), { from: 'closed', to: 'open' }, '4 of 7 is over 50%');
  });

  it('forgets failures older than the rate window', () => {
    const b = new CircuitBreaker({ ...DEFAULT_BREAKER_OPTIONS, consecutiveFailures: 100 });
    for (let i = 0; i < 5; i++) b.onFailure(i);
    for (let i = 0; i < 6; i++) b.onSuccess(70_000 + i);
    assert.equal(b.onFailure(70_010), undefined);
  });

  it('goes half-open after the cooldown, lets exactly one probe through, and closes on its success', () => {
    const b = new CircuitBreaker();
    for (let t = 0; t < 3; t++) b.onFailure(t);
    assert.equal(b.reopensAt(2), 30_002);
    assert.equal(b.state(30_001), 'open');
    assert.equal(b.state(30_002), 'half-open');
    assert.deepEqual(b.acquire(30_002), { ok: true, transition: { from: 'open', to: 'half-open' } });
    assert.equal(b.acquire(30_003).ok, false, 'one probe at a time');
    assert.equal(b.canPass(30_003), false);
    assert.deepEqual(b.onSuccess(30_004), { from: 'half-open', to: 'closed' });
    assert.equal(b.acquire(30_005).ok, true);
  });

  it('a failed probe reopens with a doubled cooldown, capped at 5 minutes; success resets it', () => {
    const b = new CircuitBreaker();
    for (let t = 0; t < 3; t++) b.onFailure(t);
    let now = 2;
    const cooldowns: number[] = [];
    for (let i = 0; i < 6; i++) {
      now = b.reopensAt(now)!;
      b.acquire(now);
      assert.deepEqual(b.onFailure(now), { from: 'half-open', to: 'open' });
      cooldowns.push(b.reopensAt(now)! - now);
    }
    assert.deepEqual(cooldowns, [60_000, 120_000, 240_000, 300_000, 300_000, 300_000]);
    now = b.reopensAt(now)!;
    b.acquire(now);
    b.onSuccess(now);
    for (let t = 1; t <= 3; t++) b.onFailure(now + t);
    assert.equal(b.reopensAt(now + 3), now + 3 + 30_000);
  });

  it('releasing a probe without a verdict frees the slot', () => {
    const b = new CircuitBreaker();
    for (let t = 0; t < 3; t++) b.onFailure(t);
    assert.equal(b.acquire(40_000).ok, true);
    b.release();
    assert.equal(b.acquire(40_001).ok, true);
  });
});
