// Live health from the user's own traffic: latency, throughput, errors, headroom and breakers.
import type { Endpoint } from '../catalog/types';
import { endpointKey } from '../catalog/types';
import type { ProviderError } from '../errors';
import { systemClock, type Clock } from '../platform';
import type { RateLimitSnapshot } from '../types';
import { CircuitBreaker, DEFAULT_BREAKER_OPTIONS, type BreakerOptions, type BreakerTransition } from './circuit-breaker';
import { headroomOf, LOW_HEADROOM } from './headroom';
import { countsAgainstHealth, newSeries, type EndpointRecord, type ProviderRecord, type Series } from './health-records';
import { endpointHealth, providerHealth, providerState, worst } from './health-views';
import type {
  BreakerState,
  EndpointEstimate,
  EndpointHealth,
  HealthChange,
  HealthSnapshot,
  HealthState,
  LastError,
  ProviderHealth,
} from './types';

export { countsAgainstHealth } from './health-records';

/** Which endpoint a record is about. */
type EndpointRef = Pick<Endpoint, 'provider' | 'modelId'>;

/** Tuning of the board. */
interface HealthBoardOptions {
  clock?: Clock;
  breaker?: Partial<BreakerOptions>;
  /** Samples kept per series for percentiles. */
  windowSize?: number;
  /** Window of the error rate shown to the user. */
  errorWindowMs?: number;
  /** Error rate above which an endpoint reads as degraded. */
  degradedErrorRate?: number;
}

/** Per-provider and per-endpoint health with a circuit breaker per endpoint. */
export class HealthBoard {
  private readonly clock: Clock;
  private readonly breakerOpts: BreakerOptions;
  private readonly windowSize: number;
  private readonly errorWindowMs: number;
  private readonly degradedErrorRate: number;
  private readonly endpoints = new Map<string, EndpointRecord>();
  private readonly providers = new Map<string, ProviderRecord>();
  private readonly listeners = new Set<(c: HealthChange) => void>();
  private lastOverall: HealthState = 'ok';

  constructor(opts: HealthBoardOptions = {}) {
    this.clock = opts.clock ?? systemClock;
    this.breakerOpts = { ...DEFAULT_BREAKER_OPTIONS, ...opts.breaker };
    this.windowSize = opts.windowSize ?? 50;
    this.errorWindowMs = opts.errorWindowMs ?? 300_000;
    this.degradedErrorRate = opts.degradedErrorRate ?? 0.2;
  }

  /** Subscribes to health changes (for the status bar); returns a disposable. */
  onDidChange(listener: (c: HealthChange) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  /** Records a completed call with its time to first token and throughput. */
  recordSuccess(ep: EndpointRef, m: { ttftMs?: number; tokensPerSec?: number } = {}): void {
    const now = this.clock.now();
    const r = this.record(ep);
    const p = this.providerRecord(ep.provider);
    r.calls++;
    for (const s of [r, p] as Series[]) {
      if (m.ttftMs !== undefined) s.ttft.add(m.ttftMs);
      if (m.tokensPerSec !== undefined) s.tps.add(m.tokensPerSec);
      s.outcomes.add(now, true);
    }
    this.emitBreaker(r, r.breaker.onSuccess(now), now);
    this.refresh(ep.provider, now);
  }

  /** Records a failed call; only endpoint-health failures move the breaker and the error rate. */
  recordFailure(ep: EndpointRef, err: ProviderError): void {
    const now = this.clock.now();
    const r = this.record(ep);
    const p = this.providerRecord(ep.provider);
    const last: LastError = { category: err.category, message: err.message, status: err.status, at: now };
    r.lastError = last;
    p.lastError = last;
    if (err.category === 'cancelled') {
      r.breaker.release();
      return;
    }
    r.calls++;
    if (countsAgainstHealth(err.category)) {
      r.outcomes.add(now, false);
      p.outcomes.add(now, false);
      this.emitBreaker(r, r.breaker.onFailure(now), now);
    } else {
      // The endpoint answered correctly (e.g. a 400); a pending probe has proved it is up.
      this.emitBreaker(r, r.breaker.onSuccess(now), now);
    }
    this.refresh(ep.provider, now);
  }

  /** Stores the rate-limit headers of a response. */
  recordRateLimit(ep: EndpointRef, snap: RateLimitSnapshot | undefined): void {
    if (!snap) return;
    const now = this.clock.now();
    const r = this.record(ep);
    const p = this.providerRecord(ep.provider);
    r.rateLimit = p.rateLimit = snap;
    r.rateLimitAt = p.rateLimitAt = now;
    this.refresh(ep.provider, now);
  }

  /** Remembers a `retry-after`: the endpoint moves down until then. */
  recordCooldown(ep: EndpointRef, untilMs: number): void {
    const r = this.record(ep);
    r.coolingUntil = Math.max(r.coolingUntil, untilMs);
    this.refresh(ep.provider, this.clock.now());
  }

  /** Breaker state of an endpoint (closed when never seen). */
  breakerState(key: string): BreakerState {
    return this.endpoints.get(key)?.breaker.state(this.clock.now()) ?? 'closed';
  }

  /** When an open breaker lets a probe through. */
  reopensAt(key: string): number | undefined {
    return this.endpoints.get(key)?.breaker.reopensAt(this.clock.now());
  }

  /** Whether a call could go now (closed, or half-open with the probe slot free). */
  canPass(key: string): boolean {
    return this.endpoints.get(key)?.breaker.canPass(this.clock.now()) ?? true;
  }

  /** Claims the right to call an endpoint; a half-open breaker grants it to one probe. */
  acquire(ep: EndpointRef): boolean {
    const r = this.endpoints.get(endpointKey(ep));
    if (!r) return true;
    const now = this.clock.now();
    const { ok, transition } = r.breaker.acquire(now);
    this.emitBreaker(r, transition, now);
    return ok;
  }

  /** Gives back a probe slot without a verdict. */
  release(ep: EndpointRef): void {
    this.endpoints.get(endpointKey(ep))?.breaker.release();
  }

  /** What the planner needs about an endpoint; falls back to provider-level figures. */
  estimate(key: string, provider: string): EndpointEstimate {
    const r = this.endpoints.get(key);
    const p = this.providers.get(provider);
    if (!r && !p) return NO_DATA;
    const now = this.clock.now();
    const src = r && r.ttft.samples > 0 ? r : p;
    const tsrc = r && r.tps.samples > 0 ? r : p;
    const headroom = r ? headroomOf(r.rateLimit, r.rateLimitAt, now) : p ? headroomOf(p.rateLimit, p.rateLimitAt, now) : undefined;
    return {
      ttftMs: src?.ttft.ewma,
      tokensPerSec: tsrc?.tps.ewma,
      errorRate: r ? r.outcomes.rate(now) : 0,
      demoted: (headroom !== undefined && headroom < LOW_HEADROOM) || (r !== undefined && r.coolingUntil > now),
    };
  }

  /**
   * Re-evaluates states that change with time alone (a cooldown ending, a rate-limit window
   * resetting) and emits what changed; call it from a timer, e.g. at `nextChangeAt()`.
   */
  tick(): void {
    const now = this.clock.now();
    for (const id of this.providers.keys()) this.refresh(id, now);
  }

  /** The next instant at which a state may change without traffic, if any. */
  nextChangeAt(): number | undefined {
    const now = this.clock.now();
    let next: number | undefined;
    const consider = (t: number | undefined) => {
      if (t !== undefined && t > now && (next === undefined || t < next)) next = t;
    };
    for (const r of this.endpoints.values()) {
      consider(r.breaker.reopensAt(now));
      consider(r.coolingUntil);
      if (r.rateLimit?.resetMs !== undefined) consider(r.rateLimitAt + r.rateLimit.resetMs);
    }
    return next;
  }

  /** Health of one endpoint, if it has seen traffic. */
  endpoint(key: string): EndpointHealth | undefined {
    const r = this.endpoints.get(key);
    return r ? endpointHealth(r, this.clock.now(), this.degradedErrorRate) : undefined;
  }

  /** Everything, for tooltips and `Show Provider Health`. */
  snapshot(): HealthSnapshot {
    const now = this.clock.now();
    const providers: ProviderHealth[] = [];
    for (const [id, p] of this.providers) providers.push(providerHealth(id, p, now, this.degradedErrorRate));
    providers.sort((a, b) => a.provider.localeCompare(b.provider));
    return { at: now, overall: worst(providers.map((p) => p.state)), providers };
  }

  private record(ep: EndpointRef): EndpointRecord {
    const key = endpointKey(ep);
    let r = this.endpoints.get(key);
    if (!r) {
      r = {
        key,
        provider: ep.provider,
        modelId: ep.modelId,
        ...this.series(),
        breaker: new CircuitBreaker(this.breakerOpts),
        coolingUntil: 0,
        calls: 0,
      };
      this.endpoints.set(key, r);
      this.providerRecord(ep.provider).endpoints.set(key, r);
    }
    return r;
  }

  private providerRecord(id: string): ProviderRecord {
    let p = this.providers.get(id);
    if (!p) {
      p = { ...this.series(), state: 'ok', endpoints: new Map() };
      this.providers.set(id, p);
    }
    return p;
  }

  private series(): Series {
    return newSeries(this.windowSize, this.errorWindowMs);
  }

  private emitBreaker(r: EndpointRecord, t: BreakerTransition | undefined, now: number): void {
    if (t) this.emit({ kind: 'breaker', key: r.key, provider: r.provider, from: t.from, to: t.to, at: now });
  }

  private refresh(provider: string, now: number): void {
    const p = this.providers.get(provider);
    if (!p) return;
    const next = providerState(p, now, this.degradedErrorRate);
    if (next === p.state) return;
    const from = p.state;
    p.state = next;
    const overall = worst([...this.providers.values()].map((q) => q.state));
    this.lastOverall = overall;
    this.emit({ kind: 'state', provider, from, to: next, overall, at: now });
  }

  private emit(c: HealthChange): void {
    for (const l of this.listeners) {
      try {
        l(c);
      } catch {
        // A broken listener must not break routing.
      }
    }
  }

  /** Worst provider state as of the last change. */
  get overall(): HealthState {
    return this.lastOverall;
  }
}

const NO_DATA: EndpointEstimate = Object.freeze({ errorRate: 0, demoted: false });
