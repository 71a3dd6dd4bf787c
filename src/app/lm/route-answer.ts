// Reads one routed answer for the language-model API: parts go to the caller as they come, and
// the failure (with the route's report, for the advice) is kept for the end.
import type { ProviderError } from '../../core/errors';
import type { RouteReport, RouterEvent } from '../../core/router/types';
import type { LmOutPart } from './response-parts';

/** How the answer is read and handed on. */
interface AnswerSink {
  partOf(ev: RouterEvent): LmOutPart | undefined;
  report(part: LmOutPart): void;
  cancelled(): boolean;
}

/** What the caller is told once the answer is read. */
interface RouteAnswer {
  error?: ProviderError;
  report?: RouteReport;
  /** Settles when the route itself has ended (its ledger, health and report written); never rejects. */
  routeEnded: Promise<void>;
}

/**
 * Reads a route until the model's answer is complete: its finish, a failure, or the route's end.
 * VS Code's extension host holds a provider's parts until 30 ms after the last one or until the
 * provider's call settles, so a short answer reaches its caller only when the provider returns.
 * After a finish the route still has its bookkeeping to do (draining the connection, the ledger,
 * health, the report); it runs to its end behind the caller's back, and `routeEnded` says when.
 * A failure is read to the end, since the advice needs the route's report.
 */
export async function readRouteAnswer(events: AsyncIterable<RouterEvent>, sink: AnswerSink): Promise<RouteAnswer> {
  const answer: RouteAnswer = { routeEnded: Promise.resolve() };
  const it = events[Symbol.asyncIterator]();
  let stopped = true;
  try {
    for (;;) {
      const next = await it.next();
      if (next.done) return answer;
      const ev = next.value;
      if (sink.cancelled()) return answer;
      const part = sink.partOf(ev);
      if (part) sink.report(part);
      else if (ev.type === 'error') answer.error = ev.error;
      else if (ev.type === 'route-report') answer.report = ev.report;
      else if (ev.type === 'finish' && !answer.error) {
        stopped = false;
        answer.routeEnded = drain(it);
        return answer;
      }
    }
  } finally {
    // Cancelled or failed here: the route is closed, as a for-await loop that is left would.
    if (stopped) await it.return?.();
  }
}

/** Reads the rest of a route; its failures are the engine's to record, not the caller's. */
async function drain(it: AsyncIterator<RouterEvent>): Promise<void> {
  try {
    while (!(await it.next()).done);
  } catch {
    // The engine has logged and recorded it; the caller already has its answer.
  }
}
