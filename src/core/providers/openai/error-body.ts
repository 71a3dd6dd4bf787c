// Error bodies of OpenAI-compatible hosts, and the in-band error chunk OpenRouter streams.
// Shapes: OpenAI `{error:{message,type,code,param}}`; OpenRouter `{error:{code,message,metadata:{error_type}}}`;
// vLLM/Mistral put the same fields at the top level (`{object:"error",message,type,code}`).
// @see https://platform.openai.com/docs/guides/error-codes
// @see https://openrouter.ai/docs/api-reference/errors
import { z } from 'zod';
import { adviceFor, categoryForStatus, ProviderError, redactAndClip, redactSecrets, type ErrorCategory } from '../../errors';
import type { ErrorBodyParser, ParsedErrorBody } from '../http-error';

const errorFields = z
  .object({
    message: z.unknown().optional(),
    type: z.string().nullish(),
    code: z.union([z.string(), z.number()]).nullish(),
    param: z.unknown().optional(),
    metadata: z
      .object({ error_type: z.string().nullish(), reasons: z.array(z.unknown()).nullish() })
      .loose()
      .nullish(),
  })
  .loose();

/** A non-2xx body: the fields nested under `error`, or at the top level. */
const openAIErrorBodySchema = z.union([z.object({ error: errorFields }).loose(), errorFields]);

/** The error fields, wherever the host put them. */
type OpenAIErrorFields = z.infer<typeof errorFields>;

/** Vendor codes/types that say more than the HTTP status. */
const CODE_CATEGORY: Record<string, ErrorCategory> = {
  context_length_exceeded: 'context_length',
  string_above_max_length: 'context_length',
  content_policy_violation: 'content_policy',
  content_filter: 'content_policy',
  moderation: 'content_policy',
  rate_limit_exceeded: 'rate_limit',
  tokens_exceeded: 'rate_limit',
  // OpenAI answers 429 for an empty balance; retrying does not help, paying does.
  insufficient_quota: 'payment',
  billing_hard_limit_reached: 'payment',
  provider_overloaded: 'overloaded',
  overloaded: 'overloaded',
  overloaded_error: 'overloaded',
  server_error: 'server',
  internal_error: 'server',
  invalid_api_key: 'auth',
  authentication_error: 'auth',
  model_not_found: 'not_found',
};

const CONTEXT_MESSAGE =
  /maximum context length|context[ _]length|context window|prompt is too long|too many tokens in the prompt|reduce the length of the messages/i;

/** Category for an error's fields, or undefined when only the status can tell. */
export function categoryForOpenAIError(f: OpenAIErrorFields, message: string, status?: number): ErrorCategory | undefined {
  for (const key of [f.metadata?.error_type, typeof f.code === 'string' ? f.code : undefined, f.type]) {
    const c = key ? CODE_CATEGORY[key.toLowerCase()] : undefined;
    if (c) return c;
  }
  // OpenRouter's moderation 403 carries the flagged reasons in metadata.
  if (status === 403 && f.metadata?.reasons) return 'content_policy';
  if ((status === undefined || status === 400 || status === 413 || status === 422) && CONTEXT_MESSAGE.test(message))
    return 'context_length';
  return undefined;
}

/** Turns a message that may be a string, an object (Mistral's 422 detail) or absent into text. */
function errorMessageText(m: unknown): string | undefined {
  if (typeof m === 'string') return m;
  if (m === undefined || m === null) return undefined;
  try {
    return JSON.stringify(m);
  } catch {
    return String(m);
  }
}

/** ErrorBodyParser for the OpenAI family (used with errorFromResponse). */
export const parseOpenAIErrorBody: ErrorBodyParser = (body, status): ParsedErrorBody | undefined => {
  const r = openAIErrorBodySchema.safeParse(body);
  if (!r.success) return undefined;
  const f: OpenAIErrorFields =
    'error' in r.data && typeof r.data.error === 'object' && r.data.error !== null
      ? (r.data.error as OpenAIErrorFields)
      : (r.data as OpenAIErrorFields);
  const message = errorMessageText(f.message);
  if (message === undefined && f.code == null && !f.type) return undefined;
  const code = f.metadata?.error_type ?? (typeof f.code === 'string' ? f.code : undefined) ?? f.type ?? undefined;
  const category = categoryForOpenAIError(f, message ?? '', status);
  // OpenAI types an overloaded 503 as a generic `server_error`; the status says more.
  if (category === 'server' && code === 'server_error') return { message, code, category: categoryForStatus(status) };
  return { message, code, category };
};

/** Builds the ProviderError for an `error` object that arrived inside a 200 stream. */
export function inBandError(f: OpenAIErrorFields, provider: string, displayName: string, secrets: readonly string[] = []): ProviderError {
  const message = errorMessageText(f.message) ?? 'unknown error';
  const numeric = typeof f.code === 'number' ? f.code : typeof f.code === 'string' && /^\d{3}$/.test(f.code) ? Number(f.code) : undefined;
  const category = categoryForOpenAIError(f, message) ?? (numeric && numeric >= 400 ? categoryForStatus(numeric) : 'server');
  const code = f.metadata?.error_type ?? (f.code != null ? String(f.code) : undefined) ?? f.type ?? undefined;
  return new ProviderError({
    category,
    provider,
    message: redactSecrets(
      `${displayName} reported an error mid-stream: ${redactAndClip(message, 400, secrets).replace(/\.$/, '')}. ${adviceFor(category, displayName)}`,
      secrets,
    ),
    status: numeric,
    code,
  });
}
