// The route report's one list of warnings: every attempt's, once per host, so a retry at the
// same host does not repeat them and a fallback's own warnings still name their host.
import type { AttemptReport, RouteReport, RouteWarning } from './types';

function keyOf(w: RouteWarning): string {
  return JSON.stringify([w.provider, w.modelId, w.parameter, w.message]);
}

/** Adds an attempt's warnings to the report's list, skipping ones it already holds. */
export function addRouteWarnings(report: RouteReport, attempt: AttemptReport): void {
  if (!attempt.warnings?.length) return;
  const list = (report.warnings ??= []);
  const seen = new Set(list.map(keyOf));
  for (const w of attempt.warnings) {
    const named: RouteWarning = {
      provider: attempt.endpoint.provider,
      modelId: attempt.endpoint.modelId,
      parameter: w.parameter,
      message: w.message,
      ...(w.changed ? { changed: true as const } : {}),
    };
    const k = keyOf(named);
    if (seen.has(k)) continue;
    seen.add(k);
    list.push(named);
  }
}
