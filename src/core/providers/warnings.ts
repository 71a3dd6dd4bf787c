// Turning request-building outcomes into stream events, the same way for every family.
import { ProviderError } from '../errors';
import type { StreamEvent, Warning } from '../types';

/** One `warning` event per dropped or changed parameter. */
export function warningEvents(warnings: readonly Warning[]): StreamEvent[] {
  return warnings.map((warning) => ({ type: 'warning', warning }));
}

/** The stream of a request that could not be built: an error, then finish. Never throws. */
export async function* failedStream(provider: string, e: unknown): AsyncGenerator<StreamEvent> {
  const error =
    e instanceof ProviderError
      ? e
      : new ProviderError({ category: 'bad_request', provider, message: String(e), retryable: false, cause: e });
  yield { type: 'error', error };
  yield { type: 'finish', reason: 'error' };
}
