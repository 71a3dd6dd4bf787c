// How the board's records read as states and health figures at a given instant.
import { headroomOf, LOW_HEADROOM } from './headroom';
import { summary, type EndpointRecord, type ProviderRecord } from './health-records';
import type { EndpointHealth, HealthState, ProviderHealth } from './types';

const RANK: Record<HealthState, number> = { ok: 0, degraded: 1, down: 2 };

/** The worst of several states; `ok` for none. */
export function worst(states: readonly HealthState[]): HealthState {
  let out: HealthState = 'ok';
  for (const s of states) if (RANK[s] > RANK[out]) out = s;
  return out;
}

/** Down while the breaker is open; degraded while probing, failing often, short of headroom or cooling down. */
function endpointState(r: EndpointRecord, now: number, degradedErrorRate: number): HealthState {
  const breaker = r.breaker.state(now);
  if (breaker === 'open') return 'down';
  const headroom = headroomOf(r.rateLimit, r.rateLimitAt, now);
  if (
    breaker === 'half-open' ||
    r.outcomes.rate(now) > degradedErrorRate ||
    (headroom !== undefined && headroom < LOW_HEADROOM) ||
    r.coolingUntil > now
  )
    return 'degraded';
  return 'ok';
}

/** Down when every endpoint is down; degraded when any is not ok. */
export function providerState(p: ProviderRecord, now: number, degradedErrorRate: number): HealthState {
  let down = p.endpoints.size > 0;
  let degraded = false;
  for (const r of p.endpoints.values()) {
    const s = endpointState(r, now, degradedErrorRate);
    if (s !== 'down') down = false;
    if (s !== 'ok') degraded = true;
  }
  return down ? 'down' : degraded ? 'degraded' : 'ok';
}

/** One endpoint's figures for tooltips and `Show Provider Health`. */
export function endpointHealth(r: EndpointRecord, now: number, degradedErrorRate: number): EndpointHealth {
  return {
    key: r.key,
    provider: r.provider,
    modelId: r.modelId,
    ttftMs: summary(r.ttft),
    tokensPerSec: summary(r.tps),
    errorRate: r.outcomes.rate(now),
    calls: r.calls,
    lastError: r.lastError,
    breaker: r.breaker.state(now),
    breakerReopensAt: r.breaker.reopensAt(now),
    headroom: headroomOf(r.rateLimit, r.rateLimitAt, now),
    rateLimit: r.rateLimit,
    coolingUntil: r.coolingUntil > now ? r.coolingUntil : undefined,
    state: endpointState(r, now, degradedErrorRate),
  };
}

/** One provider's figures with each of its endpoints'. */
export function providerHealth(id: string, p: ProviderRecord, now: number, degradedErrorRate: number): ProviderHealth {
  return {
    provider: id,
    ttftMs: summary(p.ttft),
    tokensPerSec: summary(p.tps),
    errorRate: p.outcomes.rate(now),
    headroom: headroomOf(p.rateLimit, p.rateLimitAt, now),
    lastError: p.lastError,
    state: providerState(p, now, degradedErrorRate),
    endpoints: [...p.endpoints.values()].map((r) => endpointHealth(r, now, degradedErrorRate)),
  };
}
