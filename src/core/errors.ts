// Errors are values with a category and a retryable flag decided where they are made;
// the router never re-derives retryability from message strings.
import { replaceKeyForms } from './key-forms';

/** What went wrong, independent of vendor. */
export type ErrorCategory =
  | 'auth'
  | 'permission'
  | 'not_found'
  | 'bad_request'
  | 'context_length'
  | 'content_policy'
  | 'rate_limit'
  | 'overloaded'
  | 'server'
  | 'network'
  | 'timeout'
  | 'cancelled'
  | 'protocol'
  | 'budget'
  | 'payment';

/** Fields that describe a provider failure. */
export interface ProviderErrorInit {
  category: ErrorCategory;
  provider: string;
  message: string;
  status?: number;
  retryAfterMs?: number;
  retryable?: boolean;
  outputStarted?: boolean;
  /** Vendor's own error code/type, e.g. `overloaded_error`, `RESOURCE_EXHAUSTED`. */
  code?: string;
  cause?: unknown;
}

/** Categories that a router may retry or fall back on by default. */
const RETRYABLE: ReadonlySet<ErrorCategory> = new Set(['rate_limit', 'overloaded', 'server', 'network', 'timeout']);

/** Returns whether a category is transient by nature. */
function isRetryableCategory(c: ErrorCategory): boolean {
  return RETRYABLE.has(c);
}

/** The one error type every layer throws or streams. */
export class ProviderError extends Error {
  readonly category: ErrorCategory;
  readonly provider: string;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly retryable: boolean;
  readonly outputStarted: boolean;
  readonly code?: string;

  constructor(init: ProviderErrorInit) {
    super(init.message, init.cause !== undefined ? { cause: init.cause } : undefined);
    this.name = 'ProviderError';
    this.category = init.category;
    this.provider = init.provider;
    this.status = init.status;
    this.retryAfterMs = init.retryAfterMs;
    this.retryable = init.retryable ?? isRetryableCategory(init.category);
    this.outputStarted = init.outputStarted ?? false;
    this.code = init.code;
  }

  /** A copy marked as having happened after output began (so it is never silently retried). */
  withOutputStarted(started: boolean): ProviderError {
    if (started === this.outputStarted) return this;
    return new ProviderError({ ...this.toInit(), outputStarted: started });
  }

  /** The constructor input that would rebuild this error. */
  toInit(): ProviderErrorInit {
    return {
      category: this.category,
      provider: this.provider,
      message: this.message,
      status: this.status,
      retryAfterMs: this.retryAfterMs,
      retryable: this.retryable,
      outputStarted: this.outputStarted,
      code: this.code,
      cause: this.cause,
    };
  }
}

/** Category for an HTTP status when the body says nothing more specific. */
export function categoryForStatus(status: number): ErrorCategory {
  if (status === 401) return 'auth';
  if (status === 402) return 'payment';
  if (status === 403) return 'permission';
  if (status === 404) return 'not_found';
  if (status === 408) return 'timeout';
  if (status === 413) return 'context_length';
  if (status === 429) return 'rate_limit';
  if (status === 529 || status === 503) return 'overloaded';
  if (status >= 500) return 'server';
  if (status >= 400) return 'bad_request';
  return 'protocol';
}

const MAX_RETRY_AFTER_PARSE_MS = 24 * 3600 * 1000;

/**
 * Reads `retry-after-ms`, `x-ms-retry-after-ms` and `retry-after` (seconds or an HTTP date).
 * Returns undefined when absent or nonsense; the router applies its own cap.
 */
export function parseRetryAfter(get: (name: string) => string | undefined, now: number = Date.now()): number | undefined {
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const v = get(name);
    if (v !== undefined && v.trim() !== '') {
      const ms = Number(v);
      if (Number.isFinite(ms) && ms >= 0) return Math.min(ms, MAX_RETRY_AFTER_PARSE_MS);
    }
  }
  const ra = get('retry-after');
  if (ra === undefined || ra.trim() === '') return undefined;
  const secs = Number(ra);
  if (Number.isFinite(secs)) return secs >= 0 ? Math.min(secs * 1000, MAX_RETRY_AFTER_PARSE_MS) : undefined;
  const date = Date.parse(ra);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.min(date - now, MAX_RETRY_AFTER_PARSE_MS));
}

/** What the user should do about an error, phrased as an action. */
export function adviceFor(category: ErrorCategory, providerName: string): string {
  switch (category) {
    case 'auth':
      return `The ${providerName} key was rejected. Set a valid key with "Switchboard: Set API Key".`;
    case 'permission':
      return `${providerName} refused access to this model for your key. Check the key's permissions or pick another model.`;
    case 'payment':
      return `${providerName} reports the account is out of credits. Add credits or route to another provider.`;
    case 'not_found':
      return `${providerName} does not know this model. Pick another model or refresh the catalog.`;
    case 'context_length':
      return `The conversation is longer than this model's context window. Shorten it or pick a model with a larger window.`;
    case 'content_policy':
      return `${providerName} blocked this content under its policy. Rephrase the request or use another provider.`;
    case 'rate_limit':
      return `${providerName} is rate-limiting your key. Wait, or let Switchboard route to another host.`;
    case 'overloaded':
      return `${providerName} is overloaded. Try again shortly or route to another host.`;
    case 'server':
      return `${providerName} had a server error. Try again or route to another host.`;
    case 'network':
      return `Could not reach ${providerName}. Check the network, proxy settings and the provider's base URL.`;
    case 'timeout':
      return `${providerName} did not answer in time. Try again, or raise the timeouts in Switchboard's settings.`;
    case 'cancelled':
      return 'The request was cancelled.';
    case 'protocol':
      return `${providerName} sent a response Switchboard could not understand. Try again; if it persists, report it.`;
    case 'budget':
      return 'A Switchboard budget limit was reached. Raise the budget in settings or wait for the next period.';
    case 'bad_request':
      return `${providerName} rejected the request as invalid. Check the model's parameters.`;
  }
}

/**
 * Known keys shorter than this are not redacted. A 1–3 character "key" is a placeholder
 * (local servers accept anything), not a secret, and scrubbing every "a" or "ok" would make
 * messages unreadable. Four and up is redacted wherever it appears: a short real key is still
 * a key, and garbled text is the cheaper failure. Keys the extension accepts are longer anyway
 * (key entry and environment keys need at least 8 characters).
 */
const MIN_REDACTED_KEY_LENGTH = 4;

// Vendor key shapes, for keys the caller does not know (another provider's key echoed back,
// a key pasted into a prompt). Each needs its vendor prefix plus a long unbroken token, so
// ordinary words and model ids (which have dashes: `xai-grok-beta`) are left alone.
// Unprefixed keys (Mistral's 32 characters, Together's older 64 hex) have no safe pattern:
// they are caught only as known keys.
const KEY_PATTERNS: readonly RegExp[] = [
  // OpenAI (sk-, sk-proj-, sk-svcacct-), Anthropic (sk-ant-api03-), OpenRouter (sk-or-v1-), DeepSeek (sk-).
  /\bsk-(?:proj-|ant-[a-z0-9]+-|or-v1-)?[A-Za-z0-9_-]{16,}/g,
  // Google AI Studio / Gemini.
  /\bAIza[0-9A-Za-z_-]{20,}/g,
  // Groq (gsk_), xAI (xai-), Cerebras (csk-), Fireworks (fw_), Perplexity (pplx-),
  // Hugging Face (hf_), Replicate (r8_), NVIDIA (nvapi-), Together (tgp_v1_).
  /\b(?:gsk_|xai-|csk-|fw_|pplx-|hf_|r8_|nvapi-|tgp_v1_)(?=[A-Za-z0-9_-]*[A-Za-z0-9]{20})[A-Za-z0-9_-]+/g,
];

/** Removes anything that looks like a secret from text that may be shown or logged. */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text;
  // Longest first: a key that contains another must not be left as a fragment around its tag.
  const known = secrets.filter((s) => s && s.length >= MIN_REDACTED_KEY_LENGTH);
  if (known.length > 1) known.sort((a, b) => b.length - a.length);
  for (const s of known) out = replaceKeyForms(out, s, '[redacted]');
  for (const p of KEY_PATTERNS) out = out.replace(p, '[redacted]');
  return (
    out
      .replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi, '$1[redacted]')
      // A labelled value (`api_key: …`, `x-api-key=…`) of any shape; the digit keeps `api key: malformed` readable.
      .replace(/((?:x-api-key|x-goog-api-key|api[_-]?key)["']?\s*[:=]\s*["']?)(?=[A-Za-z._~+/-]*\d)[A-Za-z0-9._~+/-]{8,}/gi, '$1[redacted]')
  );
}

/**
 * Redacts, then shortens to `max` characters. Never the other way round: a cut inside a key
 * leaves a fragment that neither the known-key match nor any pattern recognizes.
 */
export function redactAndClip(text: string, max: number, secrets: readonly string[] = []): string {
  const safe = redactSecrets(text, secrets);
  return safe.length > max ? `${safe.slice(0, max)}…` : safe;
}

/** The same error with its message redacted; the error itself when there was nothing to remove. */
export function redactError(err: ProviderError, secrets: readonly string[] = []): ProviderError {
  const message = redactSecrets(err.message, secrets);
  return message === err.message ? err : new ProviderError({ ...err.toInit(), message });
}
