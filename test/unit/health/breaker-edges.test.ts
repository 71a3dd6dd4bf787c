import * as assert from 'node:assert/strict';
import { CircuitBreaker, DEFAULT_BREAKER_OPTIONS } from '../../../src/core/health/circuit-breaker';

/** A breaker opened at t=0..2 by three consecutive failures; it reopens at 30,002. */
function opened(): CircuitBreaker {
  const b = new CircuitBreaker();
  for (let t = 0; t < 3; t++) b.onFailure(t);
  return b;
}

describe('CircuitBreaker edges', () => {
  it('counts the current streak of failures, and names no reopening time unless open', () => {
    const b = new CircuitBreaker();
    assert.equal(b.reopensAt(0), undefined);
    b.onFailure(0);
    b.onFailure(1);
    assert.equal(b.failures, 2);
    b.onSuccess(2);
    assert.equal(b.failures, 0);
    const o = opened();
    assert.equal(o.reopensAt(30_001), 30_002);
    assert.equal(o.reopensAt(30_002), undefined, 'half-open');
  });

  it('refuses a call while open and stays open', () => {
    const b = opened();
    assert.deepEqual(b.acquire(10), { ok: false });
    assert.equal(b.state(10), 'open');
    assert.equal(b.reopensAt(10), 30_002);
  });

  it('a probe given back and claimed again reports no second open→half-open transition', () => {
    const b = opened();
    assert.deepEqual(b.acquire(30_002), { ok: true, transition: { from: 'open', to: 'half-open' } });
    b.release();
    assert.deepEqual(b.acquire(30_003), { ok: true });
  });

  it('a failure reported while open (a call that was already in flight) neither reopens nor extends the cooldown', () => {
    const b = opened();
    assert.equal(b.onFailure(10_000), undefined);
    assert.equal(b.reopensAt(10_000), 30_002);
  });

  it('after a failed probe and its longer cooldown, the next probe may go', () => {
    const b = opened();
    b.acquire(30_002);
    b.onFailure(30_002);
    assert.equal(b.acquire(90_002).ok, true);
  });

  it('a success while closed does not hold the probe slot for a later half-open', () => {
    const b = new CircuitBreaker();
    b.onSuccess(0);
    for (let t = 1; t <= 3; t++) b.onFailure(t);
    assert.equal(b.acquire(30_003).ok, true);
  });

  it('closing after a probe starts a clean record: old failures do not trip the rate again', () => {
    const b = new CircuitBreaker({ ...DEFAULT_BREAKER_OPTIONS, consecutiveFailures: 100, minCallsForRate: 4 });
    for (let t = 0; t < 4; t++) b.onFailure(t);
    assert.equal(b.state(4), 'open');
    b.acquire(30_003);
    b.onSuccess(30_003);
    assert.equal(b.onFailure(30_004), undefined);
    assert.equal(b.state(30_004), 'closed');
  });

  it('trips on rate at exactly the minimum number of calls and exactly the failure share', () => {
    const b = new CircuitBreaker({ ...DEFAULT_BREAKER_OPTIONS, consecutiveFailures: 100 });
    for (let t = 0; t < 3; t++) b.onSuccess(t);
    assert.equal(b.onFailure(3), undefined);
    assert.equal(b.onFailure(4), undefined);
    assert.deepEqual(b.onFailure(5), { from: 'closed', to: 'open' }, '3 failures of 6 calls: 50% at the minimum of 6');
  });
});
