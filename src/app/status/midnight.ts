// "Today" and "this month" are local calendar periods: a view that only repaints on ledger events
// would show yesterday's figures until the next request. This wakes views at local midnight.
// No vscode import, so it is unit-tested with a fake clock and timers.
import { dayKey } from '../../core/ledger/periods';

/** Milliseconds from `now` to the first instant of the next local day (23 or 25 h away across DST). */
export function msUntilNextLocalMidnight(now: number): number {
  const d = new Date(now);
  // Date normalises day overflow (month and year ends) and resolves a midnight skipped by DST to the
  // first existing instant of that day.
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime() - now;
}

/**
 * Longest single wait. Timers run on a monotonic clock that stops while a machine sleeps, so a
 * laptop suspended over midnight would otherwise stay on yesterday for hours after waking.
 */
export const MAX_WAIT_MS = 10 * 60_000;

/** Clock and timers, injectable for tests. */
export interface TimerHost {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: TimerHost = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    // Never keeps a process alive on its own (tests, shutdown).
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** Calls `onNewDay` once each time the local date changes, until disposed. */
export function onLocalMidnight(onNewDay: () => void, timers: TimerHost = realTimers): { dispose(): void } {
  let day = dayKey(timers.now());
  let handle: unknown;
  let disposed = false;
  const arm = () => {
    if (disposed) return;
    // A little past midnight, so a timer that fires a hair early still lands on the new day.
    const wait = Math.min(msUntilNextLocalMidnight(timers.now()) + 1000, MAX_WAIT_MS);
    handle = timers.setTimeout(fire, wait);
  };
  const fire = () => {
    handle = undefined;
    if (disposed) return;
    try {
      const today = dayKey(timers.now());
      if (today !== day) {
        day = today;
        onNewDay();
      }
    } finally {
      arm();
    }
  };
  arm();
  return {
    dispose() {
      disposed = true;
      if (handle !== undefined) timers.clearTimeout(handle);
      handle = undefined;
    },
  };
}
