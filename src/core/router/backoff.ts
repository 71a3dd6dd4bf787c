// How long to wait before retrying at the same endpoint.

/** Retry timing knobs. */
export interface RetryOptions {
  /** First backoff ceiling; doubles per retry (AI SDK starts at 2 s; we have other hosts to try first). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A `retry-after` longer than this means: fall back now instead of waiting (Portkey and the AI SDK cap at 60 s). */
  maxRetryAfterMs: number;
  /** Total time from the start of the request after which no new retry starts. */
  totalBudgetMs: number;
}

/** Defaults. */
export const DEFAULT_RETRY_OPTIONS: RetryOptions = {
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
  totalBudgetMs: 90_000,
};

/**
 * Exponential backoff with full jitter (uniform in [0, base·2^retry], capped), never shorter
 * than the server's `retry-after`. Returns undefined when the server asks for more than the cap.
 */
export function retryDelay(retry: number, retryAfterMs: number | undefined, random: () => number, o: RetryOptions): number | undefined {
  if (retryAfterMs !== undefined && retryAfterMs > o.maxRetryAfterMs) return undefined;
  const ceiling = Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** retry);
  const jittered = Math.floor(random() * ceiling);
  return Math.max(jittered, retryAfterMs ?? 0);
}

/** A sleep that ends early, with a rejection, when the signal aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason ?? new Error('aborted'));
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal?.reason ?? new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
