// A metric series: an EWMA reacts fast, a ring of recent samples gives honest percentiles.

/** EWMA plus p50/p90 over the last `size` samples. Allocation-free on `add`. */
export class RollingStats {
  private readonly ring: Float64Array;
  private count = 0;
  private next = 0;
  private smoothed: number | undefined;

  /** `alpha` weighs the newest sample; 0.2 forgets a one-off spike within ~10 calls. */
  constructor(
    size = 50,
    private readonly alpha = 0.2,
  ) {
    this.ring = new Float64Array(size);
  }

  /** Adds one sample; non-finite values are ignored. */
  add(v: number): void {
    if (!Number.isFinite(v)) return;
    this.ring[this.next] = v;
    this.next = (this.next + 1) % this.ring.length;
    if (this.count < this.ring.length) this.count++;
    this.smoothed = this.smoothed === undefined ? v : this.alpha * v + (1 - this.alpha) * this.smoothed;
  }

  /** The smoothed value, undefined before the first sample. */
  get ewma(): number | undefined {
    return this.smoothed;
  }

  /** Samples held in the window. */
  get samples(): number {
    return this.count;
  }

  /** Nearest-rank percentile (0..100) over the window. */
  percentile(p: number): number | undefined {
    if (this.count === 0) return undefined;
    const sorted = Array.from(this.ring.subarray(0, this.count)).sort((a, b) => a - b);
    const rank = Math.min(this.count - 1, Math.max(0, Math.ceil((p / 100) * this.count) - 1));
    return sorted[rank];
  }
}

/** Success/failure outcomes with timestamps, for an error rate over a time window. */
export class OutcomeWindow {
  private readonly at: number[] = [];
  private readonly ok: boolean[] = [];

  constructor(
    private readonly windowMs: number,
    private readonly maxEntries = 200,
  ) {}

  /** Records one outcome. */
  add(now: number, success: boolean): void {
    this.at.push(now);
    this.ok.push(success);
    this.prune(now);
  }

  /** Failures and total calls within the window ending at `now`. */
  counts(now: number): { failures: number; total: number } {
    this.prune(now);
    let failures = 0;
    for (const o of this.ok) if (!o) failures++;
    return { failures, total: this.ok.length };
  }

  /** Failure share in the window (0 when empty). */
  rate(now: number): number {
    const { failures, total } = this.counts(now);
    return total === 0 ? 0 : failures / total;
  }

  /** Forgets everything (a breaker closing starts a clean record). */
  clear(): void {
    this.at.length = 0;
    this.ok.length = 0;
  }

  private prune(now: number): void {
    let drop = 0;
    while (drop < this.at.length && (now - this.at[drop] > this.windowMs || this.at.length - drop > this.maxEntries)) drop++;
    if (drop) {
      this.at.splice(0, drop);
      this.ok.splice(0, drop);
    }
  }
}
