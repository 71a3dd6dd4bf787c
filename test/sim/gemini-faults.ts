// Gemini failures: HTTP errors in Google's google.rpc.Status shape, proxies' HTML pages, and
// streams that break after output began. Each carries how a correct client must classify it.
import type { ErrorCategory } from '../../src/core/errors';
import { geminiHttpError, geminiSse, geminiStatus, geminiStream, rawErrorTail } from './gemini-wire';
import { chunked, htmlError, SSE_HEADERS, type RecordedRequest, type Scenario } from './server';

/** How a failure must be classified. */
export interface GeminiFailure {
  category: ErrorCategory;
  retryable: boolean;
  status?: number;
  retryAfterMs?: number;
  /** Vendor code the error should carry, when the body names one. */
  code?: string;
  /** Text delivered before the failure. */
  partialText: string;
  outputStarted: boolean;
}

/** A scripted failure with its expected classification. */
export interface GeminiFaultCase {
  scenario: (req: RecordedRequest) => Scenario;
  expect: GeminiFailure;
  /** Needs a client with a short idle timeout to end. */
  stalls?: boolean;
}

const quotaDetails = (retryDelay: string): Record<string, unknown>[] => [
  {
    '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
    violations: [
      {
        quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests',
        quotaId: 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier',
        quotaValue: '10',
      },
    ],
  },
  {
    '@type': 'type.googleapis.com/google.rpc.Help',
    links: [{ description: 'Learn more about Gemini API quotas', url: 'https://ai.google.dev/gemini-api/docs/rate-limits' }],
  },
  { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay },
];
const QUOTA_MSG = 'You exceeded your current quota, please check your plan and billing details.';
const PARTIAL = [
  { parts: [{ text: 'Partial ' }], usage: { prompt: 10 } },
  { parts: [{ text: 'answer' }], usage: { prompt: 10 } },
];
const before = (category: ErrorCategory, retryable: boolean, status?: number, extra: Partial<GeminiFailure> = {}): GeminiFailure => ({
  category,
  retryable,
  status,
  partialText: '',
  outputStarted: false,
  ...extra,
});
const after = (category: ErrorCategory, extra: Partial<GeminiFailure> = {}): GeminiFailure => ({
  category,
  retryable: true,
  partialText: 'Partial answer',
  outputStarted: true,
  ...extra,
});

/** Failures by name; the simulator serves them for model `sim-fault-<name>`. */
export const GEMINI_FAULTS: Record<string, GeminiFaultCase> = {
  // Gemini's real answer to a wrong key: 400, not 401.
  'bad-key': {
    scenario: () =>
      geminiHttpError(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', {
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            reason: 'API_KEY_INVALID',
            domain: 'googleapis.com',
            metadata: { service: 'generativelanguage.googleapis.com' },
          },
        ],
      }),
    expect: before('auth', false, 400, { code: 'INVALID_ARGUMENT' }),
  },
  '401': {
    scenario: () => geminiHttpError(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.'),
    expect: before('auth', false, 401, { code: 'UNAUTHENTICATED' }),
  },
  // Google names the consumer by key in this message; the client must redact it.
  '403': {
    scenario: (req) =>
      geminiHttpError(
        403,
        'PERMISSION_DENIED',
        `Permission denied: Consumer 'api_key:${String(req.headers['x-goog-api-key'] ?? '')}' has been suspended.`,
      ),
    expect: before('permission', false, 403, { code: 'PERMISSION_DENIED' }),
  },
  '404': {
    scenario: () =>
      geminiHttpError(
        404,
        'NOT_FOUND',
        'models/sim-nope is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.',
      ),
    expect: before('not_found', false, 404, { code: 'NOT_FOUND' }),
  },
  // A proxy's 408 with an empty body.
  '408': { scenario: () => ({ status: 408, steps: [] }), expect: before('timeout', true, 408) },
  '504': {
    scenario: () => geminiHttpError(504, 'DEADLINE_EXCEEDED', 'The request timed out. Please try again.'),
    expect: before('timeout', true, 504, { code: 'DEADLINE_EXCEEDED' }),
  },
  'context-too-long': {
    scenario: () =>
      geminiHttpError(400, 'INVALID_ARGUMENT', 'The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).'),
    expect: before('context_length', false, 400, { code: 'INVALID_ARGUMENT' }),
  },
  'bad-request-array': {
    scenario: () =>
      geminiHttpError(400, 'INVALID_ARGUMENT', 'Invalid JSON payload received. Unknown name "foo": Cannot find field.', {
        arrayForm: true,
      }),
    expect: before('bad_request', false, 400, { code: 'INVALID_ARGUMENT' }),
  },
  '429': {
    scenario: () =>
      geminiHttpError(429, 'RESOURCE_EXHAUSTED', QUOTA_MSG, { details: quotaDetails('43s'), headers: { 'retry-after': '7' } }),
    expect: before('rate_limit', true, 429, { retryAfterMs: 7000, code: 'RESOURCE_EXHAUSTED' }),
  },
  '429-ms': {
    scenario: () => geminiHttpError(429, 'RESOURCE_EXHAUSTED', QUOTA_MSG, { headers: { 'retry-after-ms': '1500' } }),
    expect: before('rate_limit', true, 429, { retryAfterMs: 1500, code: 'RESOURCE_EXHAUSTED' }),
  },
  // What Google really sends: no header, the delay lives in google.rpc.RetryInfo.
  '429-retry-info': {
    scenario: () => geminiHttpError(429, 'RESOURCE_EXHAUSTED', QUOTA_MSG, { details: quotaDetails('43.5s') }),
    expect: before('rate_limit', true, 429, { retryAfterMs: 43500, code: 'RESOURCE_EXHAUSTED' }),
  },
  '500': {
    scenario: () =>
      geminiHttpError(
        500,
        'INTERNAL',
        'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
      ),
    expect: before('server', true, 500, { code: 'INTERNAL' }),
  },
  '502-html': { scenario: () => htmlError(502), expect: before('server', true, 502) },
  '503': {
    scenario: () => geminiHttpError(503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.'),
    expect: before('overloaded', true, 503, { code: 'UNAVAILABLE' }),
  },
  '529': {
    scenario: () => geminiHttpError(529, 'UNAVAILABLE', 'Overloaded.'),
    expect: before('overloaded', true, 529, { code: 'UNAVAILABLE' }),
  },
  // Google's real mid-stream failure: HTTP 200, some frames, then a bare pretty-printed JSON error.
  'mid-stream': {
    scenario: () =>
      geminiStream(PARTIAL, {
        after: [
          { kind: 'delay', ms: 5 },
          {
            kind: 'write',
            data: rawErrorTail(503, 'UNAVAILABLE', 'This model is currently experiencing high demand. Please try again later.'),
          },
        ],
      }),
    expect: after('overloaded', { status: 503, code: 'UNAVAILABLE' }),
  },
  // The same tail arriving in 7-byte pieces, split across reads.
  'mid-stream-chunked': {
    scenario: () => ({
      status: 200,
      headers: SSE_HEADERS,
      steps: chunked(geminiSse(PARTIAL) + rawErrorTail(503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.'), 7),
    }),
    expect: after('overloaded', { status: 503, code: 'UNAVAILABLE' }),
  },
  // A 200 whose whole body is an error object, with no SSE frame at all.
  'error-body-200': {
    scenario: () => ({
      status: 200,
      headers: { 'content-type': 'application/json' },
      steps: [{ kind: 'write', data: rawErrorTail(500, 'INTERNAL', 'Internal error encountered.') }],
    }),
    expect: before('server', true, 500, { code: 'INTERNAL' }),
  },
  // The same failure framed as an SSE event, as proxies re-emit it.
  'mid-stream-frame': {
    scenario: () => geminiStream([...PARTIAL, geminiStatus(500, 'INTERNAL', 'An internal error has occurred.')]),
    expect: after('server', { status: 500, code: 'INTERNAL' }),
  },
  'mid-stream-quota': {
    scenario: () => geminiStream([...PARTIAL, geminiStatus(429, 'RESOURCE_EXHAUSTED', QUOTA_MSG)]),
    expect: after('rate_limit', { status: 429, code: 'RESOURCE_EXHAUSTED' }),
  },
  'reset-mid-stream': {
    scenario: () => geminiStream(PARTIAL, { after: [{ kind: 'delay', ms: 5 }, { kind: 'reset' }] }),
    expect: after('network'),
  },
  'malformed-chunk': {
    scenario: () => geminiStream([...PARTIAL, '{"candidates": [{"content": {"parts": [{"te']),
    expect: after('protocol'),
  },
  'bad-shape': { scenario: () => geminiStream([...PARTIAL, '{"candidates": "not-a-list"}']), expect: after('protocol') },
  'no-finish': { scenario: () => geminiStream(PARTIAL), expect: after('protocol') },
  stall: { scenario: () => geminiStream(PARTIAL, { after: [{ kind: 'stall' }] }), expect: after('timeout'), stalls: true },
};
