// Reads rate-limit headroom headers. Which prefix a provider uses is descriptor data.
import type { RateLimitSnapshot } from '../types';

/** Header naming schemes seen in the wild. */
export type RateLimitScheme = 'openai' | 'anthropic' | 'none';

/** Parses `x-ratelimit-*` (OpenAI style) or `anthropic-ratelimit-*` headers. */
export function parseRateLimit(headers: Record<string, string>, scheme: RateLimitScheme, now = Date.now()): RateLimitSnapshot | undefined {
  if (scheme === 'none') return undefined;
  const num = (name: string) => {
    const v = headers[name];
    if (v === undefined) return undefined;
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  };
  const snap: RateLimitSnapshot = {};
  const resets: (number | undefined)[] = [];
  if (scheme === 'openai') {
    snap.requestsLimit = num('x-ratelimit-limit-requests');
    snap.requestsRemaining = num('x-ratelimit-remaining-requests');
    snap.tokensLimit = num('x-ratelimit-limit-tokens');
    snap.tokensRemaining = num('x-ratelimit-remaining-tokens');
    resets.push(parseDuration(headers['x-ratelimit-reset-requests']), parseDuration(headers['x-ratelimit-reset-tokens']));
  } else {
    const p = 'anthropic-ratelimit-';
    snap.requestsLimit = num(`${p}requests-limit`);
    snap.requestsRemaining = num(`${p}requests-remaining`);
    snap.tokensLimit = num(`${p}tokens-limit`) ?? num(`${p}input-tokens-limit`);
    snap.tokensRemaining = num(`${p}tokens-remaining`) ?? num(`${p}input-tokens-remaining`);
    for (const k of ['requests', 'tokens', 'input-tokens', 'output-tokens']) {
      const r = headers[`${p}${k}-reset`];
      if (r) {
        const t = Date.parse(r);
        resets.push(Number.isNaN(t) ? undefined : Math.max(0, t - now));
      }
    }
  }
  const known = resets.filter((r): r is number => r !== undefined);
  if (known.length) snap.resetMs = Math.min(...known);
  const any = Object.values(snap).some((v) => v !== undefined);
  return any ? snap : undefined;
}

/** Parses OpenAI's reset durations such as `1s`, `6m0s`, `250ms`, `1h2m3.5s`. */
export function parseDuration(v: string | undefined): number | undefined {
  if (!v) return undefined;
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
  let total = 0;
  let matched = false;
  for (const m of v.matchAll(re)) {
    matched = true;
    const n = Number(m[1]);
    total += m[2] === 'ms' ? n : m[2] === 's' ? n * 1000 : m[2] === 'm' ? n * 60_000 : n * 3_600_000;
  }
  if (matched) return total;
  const secs = Number(v);
  return Number.isFinite(secs) ? secs * 1000 : undefined;
}

/**
 * When a 429 without retry-after may be tried again: the latest reset among the windows that are
 * at zero, or the soonest reset when the headers name none at zero. Undefined without reset headers.
 */
export function rateLimitRetryHint(headers: Record<string, string>, scheme: RateLimitScheme, now = Date.now()): number | undefined {
  const windows = rateWindows(headers, scheme, now).filter((w) => w.resetMs !== undefined);
  const exhausted = windows.filter((w) => w.remaining === 0);
  if (exhausted.length) return Math.max(...exhausted.map((w) => w.resetMs!));
  return windows.length ? Math.min(...windows.map((w) => w.resetMs!)) : undefined;
}

function rateWindows(headers: Record<string, string>, scheme: RateLimitScheme, now: number): { remaining?: number; resetMs?: number }[] {
  const num = (v: string | undefined) => (v === undefined || !Number.isFinite(Number(v)) ? undefined : Number(v));
  if (scheme === 'openai') {
    return ['requests', 'tokens'].map((k) => ({
      remaining: num(headers[`x-ratelimit-remaining-${k}`]),
      resetMs: parseDuration(headers[`x-ratelimit-reset-${k}`]),
    }));
  }
  if (scheme === 'anthropic') {
    return ['requests', 'tokens', 'input-tokens', 'output-tokens'].map((k) => {
      const at = Date.parse(headers[`anthropic-ratelimit-${k}-reset`] ?? '');
      return {
        remaining: num(headers[`anthropic-ratelimit-${k}-remaining`]),
        resetMs: Number.isNaN(at) ? undefined : Math.max(0, at - now),
      };
    });
  }
  return [];
}
