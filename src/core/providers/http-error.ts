// Turns a non-2xx response into a ProviderError. Family-specific body parsing is injected;
// HTML pages from proxies/CDNs and unparsable bodies are classified, never thrown raw.
import { adviceFor, categoryForStatus, parseRetryAfter, ProviderError, redactAndClip, redactSecrets, type ErrorCategory } from '../errors';
import type { HttpResponse } from '../http/client';
import { rateLimitRetryHint } from '../http/rate-limit';
import type { ProviderDescriptor } from './descriptor';

/** What a family's zod-validated error body yields. */
export interface ParsedErrorBody {
  message?: string;
  /** Vendor code or type, e.g. `rate_limit_exceeded`, `overloaded_error`, `RESOURCE_EXHAUSTED`. */
  code?: string;
  /** Set when the body says more than the status (context length, content policy…). */
  category?: ErrorCategory;
  /** A retry hint carried in the body (Gemini's RetryInfo.retryDelay); headers win when both exist. */
  retryAfterMs?: number;
}

/** A family's error-body parser; returns undefined when the body is not in its shape. */
export type ErrorBodyParser = (body: unknown, status: number) => ParsedErrorBody | undefined;

/** Reads the body of a failed response and builds the typed error. */
export async function errorFromResponse(
  res: HttpResponse,
  d: ProviderDescriptor,
  parse: ErrorBodyParser,
  secrets: readonly string[] = [],
): Promise<ProviderError> {
  let text = '';
  try {
    text = await res.text(64_000);
  } catch {
    // A body that fails mid-read still leaves us the status to classify on.
  }
  return errorFromBody(res.status, res.headers, text, d, parse, secrets);
}

/** Builds the typed error from a status, headers and body text. */
export function errorFromBody(
  status: number,
  headers: Record<string, string>,
  text: string,
  d: ProviderDescriptor,
  parse: ErrorBodyParser,
  secrets: readonly string[] = [],
): ProviderError {
  const headerRetryAfterMs = parseRetryAfter((n) => headers[n]);
  const looksHtml = /^\s*<(!doctype|html|head|body)/i.test(text) || (headers['content-type'] ?? '').includes('text/html');
  let parsed: ParsedErrorBody | undefined;
  if (!looksHtml && text.trim()) {
    try {
      parsed = parse(JSON.parse(text), status);
    } catch {
      parsed = undefined;
    }
  }
  const category = parsed?.category ?? categoryForStatus(status);
  // Without a retry-after, a 429's rate-limit headers still say when its window reopens.
  const retryAfterMs =
    headerRetryAfterMs ?? parsed?.retryAfterMs ?? (category === 'rate_limit' ? rateLimitRetryHint(headers, d.rateLimitScheme) : undefined);
  let detail: string;
  if (looksHtml) detail = `returned an HTML error page (HTTP ${status}), probably from a proxy or CDN in front of it`;
  else if (parsed?.message) detail = `returned HTTP ${status}: ${redactAndClip(parsed.message, 400, secrets)}`;
  else if (text.trim()) detail = `returned HTTP ${status} with an unrecognised body: ${redactAndClip(text.trim(), 200, secrets)}`;
  else detail = `returned HTTP ${status} with an empty body`;
  const message = redactSecrets(`${d.displayName} ${detail}. ${adviceFor(category, d.displayName)}`, secrets);
  return new ProviderError({ category, provider: d.id, status, message, retryAfterMs, code: parsed?.code });
}
