// What to do after a failed attempt. Decided from the error's category, never from its text.
import type { ProviderError } from '../errors';
import type { HealthView, PlannedEndpoint } from './route-plan';
import type { RoutedRequest } from './types';

/**
 * - `stop`: the caller or the user must fix it (400, 401, 403, content policy), or it was cancelled.
 * - `transient`: retry here or fall back (network, timeout, 408, 429, 5xx, 529, garbled stream).
 * - `next-host`: this host cannot serve it but another may (404 model unknown here, 402 out of credits); no retry here.
 * - `larger-context`: fall back only to a host with a larger context window.
 * - `partial`: output already reached the caller; the response ends here.
 */
export type FailureAction = 'stop' | 'transient' | 'next-host' | 'larger-context' | 'partial';

/** Classifies a failed attempt. `outputStarted` is the router's own view of what the caller saw. */
export function failureAction(err: ProviderError, outputStarted: boolean): FailureAction {
  if (err.category === 'cancelled') return 'stop';
  if (outputStarted || err.outputStarted) return 'partial';
  switch (err.category) {
    case 'context_length':
      return 'larger-context';
    case 'not_found':
    case 'payment':
      return 'next-host';
    case 'auth':
    case 'permission':
    case 'bad_request':
    case 'content_policy':
    case 'budget':
      return 'stop';
    default:
      return err.retryable ? 'transient' : 'stop';
  }
}

/** A rough prompt size (4 characters a token) for when the failed host's window is unknown. */
export function estimatePromptTokens(req: Pick<RoutedRequest, 'messages'>): number {
  let chars = 0;
  for (const m of req.messages)
    chars +=
      typeof m.content === 'string' ? m.content.length : m.content.reduce((n, p) => n + (p.type === 'text' ? p.text.length : 1000), 0);
  return Math.ceil(chars / 4);
}

/** Whether a candidate after `i` could still be tried, so a transient failure should move on rather than wait. */
export function hasViableAfter(
  candidates: readonly PlannedEndpoint[],
  i: number,
  minContext: number | undefined,
  health: HealthView | undefined,
): boolean {
  for (let j = i + 1; j < candidates.length; j++) {
    const c = candidates[j];
    if (minContext !== undefined && !((c.endpoint.contextWindow ?? 0) > minContext)) continue;
    if (c.lastResort || !health || health.canPass(c.key)) return true;
  }
  return false;
}

/**
 * Whether a retry at `c` after waiting until `at` would get past its breaker. When it would not,
 * waiting is wasted: the attempt is skipped as "circuit open" the moment the wait ends.
 */
export function retryWouldPass(c: PlannedEndpoint, at: number, health: HealthView | undefined): boolean {
  if (c.lastResort || !health || health.canPass(c.key)) return true;
  const reopens = health.reopensAt(c.key);
  return reopens !== undefined && reopens <= at;
}
