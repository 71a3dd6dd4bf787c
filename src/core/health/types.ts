// Public shapes of the health board: what the status bar, tooltips and the router read.
import type { ErrorCategory } from '../errors';
import type { RateLimitSnapshot } from '../types';

/** Circuit-breaker position of one endpoint. */
export type BreakerState = 'closed' | 'open' | 'half-open';

/** Traffic-light state of an endpoint, a provider, or everything. */
export type HealthState = 'ok' | 'degraded' | 'down';

/** A latency or throughput series: smoothed value plus window percentiles. */
export interface SeriesSummary {
  ewma?: number;
  p50?: number;
  p90?: number;
  samples: number;
}

/** The last failure seen, in words a user can read (messages are already redacted by adapters). */
export interface LastError {
  category: ErrorCategory;
  message: string;
  status?: number;
  at: number;
}

/** Health of one endpoint (provider + model id). */
export interface EndpointHealth {
  key: string;
  provider: string;
  modelId: string;
  ttftMs: SeriesSummary;
  tokensPerSec: SeriesSummary;
  /** Share of failed calls in the error window (0..1). */
  errorRate: number;
  calls: number;
  lastError?: LastError;
  breaker: BreakerState;
  /** When an open breaker lets the next probe through. */
  breakerReopensAt?: number;
  /** Remaining share of the tightest rate-limit window (0..1), when the provider reports one. */
  headroom?: number;
  rateLimit?: RateLimitSnapshot;
  /** Until when a `retry-after` asked us to stay away. */
  coolingUntil?: number;
  state: HealthState;
}

/** Health of one provider, aggregated over its endpoints. */
export interface ProviderHealth {
  provider: string;
  ttftMs: SeriesSummary;
  tokensPerSec: SeriesSummary;
  errorRate: number;
  headroom?: number;
  lastError?: LastError;
  state: HealthState;
  endpoints: EndpointHealth[];
}

/** Everything a tooltip needs, at one instant. */
export interface HealthSnapshot {
  at: number;
  /** Worst provider state; `ok` when nothing has been called yet. */
  overall: HealthState;
  providers: ProviderHealth[];
}

/** A change worth repainting the status bar for. */
export type HealthChange =
  | { kind: 'breaker'; key: string; provider: string; from: BreakerState; to: BreakerState; at: number }
  | { kind: 'state'; provider: string; from: HealthState; to: HealthState; overall: HealthState; at: number };

/** What routing reads from health for one endpoint; cheap to query in the planning hot path. */
export interface EndpointEstimate {
  ttftMs?: number;
  tokensPerSec?: number;
  errorRate: number;
  /** True when the endpoint should move down: low headroom or a pending `retry-after`. */
  demoted: boolean;
}
