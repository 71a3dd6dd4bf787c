// What a caller of the language-model API is told when a request fails: the router's reason plus
// what to do about it. Pure, so each case is unit-tested without an editor.
import type { ErrorCategory } from '../../core/errors';
import type { RouteReport } from '../../core/router/types';

/** Which LanguageModelError factory fits, so callers that branch on `code` see the usual codes. */
type LmErrorKind = 'no-permissions' | 'blocked' | 'not-found' | 'other';

/** A failure as the editor should raise it. */
export interface LmFailure {
  kind: LmErrorKind;
  message: string;
}

/** The failed attempts' categories (skips excluded). */
function triedCategories(report: RouteReport | undefined): ErrorCategory[] {
  return (report?.attempts ?? []).filter((a) => a.outcome === 'failed').flatMap((a) => (a.errorCategory ? [a.errorCategory] : []));
}

/** Turns the router's final error into a message that says what to do. */
export function adviseFailure(err: { category: ErrorCategory; message: string }, model: string, report?: RouteReport): LmFailure {
  const tried = triedCategories(report);
  switch (err.category) {
    case 'budget':
      // The guard's own message already says nothing was sent and where the limit is set.
      return {
        kind: 'blocked',
        message: /switchboard\.budgets/.test(err.message)
          ? `Switchboard budget: ${err.message}`
          : `Switchboard budget reached; nothing was sent: ${err.message} Raise the limit in the setting switchboard.budgets, or wait for the next period.`,
      };
    case 'auth':
    case 'permission':
      return {
        kind: 'no-permissions',
        message: `No usable API key for ${model}: ${err.message} Run "Switchboard: Set API Key" (or Manage Models → Switchboard) to add one.`,
      };
    case 'context_length':
      return {
        kind: 'other',
        message: `The conversation is too long for ${model}: ${err.message} Start a new chat, attach less context, or pick a model with a larger context window.`,
      };
    case 'payment':
      return {
        kind: 'other',
        message: `The provider refused payment for ${model}: ${err.message} Add credit with that provider, or pick another model.`,
      };
    case 'not_found':
      return { kind: 'not-found', message: `${err.message} Pick another model, or check the setting switchboard.routing.` };
    default:
      break;
  }
  if (tried.length > 0 && tried.every((c) => c === 'rate_limit')) {
    return {
      kind: 'other',
      message: `Every host of ${model} is rate-limited right now: ${err.message} Wait a minute, add a key for another host, or pick "Switchboard: cheapest capable".`,
    };
  }
  if (
    err.category === 'rate_limit' ||
    err.category === 'overloaded' ||
    err.category === 'server' ||
    err.category === 'network' ||
    err.category === 'timeout'
  ) {
    return {
      kind: 'other',
      message: `No host of ${model} could answer: ${err.message} Try again shortly, or pick a fallback chain or "Switchboard: cheapest capable".`,
    };
  }
  return { kind: 'other', message: err.message };
}
