// Adapts the health board for the status bar, and ticks it when a state may change with time alone
// (a cooldown ending, a breaker half-opening), so the item does not stay red after a provider recovered.
import type { HealthBoard } from '../../core/health/health-board';
import type { HealthSource } from './ports';

/** A HealthSource over the board, with a timer at the board's next time-driven change. */
export function healthSourceOf(
  board: Pick<HealthBoard, 'snapshot' | 'onDidChange' | 'tick' | 'nextChangeAt'>,
  now: () => number = Date.now,
): HealthSource & { dispose(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const at = board.nextChangeAt();
    if (at === undefined) return;
    timer = setTimeout(
      () => {
        timer = undefined;
        board.tick();
        schedule();
      },
      Math.max(50, at - now()),
    );
    // Never keeps a process alive on its own (tests, shutdown).
    (timer as { unref?: () => void }).unref?.();
  };
  const sub = board.onDidChange(() => schedule());
  return {
    snapshot: () => board.snapshot(),
    onChange(listener) {
      const d = board.onDidChange(listener);
      return () => d.dispose();
    },
    dispose() {
      if (timer) clearTimeout(timer);
      sub.dispose();
    },
  };
}
