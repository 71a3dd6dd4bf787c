// Money held by requests that were admitted and have not settled yet. Without it, requests sent
// together all see the same settled spend and all pass a nearly spent budget. The book lives in
// one process: other windows see this window's spend only once it is settled in the ledger.

/** A hold on part of a budget; `release` is idempotent. */
interface Reservation {
  readonly usd: number;
  readonly workspace: string | undefined;
  release(): void;
}

interface Hold {
  usd: number;
  workspace: string | undefined;
  expiresAt: number;
}

/**
 * A hold normally ends when its request settles. This bound only covers a stream whose consumer
 * vanished without closing it, so a lost hold cannot block the budget for the rest of the day.
 */
export const RESERVATION_TTL_MS = 15 * 60_000;

/** The holds of one process, keyed by route id. */
export class ReservationBook {
  private readonly holds = new Map<string, Hold>();

  constructor(private readonly monotonic: () => number = () => performance.now()) {}

  /** Holds `usd` for `key` (replacing an earlier hold under the same key). */
  reserve(key: string, usd: number, workspace: string | undefined): Reservation {
    const hold: Hold = { usd: Number.isFinite(usd) && usd > 0 ? usd : 0, workspace, expiresAt: this.monotonic() + RESERVATION_TTL_MS };
    this.holds.set(key, hold);
    return { usd: hold.usd, workspace, release: () => this.releaseHold(key, hold) };
  }

  /** Ends the hold under `key`, if any. */
  release(key: string): void {
    this.holds.delete(key);
  }

  /** USD held in total (`workspace` undefined) or by requests of one workspace. */
  heldUsd(workspace?: string): number {
    this.expire();
    let sum = 0;
    for (const h of this.holds.values()) if (workspace === undefined || h.workspace === workspace) sum += h.usd;
    return sum;
  }

  /** Number of live holds. */
  get size(): number {
    this.expire();
    return this.holds.size;
  }

  private releaseHold(key: string, hold: Hold): void {
    // A newer hold under the same key is not this reservation's to end.
    if (this.holds.get(key) === hold) this.holds.delete(key);
  }

  private expire(): void {
    const now = this.monotonic();
    for (const [k, h] of this.holds) if (h.expiresAt <= now) this.holds.delete(k);
  }
}
