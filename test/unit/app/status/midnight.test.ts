import * as assert from 'node:assert/strict';
import { dayKey } from '../../../../src/core/ledger/periods';
import { MAX_WAIT_MS, msUntilNextLocalMidnight, onLocalMidnight, type TimerHost } from '../../../../src/app/status/midnight';
import { withTimeZone } from '../../ledger/fixtures/time-zone';

const H = 3600_000;

// A clock and a single-slot timer queue that tests advance by hand.
function fakeTimers(start: number): TimerHost & { t: number; pending?: { fn: () => void; at: number }; run(): void; cleared: number } {
  const f = {
    t: start,
    pending: undefined as { fn: () => void; at: number } | undefined,
    cleared: 0,
    now: () => f.t,
    setTimeout: (fn: () => void, ms: number) => {
      assert.ok(ms > 0, 'never a busy loop');
      f.pending = { fn, at: f.t + ms };
      return f.pending;
    },
    clearTimeout: (h: unknown) => {
      if (h === f.pending) f.pending = undefined;
      f.cleared++;
    },
    // Jumps the clock to the armed timer and fires it.
    run: () => {
      const p = f.pending!;
      f.pending = undefined;
      f.t = Math.max(f.t, p.at);
      p.fn();
    },
  };
  return f;
}

describe('local midnight', () => {
  it('counts to the first instant of the next local day', () => {
    assert.equal(msUntilNextLocalMidnight(new Date(2026, 10, 25, 23, 59, 30).getTime()), 30_000);
    assert.equal(msUntilNextLocalMidnight(new Date(2026, 10, 25, 0, 0).getTime()), 24 * H);
    assert.equal(msUntilNextLocalMidnight(new Date(2026, 11, 31, 18).getTime()), 6 * H, 'across a year end');
    assert.equal(msUntilNextLocalMidnight(new Date(2026, 1, 28, 12).getTime()), 12 * H, 'into 1 March');
  });

  it('is 23 h and 25 h away on DST days, and finds a midnight that DST skips', () => {
    withTimeZone('Europe/Berlin', () => {
      assert.equal(msUntilNextLocalMidnight(new Date(2026, 2, 29, 0, 30).getTime()), 22.5 * H, 'spring forward: a 23 h day');
      assert.equal(msUntilNextLocalMidnight(new Date(2026, 9, 25, 0, 30).getTime()), 24.5 * H, 'fall back: a 25 h day');
    });
    // Chile moves its clocks at midnight: 2026-09-06 has no 00:00, the day starts at 01:00.
    withTimeZone('America/Santiago', () => {
      const now = new Date(2026, 8, 5, 23, 0).getTime();
      const ms = msUntilNextLocalMidnight(now);
      assert.equal(ms, H);
      assert.equal(dayKey(now + ms), '2026-09-06');
      assert.equal(dayKey(now + ms - 1), '2026-09-05');
    });
  });

  it('calls back once per new local day, and re-arms each time', () => {
    const f = fakeTimers(new Date(2026, 10, 30, 22, 0).getTime());
    let calls = 0;
    const m = onLocalMidnight(() => calls++, f);
    // Wakes at most every MAX_WAIT_MS, so a machine that slept past midnight catches up soon after waking.
    assert.equal(f.pending!.at - f.t, MAX_WAIT_MS);
    while (dayKey(f.t) === '2026-11-30') f.run();
    assert.equal(calls, 1, 'once, on 1 December (a new month too)');
    assert.ok(f.t - new Date(2026, 11, 1).getTime() <= 1000, 'within a second of midnight');
    for (let i = 0; i < 10; i++) f.run();
    assert.equal(calls, 1, 'not again the same day');
    assert.ok(f.pending, 'still armed');
    m.dispose();
    assert.equal(f.pending, undefined, 'dispose clears the timer');
  });

  it('catches up after a sleep across midnight, and keeps going if the callback throws', () => {
    const f = fakeTimers(new Date(2026, 10, 25, 23, 0).getTime());
    let calls = 0;
    const m = onLocalMidnight(() => {
      calls++;
      throw new Error('repaint failed');
    }, f);
    f.t = new Date(2026, 10, 26, 7, 0).getTime(); // woke up long after the timer's due time
    assert.throws(() => f.run(), /repaint failed/);
    assert.equal(calls, 1);
    assert.ok(f.pending, 're-armed despite the error');
    m.dispose();
  });
});
