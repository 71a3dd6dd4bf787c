import * as assert from 'node:assert/strict';
import { headroomOf } from '../../../src/core/health/headroom';
import { OutcomeWindow, RollingStats } from '../../../src/core/health/rolling-stats';

describe('RollingStats edges', () => {
  it('ignores non-finite samples even before the first real one', () => {
    const s = new RollingStats(5);
    s.add(Number.NaN);
    s.add(Number.POSITIVE_INFINITY);
    assert.equal(s.samples, 0);
    assert.equal(s.ewma, undefined);
    assert.equal(s.percentile(50), undefined);
  });

  it('reads a percentile above 100 as the largest sample', () => {
    const s = new RollingStats(5);
    for (const v of [3, 1, 2]) s.add(v);
    assert.equal(s.percentile(100), 3);
    assert.equal(s.percentile(250), 3);
  });
});

describe('OutcomeWindow', () => {
  it('keeps an outcome exactly windowMs old and drops it a millisecond later', () => {
    const w = new OutcomeWindow(1_000);
    w.add(0, false);
    assert.deepEqual(w.counts(1_000), { failures: 1, total: 1 });
    assert.deepEqual(w.counts(1_001), { failures: 0, total: 0 });
  });

  it('forgets outcomes that left the window when counting, without a new add', () => {
    const w = new OutcomeWindow(1_000);
    w.add(0, false);
    w.add(500, false);
    assert.equal(w.rate(1_200), 1);
    assert.deepEqual(w.counts(5_000), { failures: 0, total: 0 });
    assert.equal(w.rate(5_000), 0);
  });

  it('drops expired times and outcomes together, so later counts stay paired', () => {
    const w = new OutcomeWindow(1_000);
    w.add(0, false);
    w.add(2_000, true);
    w.add(2_500, false);
    assert.deepEqual(w.counts(2_500), { failures: 1, total: 2 });
  });

  it('keeps at most maxEntries outcomes, the newest', () => {
    const w = new OutcomeWindow(1e9, 3);
    for (const ok of [false, false, true, true, true]) w.add(1, ok);
    assert.deepEqual(w.counts(1), { failures: 0, total: 3 });
  });

  it('clear forgets everything', () => {
    const w = new OutcomeWindow(1_000);
    w.add(0, false);
    w.clear();
    assert.deepEqual(w.counts(0), { failures: 0, total: 0 });
  });
});

describe('headroomOf edges', () => {
  it('needs both the limit and the remaining count of a window', () => {
    assert.equal(headroomOf({ requestsLimit: 100 }, 0, 0), undefined);
    assert.equal(headroomOf({ requestsRemaining: 5 }, 0, 0), undefined);
    assert.equal(headroomOf({ tokensLimit: 1_000 }, 0, 0), undefined);
    assert.equal(headroomOf({ tokensRemaining: 5 }, 0, 0), undefined);
  });

  it('uses the token window alone when only tokens are reported, clamped to 0..1', () => {
    assert.equal(headroomOf({ tokensLimit: 1_000, tokensRemaining: 250 }, 0, 0), 0.25);
    assert.equal(headroomOf({ requestsLimit: 10, requestsRemaining: 20 }, 0, 0), 1);
    assert.equal(headroomOf({ requestsLimit: 10, requestsRemaining: 5, tokensLimit: 100, tokensRemaining: 80 }, 0, 0), 0.5);
  });
});
