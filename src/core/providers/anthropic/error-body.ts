// Anthropic's error body `{type:'error', error:{type, message}, request_id}`, both as an HTTP
// response and as an in-stream `error` event, classified once, here.
import { z } from 'zod';
import { adviceFor, categoryForStatus, ProviderError, redactSecrets, type ErrorCategory } from '../../errors';
import type { ProviderDescriptor } from '../descriptor';
import type { ParsedErrorBody } from '../http-error';

/** zod schema of Anthropic's error envelope; unknown extra fields are tolerated. */
export const anthropicErrorBodySchema = z.looseObject({
  type: z.literal('error').optional(),
  error: z.looseObject({
    type: z.string(),
    message: z.string().optional(),
  }),
  request_id: z.string().optional(),
});

/** Anthropic's documented error types, by what they mean to a router. */
const CATEGORY_BY_TYPE: Readonly<Record<string, ErrorCategory>> = {
  authentication_error: 'auth',
  permission_error: 'permission',
  not_found_error: 'not_found',
  billing_error: 'payment',
  // 413 from Cloudflare: the request is over 32 MB; only a shorter one will do.
  request_too_large: 'context_length',
  rate_limit_error: 'rate_limit',
  api_error: 'server',
  timeout_error: 'timeout',
  overloaded_error: 'overloaded',
};

/**
 * Category for an error type and message. `invalid_request_error` covers several user-facing
 * cases that only the message tells apart, so it is read here and nowhere else.
 */
export function categoryForAnthropicError(type: string, message: string, status?: number): ErrorCategory {
  const known = CATEGORY_BY_TYPE[type];
  if (known) return known;
  if (type === 'invalid_request_error') {
    // "prompt is too long: 210000 tokens > 200000 maximum"; also the input+max_tokens variant.
    if (/prompt is too long|exceed(?:s|ed)? (?:the )?context (?:window|limit)|input length and `?max_tokens`? exceed/i.test(message))
      return 'context_length';
    // Anthropic reports an empty prepaid balance as a 400, not a 402.
    if (/credit balance is too low/i.test(message)) return 'payment';
    if (/content filtering policy|usage policy/i.test(message)) return 'content_policy';
    return 'bad_request';
  }
  return status !== undefined ? categoryForStatus(status) : 'server';
}

/** ErrorBodyParser for errorFromResponse: reads the envelope, or undefined when it is not one. */
export function parseAnthropicErrorBody(body: unknown, status: number): ParsedErrorBody | undefined {
  const r = anthropicErrorBodySchema.safeParse(body);
  if (!r.success) return undefined;
  const { type, message = '' } = r.data.error;
  return { message: message || type, code: type, category: categoryForAnthropicError(type, message, status) };
}

/** The ProviderError for an `event: error` that arrives after the HTTP 200. */
export function streamErrorFromEvent(
  error: { type: string; message?: string },
  d: ProviderDescriptor,
  secrets: readonly string[],
): ProviderError {
  const category = categoryForAnthropicError(error.type, error.message ?? '');
  const detail = error.message ? `${error.type}: ${error.message}` : error.type;
  return new ProviderError({
    category,
    provider: d.id,
    code: error.type,
    message: redactSecrets(`${d.displayName} failed mid-stream (${detail}). ${adviceFor(category, d.displayName)}`, secrets),
  });
}
