// The mutable records behind the health board; only the board writes them.
import type { ErrorCategory } from '../errors';
import type { RateLimitSnapshot } from '../types';
import type { CircuitBreaker } from './circuit-breaker';
import { OutcomeWindow, RollingStats } from './rolling-stats';
import type { HealthState, LastError, SeriesSummary } from './types';

/** Failures that say something about the endpoint itself (not the caller's request or key). */
const HEALTH_FAILURES: ReadonlySet<ErrorCategory> = new Set(['network', 'timeout', 'server', 'overloaded', 'rate_limit', 'protocol']);

/** Returns whether a failure of this category should count against an endpoint's health. */
export function countsAgainstHealth(category: ErrorCategory): boolean {
  return HEALTH_FAILURES.has(category);
}

/** Metrics kept for an endpoint and, aggregated, for its provider. */
export interface Series {
  ttft: RollingStats;
  tps: RollingStats;
  outcomes: OutcomeWindow;
  lastError?: LastError;
  rateLimit?: RateLimitSnapshot;
  rateLimitAt: number;
}

/** One endpoint's metrics, breaker and cooldown. */
export interface EndpointRecord extends Series {
  key: string;
  provider: string;
  modelId: string;
  breaker: CircuitBreaker;
  coolingUntil: number;
  calls: number;
}

/** One provider's aggregate metrics, its last emitted state and its endpoints. */
export interface ProviderRecord extends Series {
  state: HealthState;
  endpoints: Map<string, EndpointRecord>;
}

/** Empty series sized for the board's window. */
export function newSeries(windowSize: number, errorWindowMs: number): Series {
  return {
    ttft: new RollingStats(windowSize),
    tps: new RollingStats(windowSize),
    outcomes: new OutcomeWindow(errorWindowMs),
    rateLimitAt: 0,
  };
}

/** A series as the snapshot shows it. */
export function summary(s: RollingStats): SeriesSummary {
  return { ewma: s.ewma, p50: s.percentile(50), p90: s.percentile(90), samples: s.samples };
}
