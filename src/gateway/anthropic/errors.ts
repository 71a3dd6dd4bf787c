// Errors in Anthropic's shape: `{type: "error", error: {type, message}}`, as a response or as an
// `error` event in a stream that already began.
import type { ServerResponse } from 'node:http';
import type { ProviderError } from '../../core/errors';
import { anthropicTypeForStatus, wireErrorOf } from '../error-map';
import { retryAfterHeader, sendJson } from '../http-util';

/** The error body Anthropic sends. */
export function anthropicErrorBody(type: string, message: string): { type: 'error'; error: { type: string; message: string } } {
  return { type: 'error', error: { type, message } };
}

/** Answers with a gateway-made error. */
export function sendAnthropicError(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  sendJson(res, status, anthropicErrorBody(anthropicTypeForStatus(status), message), headers);
}

/** Answers with an error the router ended on (before any output), keeping its category's status. */
export function sendAnthropicProviderError(
  res: ServerResponse,
  err: ProviderError,
  message: string,
  extraHeaders: Record<string, string>,
): void {
  const { status, type } = wireErrorOf(err.category, 'anthropic');
  sendJson(res, status, anthropicErrorBody(type, message), { ...retryAfterHeader(err.retryAfterMs), ...extraHeaders });
}

/** The `error` event of a stream that failed after it began. */
export function anthropicStreamErrorType(err: ProviderError): string {
  return wireErrorOf(err.category, 'anthropic').type;
}
