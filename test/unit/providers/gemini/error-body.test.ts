import { strict as assert } from 'node:assert';
import { errorFromBody } from '../../../../src/core/providers/http-error';
import { parseGeminiErrorBody } from '../../../../src/core/providers/gemini/error-body';
import { mapGeminiFinishReason } from '../../../../src/core/providers/gemini/map-finish-reason';
import { mapGeminiUsage } from '../../../../src/core/providers/gemini/map-usage';
import { GEMINI_PRESET } from '../../../../src/core/providers/gemini/preset';

const status = (code: number, s: string, message: string, details?: unknown[]) => ({ error: { code, status: s, message, details } });

describe('gemini error-body', () => {
  const cases: [string, unknown, string | undefined][] = [
    ['bad key wording', status(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.'), 'auth'],
    ['expired key', status(400, 'INVALID_ARGUMENT', 'API key expired. Please renew the API key.'), 'auth'],
    [
      'ErrorInfo reason',
      status(400, 'INVALID_ARGUMENT', 'x', [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID' }]),
      'auth',
    ],
    [
      'token count',
      status(400, 'INVALID_ARGUMENT', 'The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).'),
      'context_length',
    ],
    [
      'other invalid argument',
      status(400, 'INVALID_ARGUMENT', '* GenerateContentRequest.contents: contents is not specified'),
      'bad_request',
    ],
    ['unauthenticated', status(401, 'UNAUTHENTICATED', 'x'), 'auth'],
    ['permission', status(403, 'PERMISSION_DENIED', 'x'), 'permission'],
    ['not found', status(404, 'NOT_FOUND', 'x'), 'not_found'],
    ['quota', status(429, 'RESOURCE_EXHAUSTED', 'x'), 'rate_limit'],
    ['unavailable', status(503, 'UNAVAILABLE', 'x'), 'overloaded'],
    ['internal', status(500, 'INTERNAL', 'x'), 'server'],
    ['deadline', status(504, 'DEADLINE_EXCEEDED', 'x'), 'timeout'],
    [
      'billing precondition',
      status(400, 'FAILED_PRECONDITION', 'Gemini API free tier is not available in your country. Please enable billing on your project.'),
      'payment',
    ],
    ['location precondition', status(400, 'FAILED_PRECONDITION', 'User location is not supported for the API use.'), 'permission'],
    ['array form', [status(400, 'INVALID_ARGUMENT', 'API key not valid.')], 'auth'],
  ];
  for (const [name, body, category] of cases) {
    it(`classifies ${name}`, () => assert.equal(parseGeminiErrorBody(body, 400)?.category, category));
  }

  it('returns undefined for bodies of another shape', () => {
    assert.equal(parseGeminiErrorBody({ message: 'nope' }, 500), undefined);
    assert.equal(parseGeminiErrorBody('text', 500), undefined);
    assert.equal(parseGeminiErrorBody([], 500), undefined);
  });

  it('reads RetryInfo, and a retry-after header wins over it', () => {
    const body = status(429, 'RESOURCE_EXHAUSTED', 'quota', [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '12s' }]);
    assert.equal(parseGeminiErrorBody(body, 429)?.retryAfterMs, 12_000);
    assert.equal(errorFromBody(429, {}, JSON.stringify(body), GEMINI_PRESET, parseGeminiErrorBody).retryAfterMs, 12_000);
    assert.equal(errorFromBody(429, { 'retry-after': '2' }, JSON.stringify(body), GEMINI_PRESET, parseGeminiErrorBody).retryAfterMs, 2_000);
  });
});

describe('gemini finish reasons and usage', () => {
  it('maps every FinishReason the SDK enum knows', async () => {
    const { FinishReason } = await import('@google/genai');
    const expected: Record<string, string> = {
      STOP: 'stop',
      OTHER: 'stop',
      FINISH_REASON_UNSPECIFIED: 'stop',
      NO_IMAGE: 'stop',
      IMAGE_OTHER: 'stop',
      MAX_TOKENS: 'length',
      CONTINUATION: 'length',
      SAFETY: 'content_filter',
      RECITATION: 'content_filter',
      LANGUAGE: 'content_filter',
      BLOCKLIST: 'content_filter',
      PROHIBITED_CONTENT: 'content_filter',
      SPII: 'content_filter',
      IMAGE_SAFETY: 'content_filter',
      IMAGE_PROHIBITED_CONTENT: 'content_filter',
      IMAGE_RECITATION: 'content_filter',
      MALFORMED_FUNCTION_CALL: 'error',
      UNEXPECTED_TOOL_CALL: 'error',
      TOO_MANY_TOOL_CALLS: 'error',
    };
    // A new enum value in a future SDK must be added to this table (and the mapper) on purpose.
    assert.deepEqual(Object.values(FinishReason).sort(), Object.keys(expected).sort());
    for (const [raw, want] of Object.entries(expected)) assert.equal(mapGeminiFinishReason(raw), want, raw);
    assert.equal(mapGeminiFinishReason('SOMETHING_NEW'), 'stop');
  });

  it('counts thoughts as output and cached tokens inside input', () => {
    assert.deepEqual(
      mapGeminiUsage({
        promptTokenCount: 2100,
        candidatesTokenCount: 5,
        thoughtsTokenCount: 10,
        cachedContentTokenCount: 2048,
        totalTokenCount: 2115,
      }),
      { inputTokens: 2100, outputTokens: 15, cacheReadTokens: 2048, cacheWriteTokens: 0, reasoningTokens: 10 },
    );
    assert.deepEqual(mapGeminiUsage({}), { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 });
  });
});

describe('gemini error-body: edges', () => {
  it('returns undefined for null, an error that is not an object, and an array of non-objects', () => {
    for (const body of [null, [null], { error: 'boom' }, [{ error: 7 }]])
      assert.equal(parseGeminiErrorBody(body, 500), undefined, JSON.stringify(body));
  });

  it('keeps the numeric code when no status name came', () => {
    assert.equal(parseGeminiErrorBody({ error: { code: 418, message: 'x' } }, 418)?.code, '418');
    assert.equal(parseGeminiErrorBody({ error: { message: 'x' } }, 500)?.code, undefined);
  });

  it('reads retry delays only from RetryInfo, and only in the documented "<seconds>s" form', () => {
    const delay = (retryDelay: string, type = 'type.googleapis.com/google.rpc.RetryInfo') =>
      parseGeminiErrorBody(status(429, 'RESOURCE_EXHAUSTED', 'q', [{ '@type': type, retryDelay }]), 429)?.retryAfterMs;
    assert.equal(delay('1.25s'), 1_250);
    assert.equal(delay('9s', 'type.googleapis.com/google.rpc.ErrorInfo'), undefined);
    for (const bad of ['soon', 'x12s', '12sx', '12']) assert.equal(delay(bad), undefined, bad);
  });
});
