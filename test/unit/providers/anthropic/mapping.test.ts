// Stop reasons and error bodies, mapped without a network.
import * as assert from 'node:assert/strict';
import {
  categoryForAnthropicError,
  parseAnthropicErrorBody,
  streamErrorFromEvent,
} from '../../../../src/core/providers/anthropic/error-body';
import { mapAnthropicStopReason } from '../../../../src/core/providers/anthropic/map-stop-reason';
import { ANTHROPIC_PRESET } from '../../../../src/core/providers/anthropic/preset';

describe('anthropic stop reasons', () => {
  const cases: [string | null, string][] = [
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['pause_turn', 'stop'],
    ['max_tokens', 'length'],
    ['model_context_window_exceeded', 'length'],
    ['tool_use', 'tool_calls'],
    ['refusal', 'content_filter'],
    ['something_new', 'stop'],
    [null, 'stop'],
  ];
  for (const [raw, want] of cases) it(`${raw} → ${want}`, () => assert.equal(mapAnthropicStopReason(raw), want));
});

describe('anthropic error bodies', () => {
  it('reads the envelope', () => {
    const p = parseAnthropicErrorBody(
      { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' }, request_id: 'req_1' },
      529,
    );
    assert.deepEqual(p, { message: 'Overloaded', code: 'overloaded_error', category: 'overloaded' });
  });

  it('returns undefined for a body in another shape', () => {
    assert.equal(parseAnthropicErrorBody({ error: 'nope' }, 500), undefined);
    assert.equal(parseAnthropicErrorBody('text', 500), undefined);
  });

  it('tells apart the invalid_request_error cases by message', () => {
    assert.equal(
      categoryForAnthropicError('invalid_request_error', 'prompt is too long: 210345 tokens > 200000 maximum'),
      'context_length',
    );
    assert.equal(
      categoryForAnthropicError('invalid_request_error', 'input length and `max_tokens` exceed context limit: 198000 + 8192 > 200000'),
      'context_length',
    );
    assert.equal(
      categoryForAnthropicError('invalid_request_error', 'Your credit balance is too low to access the Anthropic API.'),
      'payment',
    );
    assert.equal(categoryForAnthropicError('invalid_request_error', 'Output blocked by content filtering policy'), 'content_policy');
    assert.equal(categoryForAnthropicError('invalid_request_error', 'messages: roles must alternate'), 'bad_request');
  });

  it('maps every documented type', () => {
    const want: Record<string, string> = {
      authentication_error: 'auth',
      permission_error: 'permission',
      not_found_error: 'not_found',
      billing_error: 'payment',
      request_too_large: 'context_length',
      rate_limit_error: 'rate_limit',
      api_error: 'server',
      timeout_error: 'timeout',
      overloaded_error: 'overloaded',
    };
    for (const [t, c] of Object.entries(want)) assert.equal(categoryForAnthropicError(t, ''), c, t);
  });

  it('falls back to the status for an unknown type', () => {
    assert.equal(categoryForAnthropicError('brand_new_error', '', 503), 'overloaded');
    assert.equal(categoryForAnthropicError('brand_new_error', ''), 'server');
  });

  it('builds a retryable, redacted error from a mid-stream event', () => {
    const key = 'sk-ant-test-SENTINEL-abcdef123456';
    const e = streamErrorFromEvent({ type: 'overloaded_error', message: `Overloaded ${key}` }, ANTHROPIC_PRESET, [key]);
    assert.equal(e.category, 'overloaded');
    assert.equal(e.retryable, true);
    assert.equal(e.code, 'overloaded_error');
    assert.ok(!e.message.includes(key));
  });

  it('reads every wording of an over-long prompt as context_length', () => {
    for (const m of [
      'request would exceed context window of 200000 tokens',
      'input exceeds context window',
      'prompt exceeded the context limit',
      'input length and max_tokens exceed the maximum allowed: 198000 + 8192 > 200000',
      'input length and `max_tokens` exceed the maximum allowed',
    ])
      assert.equal(categoryForAnthropicError('invalid_request_error', m), 'context_length', m);
  });

  it('an envelope without a message is named by its type', () => {
    assert.deepEqual(parseAnthropicErrorBody({ error: { type: 'api_error' } }, 500), {
      message: 'api_error',
      code: 'api_error',
      category: 'server',
    });
  });

  it('a mid-stream error is classified by its message and names its type', () => {
    const long = streamErrorFromEvent({ type: 'invalid_request_error', message: 'prompt is too long: 1 > 0' }, ANTHROPIC_PRESET, []);
    assert.equal(long.category, 'context_length');
    assert.match(long.message, /^Anthropic failed mid-stream \(invalid_request_error: prompt is too long: 1 > 0\)\. /);
    const bare = streamErrorFromEvent({ type: 'overloaded_error' }, ANTHROPIC_PRESET, []);
    assert.match(bare.message, /^Anthropic failed mid-stream \(overloaded_error\)\. /);
  });
});
