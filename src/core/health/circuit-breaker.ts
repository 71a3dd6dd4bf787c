// One breaker per endpoint. Defaults and their reasons are in docs/routing.md.
import { OutcomeWindow } from './rolling-stats';
import type { BreakerState } from './types';

/** Tuning of a circuit breaker. */
export interface BreakerOptions {
  /** Consecutive failures that open the breaker (LiteLLM's `allowed_fails` is 3 too). */
  consecutiveFailures: number;
  /** Failure share over `rateWindowMs` that opens it even without a streak. */
  failureRate: number;
  rateWindowMs: number;
  /** Calls needed in the window before the rate counts, so 1 of 2 never opens it. */
  minCallsForRate: number;
  /** First cooldown before a probe is let through. */
  cooldownMs: number;
  /** Each failed probe multiplies the cooldown, up to `maxCooldownMs`. */
  cooldownMultiplier: number;
  maxCooldownMs: number;
}

/**
 * Defaults. LiteLLM cools a deployment for 5 s after 3 fails; that suits a server where a probe
 * is one of hundreds of calls a second. In an editor every probe is a user's real request, so a
 * failed probe costs that user a failover. 30 s matches OpenRouter's "outage in the last 30 s"
 * window, and doubling per failed probe (to 5 min) stops a dead host from taxing every request.
 */
export const DEFAULT_BREAKER_OPTIONS: BreakerOptions = {
  consecutiveFailures: 3,
  failureRate: 0.5,
  rateWindowMs: 60_000,
  minCallsForRate: 6,
  cooldownMs: 30_000,
  cooldownMultiplier: 2,
  maxCooldownMs: 300_000,
};

/** A state change, so the board can emit it. */
export interface BreakerTransition {
  from: BreakerState;
  to: BreakerState;
}

/** Closed → open after failures; open → half-open after a cooldown; one probe decides. */
export class CircuitBreaker {
  private position: BreakerState = 'closed';
  private streak = 0;
  private openedUntil = 0;
  private currentCooldown: number;
  private probeInFlight = false;
  private readonly window: OutcomeWindow;

  constructor(private readonly opts: BreakerOptions = DEFAULT_BREAKER_OPTIONS) {
    this.currentCooldown = opts.cooldownMs;
    this.window = new OutcomeWindow(opts.rateWindowMs);
  }

  /** Current state; an expired cooldown reads as half-open. */
  state(now: number): BreakerState {
    if (this.position === 'open' && now >= this.openedUntil) return 'half-open';
    return this.position;
  }

  /** When an open breaker will let a probe through (undefined unless open). */
  reopensAt(now: number): number | undefined {
    return this.state(now) === 'open' ? this.openedUntil : undefined;
  }

  /** Consecutive failures so far. */
  get failures(): number {
    return this.streak;
  }

  /** Whether a call may go now, without claiming the probe slot. */
  canPass(now: number): boolean {
    const s = this.state(now);
    return s === 'closed' || (s === 'half-open' && !this.probeInFlight);
  }

  /** Claims the right to call: always when closed, once (the probe) when half-open. */
  acquire(now: number): { ok: boolean; transition?: BreakerTransition } {
    const s = this.state(now);
    if (s === 'closed') return { ok: true };
    if (s === 'open' || this.probeInFlight) return { ok: false };
    this.probeInFlight = true;
    if (this.position === 'open') {
      this.position = 'half-open';
      return { ok: true, transition: { from: 'open', to: 'half-open' } };
    }
    return { ok: true };
  }

  /** Gives the probe slot back without a verdict (the call was cancelled). */
  release(): void {
    this.probeInFlight = false;
  }

  /** Records a success; a successful probe closes the breaker and resets the cooldown. */
  onSuccess(now: number): BreakerTransition | undefined {
    const from = this.state(now);
    this.streak = 0;
    this.probeInFlight = false;
    this.window.add(now, true);
    if (from === 'closed') return undefined;
    this.position = 'closed';
    this.currentCooldown = this.opts.cooldownMs;
    this.window.clear();
    return { from, to: 'closed' };
  }

  /** Records a failure that reflects the endpoint's health; may open the breaker. */
  onFailure(now: number): BreakerTransition | undefined {
    const from = this.state(now);
    this.streak++;
    this.window.add(now, false);
    if (from === 'half-open') {
      this.probeInFlight = false;
      this.currentCooldown = Math.min(this.opts.maxCooldownMs, this.currentCooldown * this.opts.cooldownMultiplier);
      return this.open(now, from);
    }
    if (from === 'open') return undefined;
    const { failures, total } = this.window.counts(now);
    const rateTrips = total >= this.opts.minCallsForRate && failures / total >= this.opts.failureRate;
    if (this.streak >= this.opts.consecutiveFailures || rateTrips) return this.open(now, from);
    return undefined;
  }

  private open(now: number, from: BreakerState): BreakerTransition {
    this.position = 'open';
    this.openedUntil = now + this.currentCooldown;
    return { from, to: 'open' };
  }
}
