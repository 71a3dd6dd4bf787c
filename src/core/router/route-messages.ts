// Errors and attempt records the router makes itself (as opposed to those from providers).
import type { Endpoint } from '../catalog/types';
import { ProviderError, type ErrorCategory } from '../errors';
import type { RoutePlan, SkippedEndpoint } from './route-plan';
import type { AttemptReport } from './types';

/** Provider id used on errors the router raises itself. */
export const ROUTER_PROVIDER_ID = 'switchboard';

/** An attempt record for an endpoint that was not called. */
export function skippedAttempt(endpoint: Endpoint, reason: string, at: number, fallback: boolean): AttemptReport {
  return { endpoint, outcome: 'skipped', reason, retry: 0, fallback, startedAt: at, durationMs: 0 };
}

/** The error shown when output had started: the partial answer stays, the message says where it broke. */
export function midAnswerError(err: ProviderError, providerName: string): ProviderError {
  return new ProviderError({
    ...err.toInit(),
    outputStarted: true,
    retryable: false,
    message: `Stopped mid-answer, on provider ${providerName}: ${err.message} The partial answer is kept; "Continue" finishes it on another endpoint.`,
  });
}

/** The error shown when no endpoint could even be tried. */
export function noRouteError(models: readonly string[], plan: RoutePlan): ProviderError {
  const reasons = plan.skipped.map((s) => `${s.key}: ${s.reason}`);
  for (const m of plan.unknownModels) reasons.push(`${m}: not in the catalog`);
  const category = noRouteCategory(plan.skipped, plan.unknownModels.length > 0);
  const hint =
    category === 'auth'
      ? ' Set a key with "Switchboard: Set API Key".'
      : category === 'overloaded'
        ? ' Every host is failing right now; Switchboard will probe them again shortly.'
        : category === 'bad_request'
          ? ' Pick a model with a host that can call tools or answer in a JSON schema.'
          : ' Check the model name and the routing preferences (only, ignore, max price, data policy, allowed providers).';
  return new ProviderError({
    category,
    provider: ROUTER_PROVIDER_ID,
    message: `No endpoint can serve ${models.join(', ')}. ${reasons.length ? `${reasons.join('; ')}.` : ''}${hint}`,
    retryable: false,
  });
}

function noRouteCategory(skipped: readonly SkippedEndpoint[], unknown: boolean): ErrorCategory {
  if (skipped.length > 0 && skipped.every((s) => s.code === 'no-key' || s.code === 'bad-key')) return 'auth';
  if (skipped.some((s) => s.code === 'breaker-open')) return 'overloaded';
  // No host can take the request as asked: a different request (or model) is needed, not a retry.
  if (skipped.length > 0 && skipped.every((s) => s.code === 'no-tools' || s.code === 'no-schema')) return 'bad_request';
  if (unknown && skipped.length === 0) return 'not_found';
  return 'not_found';
}

/** Adds why the router gave up retrying to a provider error, keeping its category. */
export function withRouterNote(err: ProviderError, note: string): ProviderError {
  return new ProviderError({ ...err.toInit(), message: `${err.message} ${note}` });
}
