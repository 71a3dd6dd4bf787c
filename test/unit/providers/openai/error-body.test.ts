// OpenAI-family error bodies as hosts send them, and the category each one routes by: a context
// error falls back to a larger window, a payment error stops retrying, an overloaded host is skipped.
import * as assert from 'node:assert/strict';
import { inBandError, parseOpenAIErrorBody } from '../../../../src/core/providers/openai/error-body';

const category = (body: unknown, status: number) => parseOpenAIErrorBody(body, status)?.category;

describe('openai error bodies', () => {
  it('vendor codes are matched whatever their case', () => {
    assert.equal(category({ error: { message: 'x', code: 'Context_Length_Exceeded' } }, 400), 'context_length');
    assert.equal(category({ error: { message: 'x', type: 'INSUFFICIENT_QUOTA' } }, 429), 'payment');
  });

  it('metadata.error_type wins over the code, the code over the type', () => {
    assert.equal(
      category({ error: { message: 'x', code: 'server_error', metadata: { error_type: 'rate_limit_exceeded' } } }, 500),
      'rate_limit',
    );
    assert.equal(category({ error: { message: 'x', code: 'model_not_found', type: 'invalid_request_error' } }, 400), 'not_found');
    assert.equal(category({ error: { message: 'x', code: 'unknown_code', type: 'insufficient_quota' } }, 429), 'payment');
    assert.equal(
      category({ error: { message: 'x', code: 42, type: 'insufficient_quota' } }, 429),
      'payment',
      'a numeric code names no category',
    );
    assert.deepEqual(parseOpenAIErrorBody({ error: { message: 'm', code: 'c1', type: 't1', metadata: { error_type: 'e1' } } }, 400), {
      message: 'm',
      code: 'e1',
      category: undefined,
    });
    assert.equal(parseOpenAIErrorBody({ error: { message: 'm', code: 'c1', type: 't1' } }, 400)?.code, 'c1');
    assert.equal(parseOpenAIErrorBody({ error: { message: 'm', code: 7, type: 't1' } }, 400)?.code, 't1');
  });

  it('a context message counts only where a context error can come from: 400, 413, 422', () => {
    const body = { error: { message: "This model's maximum context length is 8192 tokens" } };
    for (const status of [400, 413, 422]) assert.equal(category(body, status), 'context_length', String(status));
    for (const status of [404, 429, 500]) assert.equal(category(body, status), undefined, String(status));
  });

  it('moderation reasons on a 403 are a content refusal; the same metadata on another status is not', () => {
    assert.equal(category({ error: { message: 'flagged', metadata: { reasons: ['violence'] } } }, 403), 'content_policy');
    assert.equal(category({ error: { message: 'flagged', metadata: { reasons: ['violence'] } } }, 400), undefined);
  });

  it('a generic server_error is classed by its status (503 overloaded), other server codes stay server', () => {
    assert.equal(category({ error: { message: 'x', code: 'server_error' } }, 503), 'overloaded');
    assert.equal(category({ error: { message: 'x', type: 'server_error' } }, 503), 'overloaded');
    assert.equal(category({ error: { message: 'x', code: 'internal_error' } }, 503), 'server');
  });

  it('a body with nothing to say is no parse; a code or type alone is enough', () => {
    assert.equal(parseOpenAIErrorBody({ error: {} }, 500), undefined);
    assert.equal(parseOpenAIErrorBody({ error: { code: null, type: '' } }, 500), undefined);
    assert.deepEqual(parseOpenAIErrorBody({ error: { code: 'overloaded' } }, 500), {
      message: undefined,
      code: 'overloaded',
      category: 'overloaded',
    });
    assert.deepEqual(parseOpenAIErrorBody({ type: 'invalid_api_key' }, 401), {
      message: undefined,
      code: 'invalid_api_key',
      category: 'auth',
    });
    assert.deepEqual(parseOpenAIErrorBody({ error: null, message: 'top-level' }, 500), {
      message: 'top-level',
      code: undefined,
      category: undefined,
    });
  });

  it('in-band: a numeric code in a string gives the status; the message is cut and ends in the advice', () => {
    const e = inBandError({ code: '503', message: 'Busy.' }, 'p', 'Prov');
    assert.equal(e.status, 503);
    assert.equal(e.category, 'overloaded');
    assert.equal(e.code, '503');
    assert.equal(e.message, 'Prov reported an error mid-stream: Busy. Prov is overloaded. Try again shortly or route to another host.');
    const four = inBandError({ code: '4031', message: 'x' }, 'p', 'Prov');
    assert.equal(four.status, undefined, 'only a three-digit code is a status');
    assert.equal(four.category, 'server');
    assert.equal(inBandError({ code: 200, message: 'x' }, 'p', 'Prov').category, 'server', 'a success code is no error category');
    assert.equal(inBandError({ code: 429, message: 'x' }, 'p', 'Prov').category, 'rate_limit');
    assert.equal(inBandError({ code: 400, message: 'x' }, 'p', 'Prov').category, 'bad_request');
    assert.match(
      inBandError({ code: 500, message: 'v1.2 failed.' }, 'p', 'Prov').message,
      /^Prov reported an error mid-stream: v1\.2 failed\. Prov had/,
    );
    assert.equal(inBandError({ type: 'overloaded_error' }, 'p', 'Prov').code, 'overloaded_error');
    assert.match(inBandError({}, 'p', 'Prov').message, /mid-stream: unknown error\. /);
    const long = inBandError({ message: 'y'.repeat(2000) }, 'p', 'Prov');
    assert.ok(long.message.length < 700, `cut: ${long.message.length}`);
  });

  it('in-band: the key is scrubbed from the quoted message', () => {
    const key = 'sk-inband-secret-0123456789abcdef';
    const e = inBandError({ message: `bad key ${key}` }, 'p', 'Prov', [key]);
    assert.ok(!e.message.includes(key));
  });
});
