// Classifies Gemini's google.rpc.Status errors. The status string says more than the HTTP code:
// a bad key is 400 INVALID_ARGUMENT, an over-long prompt is too, and they need different fixes.
import type { ErrorCategory } from '../../errors';
import type { ParsedErrorBody } from '../http-error';
import { geminiErrorBodySchema, type GeminiStatus } from './response-schema';

/** Category for a google.rpc status name, when the name alone decides it. */
const BY_STATUS: Record<string, ErrorCategory> = {
  UNAUTHENTICATED: 'auth',
  PERMISSION_DENIED: 'permission',
  NOT_FOUND: 'not_found',
  RESOURCE_EXHAUSTED: 'rate_limit',
  UNAVAILABLE: 'overloaded',
  INTERNAL: 'server',
  DEADLINE_EXCEEDED: 'timeout',
  // A concurrency conflict on Google's side; trying again is the documented remedy.
  ABORTED: 'server',
  OUT_OF_RANGE: 'bad_request',
};

/** Extracts the Status object from either body shape; undefined when it is neither. */
export function geminiStatusOf(body: unknown): GeminiStatus | undefined {
  // Cheap shape check first: this runs on every stream frame, and a failed zod parse is costly.
  const first = Array.isArray(body) ? body[0] : body;
  if (typeof first !== 'object' || first === null || !('error' in first)) return undefined;
  const r = geminiErrorBodySchema.safeParse(body);
  if (!r.success) return undefined;
  return Array.isArray(r.data) ? r.data[0].error : r.data.error;
}

/** ErrorBodyParser for the Gemini family (used for HTTP errors and in-band stream errors). */
export function parseGeminiErrorBody(body: unknown, _status: number): ParsedErrorBody | undefined {
  const s = geminiStatusOf(body);
  if (!s) return undefined;
  return {
    message: s.message,
    code: s.status ?? (s.code !== undefined ? String(s.code) : undefined),
    category: categoryOf(s),
    retryAfterMs: retryDelayMs(s),
  };
}

function categoryOf(s: GeminiStatus): ErrorCategory | undefined {
  const msg = (s.message ?? '').toLowerCase();
  const reasons = (s.details ?? []).map((d) => String(d['reason'] ?? ''));
  // Gemini answers a wrong or expired key with 400 INVALID_ARGUMENT, not 401.
  if (reasons.includes('API_KEY_INVALID') || /api key (not valid|expired|invalid)/.test(msg)) return 'auth';
  if (s.status === 'INVALID_ARGUMENT') {
    if (/token count|exceeds the maximum number of tokens|context (window|length)/.test(msg)) return 'context_length';
    return 'bad_request';
  }
  if (s.status === 'FAILED_PRECONDITION') {
    // E.g. "free tier is not available in your country. Please enable billing".
    return /billing/.test(msg) ? 'payment' : 'permission';
  }
  return s.status ? BY_STATUS[s.status] : undefined;
}

/** Reads google.rpc.RetryInfo.retryDelay ("43s", "1.5s"), Gemini's retry hint on 429s. */
function retryDelayMs(s: GeminiStatus): number | undefined {
  for (const d of s.details ?? []) {
    if (!String(d['@type'] ?? '').endsWith('google.rpc.RetryInfo')) continue;
    const m = /^(\d+(?:\.\d+)?)s$/.exec(String(d['retryDelay'] ?? ''));
    if (m) return Math.round(Number(m[1]) * 1000);
  }
  return undefined;
}
