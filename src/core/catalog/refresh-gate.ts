// Bounds how often each source is fetched, and makes concurrent refreshes of one source share one fetch.
import type { Clock } from '../platform';

/** Per-source rate limiter with single-flight. */
export class RefreshGate {
  private readonly lastAttempt = new Map<string, number>();
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(
    private readonly clock: Clock,
    private readonly minIntervalMs: number,
  ) {}

  /** Records that a source was fetched at `at` (e.g. from the disk cache) so a restart does not refetch at once. */
  seed(source: string, at: number): void {
    this.lastAttempt.set(source, Math.max(this.lastAttempt.get(source) ?? 0, at));
  }

  /** Whether a source may be fetched now. */
  due(source: string): boolean {
    const last = this.lastAttempt.get(source);
    return last === undefined || this.clock.now() - last >= this.minIntervalMs;
  }

  /**
   * Runs `fn` unless the source ran within the interval (→ 'skipped'). A running fetch is joined, never
   * duplicated. `force` ignores the interval (an explicit user action) but still joins a running fetch.
   */
  run<T>(source: string, fn: () => Promise<T>, force = false): Promise<T | 'skipped'> {
    const running = this.inFlight.get(source) as Promise<T> | undefined;
    if (running) return running;
    if (!force && !this.due(source)) return Promise.resolve('skipped');
    // Failures count too: a failing feed is retried at the same bounded rate, not hammered.
    this.lastAttempt.set(source, this.clock.now());
    const p = fn().finally(() => this.inFlight.delete(source));
    this.inFlight.set(source, p);
    return p;
  }
}
