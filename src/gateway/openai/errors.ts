// Errors in OpenAI's shape: `{error: {message, type, param, code}}`, with the status the SDK maps
// to its own classes (401 AuthenticationError, 429 RateLimitError, …).
import type { ServerResponse } from 'node:http';
import type { ProviderError } from '../../core/errors';
import { openaiTypeForStatus, wireErrorOf } from '../error-map';
import { retryAfterHeader, sendJson } from '../http-util';

/** The error body OpenAI sends. */
export function openaiErrorBody(
  message: string,
  type: string,
  code?: string | null,
  param?: string | null,
): { error: Record<string, unknown> } {
  return { error: { message, type, param: param ?? null, code: code ?? null } };
}

/** Answers with a gateway-made error. */
export function sendOpenAIError(
  res: ServerResponse,
  status: number,
  message: string,
  code?: string,
  param?: string,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, openaiErrorBody(message, openaiTypeForStatus(status), code, param), headers);
}

/** Answers with an error the router ended on (before any output), keeping its category's status. */
export function sendOpenAIProviderError(
  res: ServerResponse,
  err: ProviderError,
  message: string,
  extraHeaders: Record<string, string>,
): void {
  const { status, type } = wireErrorOf(err.category, 'openai');
  sendJson(res, status, openaiErrorBody(message, type, err.code ?? err.category), {
    ...retryAfterHeader(err.retryAfterMs),
    ...extraHeaders,
  });
}
