// How a ProviderError category reads in each client protocol: the HTTP status (which the SDKs
// turn into their own error classes) and the error type each vendor uses for it.
import type { ErrorCategory } from '../core/errors';

interface WireError {
  status: number;
  openaiType: string;
  anthropicType: string;
}

// A failure of the upstream host is the gateway's "bad gateway"; the client's own faults keep
// the status the host gave, so an SDK raises the class its user expects (429 → RateLimitError).
const MAP: Record<ErrorCategory, WireError> = {
  auth: { status: 401, openaiType: 'authentication_error', anthropicType: 'authentication_error' },
  permission: { status: 403, openaiType: 'permission_error', anthropicType: 'permission_error' },
  not_found: { status: 404, openaiType: 'invalid_request_error', anthropicType: 'not_found_error' },
  bad_request: { status: 400, openaiType: 'invalid_request_error', anthropicType: 'invalid_request_error' },
  context_length: { status: 400, openaiType: 'invalid_request_error', anthropicType: 'invalid_request_error' },
  content_policy: { status: 400, openaiType: 'invalid_request_error', anthropicType: 'invalid_request_error' },
  rate_limit: { status: 429, openaiType: 'rate_limit_error', anthropicType: 'rate_limit_error' },
  overloaded: { status: 503, openaiType: 'server_error', anthropicType: 'overloaded_error' },
  server: { status: 502, openaiType: 'server_error', anthropicType: 'api_error' },
  network: { status: 502, openaiType: 'server_error', anthropicType: 'api_error' },
  timeout: { status: 504, openaiType: 'timeout_error', anthropicType: 'timeout_error' },
  cancelled: { status: 499, openaiType: 'cancelled', anthropicType: 'api_error' },
  protocol: { status: 502, openaiType: 'server_error', anthropicType: 'api_error' },
  budget: { status: 402, openaiType: 'insufficient_quota', anthropicType: 'billing_error' },
  payment: { status: 402, openaiType: 'insufficient_quota', anthropicType: 'billing_error' },
};

/** The wire status and error types of a category. Anthropic's overloaded status is its own 529. */
export function wireErrorOf(category: ErrorCategory, family: 'openai' | 'anthropic'): { status: number; type: string } {
  const m = MAP[category];
  if (family === 'anthropic') return { status: category === 'overloaded' ? 529 : m.status, type: m.anthropicType };
  return { status: m.status, type: m.openaiType };
}

/** Anthropic's error type for a status the gateway itself answers (401, 403, 413, 503…). */
export function anthropicTypeForStatus(status: number): string {
  if (status === 400) return 'invalid_request_error';
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 413) return 'request_too_large';
  if (status === 429) return 'rate_limit_error';
  if (status === 503 || status === 529) return 'overloaded_error';
  return 'api_error';
}

/** OpenAI's error type for a status the gateway itself answers. */
export function openaiTypeForStatus(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 429) return 'rate_limit_error';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}
