// Errors of the Responses API. HTTP bodies have OpenAI's `{error:{message,type,param,code}}`
// shape; in a 200 stream a failure arrives as an `error` event (`{code,message,param}`) or as
// `response.failed` with `response.error` (`{code,message}`). Classified once, here.
// @see https://platform.openai.com/docs/api-reference/responses-streaming/error
import { adviceFor, categoryForStatus, ProviderError, redactAndClip, redactSecrets, type ErrorCategory } from '../../errors';
import type { ErrorBodyParser, ParsedErrorBody } from '../http-error';
import { categoryForOpenAIError, parseOpenAIErrorBody } from '../openai/error-body';
import type { ProviderDescriptor } from '../descriptor';

/** Codes the Responses API adds to the Chat Completions ones. */
const RESPONSES_CODES: Readonly<Record<string, ErrorCategory>> = {
  invalid_prompt: 'bad_request',
  invalid_image: 'bad_request',
  invalid_image_format: 'bad_request',
  invalid_base64_image: 'bad_request',
  image_too_large: 'bad_request',
  empty_image_file: 'bad_request',
  vector_store_timeout: 'timeout',
};

/** ErrorBodyParser for a non-2xx answer: OpenAI's shape, with the Responses codes known. */
export const parseResponsesErrorBody: ErrorBodyParser = (body, status): ParsedErrorBody | undefined => {
  const parsed = parseOpenAIErrorBody(body, status);
  if (!parsed) return undefined;
  const extra = parsed.code ? RESPONSES_CODES[parsed.code] : undefined;
  return extra && !parsed.category ? { ...parsed, category: extra } : parsed;
};

/** An error reported inside the stream, from an `error` event or a failed response. */
export interface StreamErrorFields {
  code?: string | null;
  message?: string | null;
  type?: string | null;
}

/** The ProviderError for an in-stream failure. */
export function responsesStreamError(
  f: StreamErrorFields,
  d: ProviderDescriptor,
  secrets: readonly string[],
  outcome: string,
): ProviderError {
  const code = f.code ?? f.type ?? undefined;
  const message = f.message ?? code ?? 'unknown error';
  const numeric = code && /^\d{3}$/.test(code) ? Number(code) : undefined;
  const category =
    (code ? RESPONSES_CODES[code] : undefined) ??
    categoryForOpenAIError({ code, type: f.type }, message) ??
    (numeric ? categoryForStatus(numeric) : 'server');
  return new ProviderError({
    category,
    provider: d.id,
    status: numeric,
    code,
    message: redactSecrets(
      `${d.displayName} ${outcome}: ${redactAndClip(message, 400, secrets).replace(/\.$/, '')}. ${adviceFor(category, d.displayName)}`,
      secrets,
    ),
  });
}
