// Durations shown to the user (time to first token, attempt time) come from the stopwatch: a wall
// clock stepping back (NTP, a VM resuming) must not make them negative or wrong.
import * as assert from 'node:assert/strict';
import { silentLogger, stopwatch, systemClock, type Clock } from '../../../src/core/platform';

describe('stopwatch', () => {
  it('times on the monotonic source when the clock has one, whatever the wall clock does', () => {
    let wall = 1_000_000;
    let mono = 50;
    const clock: Clock = { now: () => wall, monotonic: () => mono };
    const elapsed = stopwatch(clock);
    wall -= 3_600_000;
    mono += 120;
    assert.equal(elapsed(), 120);
    mono += 30;
    assert.equal(elapsed(), 150);
  });

  it('falls back to the wall clock, and never reads below zero when it steps back', () => {
    let wall = 10_000;
    const elapsed = stopwatch({ now: () => wall });
    wall += 250;
    assert.equal(elapsed(), 250);
    wall -= 1_000;
    assert.equal(elapsed(), 0);
  });

  it('the real clock gives epoch milliseconds and a monotonic reading that moves forward', () => {
    const before = Date.now();
    const now = systemClock.now();
    assert.ok(now >= before && now <= Date.now());
    const a = systemClock.monotonic!();
    const b = systemClock.monotonic!();
    assert.ok(b >= a && Math.abs(a - performance.now()) < 1_000);
    const elapsed = stopwatch(systemClock);
    assert.ok(elapsed() >= 0 && elapsed() < 1_000);
  });

  it('the silent logger accepts every level and returns nothing', () => {
    assert.equal(silentLogger.info('x'), undefined);
    assert.equal(silentLogger.warn('x'), undefined);
    assert.equal(silentLogger.error('x'), undefined);
  });
});
