// The route report: every attempt noted as it happens, the observers told, and the closing
// events of a route that no attempt answered.
import { ProviderError } from '../errors';
import { midAnswerError, noRouteError, ROUTER_PROVIDER_ID } from './route-messages';
import type { PlannedEndpoint, RoutePlan, SkippedEndpoint } from './route-plan';
import { addRouteWarnings } from './route-warnings';
import type { AttemptContext, RouterDeps } from './router-deps';
import type { AttemptReport, RoutedRequest, RouteReport, RouterEvent } from './types';

/** How the attempt loop ended, as the report needs it. */
export interface LoopEnd {
  served?: PlannedEndpoint;
  /** The stream already closed with a mid-answer error. */
  ended: boolean;
  aborted: boolean;
  lastError?: ProviderError;
  /** Hosts skipped at call time because their circuit had opened since the plan. */
  breakerSkips?: readonly SkippedEndpoint[];
}

/** Builds one route's report and hands it over once, however the reader ends. */
export class RouteRecorder {
  readonly report: RouteReport = { attempts: [], strategy: 'balanced' };

  constructor(
    readonly ctx: AttemptContext,
    private readonly deps: Pick<RouterDeps, 'onAttempt' | 'onRouteReport' | 'onRouteEnd'>,
  ) {}

  /** Notes an attempt and streams it. Only real calls (`called`) reach the ledger; skips do not. */
  *note(attempt: AttemptReport, called: boolean): Generator<RouterEvent> {
    this.record(attempt, called);
    yield { type: 'attempt', attempt };
  }

  record(attempt: AttemptReport, called: boolean): void {
    this.report.attempts.push(attempt);
    addRouteWarnings(this.report, attempt);
    if (!called || !this.deps.onAttempt) return;
    try {
      this.deps.onAttempt(attempt, this.ctx);
    } catch {
      // The ledger failing must not fail the user's request.
    }
  }

  /** The endpoint whose answer the user has, whole or in part. */
  servedBy(c: PlannedEndpoint): void {
    this.report.servedBy = c.endpoint;
    if (c.comparableOf) this.report.comparableFallback = { from: c.comparableOf, to: c.requested };
  }

  /** Output had started when the endpoint failed: the answer stays, marked partial. */
  *partial(c: PlannedEndpoint, err: ProviderError): Generator<RouterEvent> {
    this.report.partial = true;
    this.servedBy(c);
    yield { type: 'error', error: midAnswerError(err, c.descriptor.displayName) };
    yield { type: 'finish', reason: 'error' };
  }

  /** The budget refused the request before any call. */
  *blocked(err: ProviderError): Generator<RouterEvent> {
    yield { type: 'error', error: err };
    yield { type: 'finish', reason: 'error' };
    yield { type: 'route-report', report: this.report };
  }

  /** Closes the stream after the loop: the served endpoint, or why nothing answered. */
  *settle(end: LoopEnd, req: RoutedRequest, plan: RoutePlan): Generator<RouterEvent> {
    if (end.served) return this.servedBy(end.served);
    if (end.ended) return;
    const cancelled = end.aborted || end.lastError?.category === 'cancelled';
    yield {
      type: 'error',
      error: cancelled ? cancelledError(end.lastError) : (end.lastError ?? noRouteError(req.models, withLoopSkips(plan, end))),
    };
    yield { type: 'finish', reason: cancelled ? 'cancelled' : 'error' };
  }

  /** Hands the report to its observers; called from the route's `finally`. */
  handOver(): void {
    try {
      this.deps.onRouteReport?.(this.report, this.ctx);
    } catch {
      // Like the ledger: a failing observer must not fail the user's request.
    }
    this.deps.onRouteEnd?.(this.ctx);
  }
}

function cancelledError(last: ProviderError | undefined): ProviderError {
  if (last?.category === 'cancelled') return last;
  return new ProviderError({ category: 'cancelled', provider: ROUTER_PROVIDER_ID, message: 'Request cancelled.', retryable: false });
}

/** The plan as the loop left it: hosts whose circuit opened after planning count as skipped. */
function withLoopSkips(plan: RoutePlan, end: LoopEnd): RoutePlan {
  return end.breakerSkips?.length ? { ...plan, skipped: [...plan.skipped, ...end.breakerSkips] } : plan;
}
