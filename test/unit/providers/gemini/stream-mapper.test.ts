// The Gemini stream mapper frame by frame: metadata, thoughts and their signatures, function
// calls and their generated ids, how a stream ends, and the errors it can end with.
import * as assert from 'node:assert/strict';
import { GEMINI_PRESET } from '../../../../src/core/providers/gemini/preset';
import { createGeminiStreamMapper } from '../../../../src/core/providers/gemini/stream-mapper';
import type { StreamMapper } from '../../../../src/core/providers/stream-driver';
import type { StreamEvent, ToolCallPart } from '../../../../src/core/types';
import { thrown } from '../thrown';

/** A key no vendor pattern matches, so only the mapper's own redaction can hide it. */
const KEY = 'plain-secret-4f9e2b7c';

/** A mapper whose body ended with `tail` after its last event boundary. */
const mapper = (tail = '') => {
  const m = createGeminiStreamMapper({ descriptor: GEMINI_PRESET, secrets: [KEY] });
  m.onBytes?.(Buffer.from(tail));
  return m;
};
const feed = (m: StreamMapper, frames: unknown[]): StreamEvent[] => frames.flatMap((f) => m.onEvent({ data: JSON.stringify(f) } as never));
const frame = (parts: unknown[], extra: Record<string, unknown> = {}, finishReason?: string) => ({
  candidates: [{ content: { parts, role: 'model' }, ...(finishReason ? { finishReason } : {}) }],
  ...extra,
});
const call = (name: string, args: unknown, more: Record<string, unknown> = {}) => ({ functionCall: { name, args, ...more } });
const calls = (events: StreamEvent[]): ToolCallPart[] => events.flatMap((e) => (e.type === 'tool-call' ? [e.call] : []));

describe('gemini stream mapper: metadata and thoughts', () => {
  it('reports the model and response id when first seen and again only when they change', () => {
    const m = mapper();
    const meta = (f: unknown) => feed(m, [f]).filter((e) => e.type === 'response-metadata');
    assert.deepEqual(meta(frame([], { modelVersion: 'g-1', responseId: 'r-1' })), [
      { type: 'response-metadata', provider: 'gemini', modelId: 'g-1', requestId: 'r-1' },
    ]);
    assert.deepEqual(meta(frame([], { modelVersion: 'g-1', responseId: 'r-1' })), []);
    assert.deepEqual(meta(frame([], { responseId: 'r-1' })), []);
    assert.deepEqual(meta(frame([], { modelVersion: 'g-1' })), []);
    assert.deepEqual(meta(frame([], { responseId: 'r-2' })), [
      { type: 'response-metadata', provider: 'gemini', modelId: 'g-1', requestId: 'r-2' },
    ]);
    assert.deepEqual(meta(frame([], { modelVersion: 'g-2' })), [
      { type: 'response-metadata', provider: 'gemini', modelId: 'g-2', requestId: 'r-2' },
    ]);
  });

  it('releases each run of thought as one reasoning part, with its signature, before the answer', () => {
    const m = mapper();
    const out = feed(m, [
      frame([
        { text: 'Think ', thought: true },
        { text: 'more', thought: true, thoughtSignature: 'sig-1' },
      ]),
      frame([{ thought: true }, { text: '' }, { text: 'Answer' }]),
      frame([{ text: 'again', thought: true }]),
      frame([{ text: '.' }], { usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 2 } }, 'STOP'),
    ]);
    assert.deepEqual(out, [
      { type: 'reasoning-delta', text: 'Think ' },
      { type: 'reasoning-delta', text: 'more' },
      { type: 'reasoning-part', part: { type: 'reasoning', text: 'Think more', signature: 'sig-1', family: 'gemini' } },
      { type: 'text-delta', text: 'Answer' },
      { type: 'reasoning-delta', text: 'again' },
      { type: 'reasoning-part', part: { type: 'reasoning', text: 'again', family: 'gemini' } },
      { type: 'text-delta', text: '.' },
    ]);
    assert.deepEqual(m.onEnd(), [
      { type: 'usage', usage: { inputTokens: 3, outputTokens: 2, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 } },
      { type: 'finish', reason: 'stop', rawReason: 'STOP' },
    ]);
  });

  it('keeps a signature that arrives on a thought part without text, and releases it at the end', () => {
    const m = mapper();
    assert.deepEqual(feed(m, [frame([{ thought: true, thoughtSignature: 'sig-only' }], {}, 'STOP')]), []);
    assert.deepEqual(m.onEnd(), [
      { type: 'reasoning-part', part: { type: 'reasoning', text: '', signature: 'sig-only', family: 'gemini' } },
      { type: 'finish', reason: 'stop', rawReason: 'STOP' },
    ]);
    assert.equal(m.partialUsage(), undefined);
  });
});

describe('gemini stream mapper: function calls', () => {
  it('emits whole calls after the thought, with ids from the response id and position, and finishes as tool_calls', () => {
    const m = mapper();
    const out = feed(m, [
      frame([{ text: 'Plan', thought: true }], { responseId: 'resp-9' }),
      frame([
        call('get_weather', { city: 'Paris' }),
        { ...call('now', null), thoughtSignature: 'sig-call' },
        call('lookup', {}, { id: 'given-7' }),
      ]),
      frame([], {}, 'STOP'),
    ]);
    assert.deepEqual(
      out.map((e) => e.type),
      ['response-metadata', 'reasoning-delta', 'reasoning-part', 'tool-call', 'tool-call', 'tool-call'],
    );
    const [a, b, c] = calls(out);
    assert.match(a.id, /^resp-9_call_0_[0-9a-z]+$/);
    assert.deepEqual({ ...a, id: '' }, { type: 'tool-call', id: '', name: 'get_weather', args: { city: 'Paris' }, syntheticId: true });
    assert.match(b.id, /^resp-9_call_1_[0-9a-z]+$/);
    assert.deepEqual({ ...b, id: '' }, { type: 'tool-call', id: '', name: 'now', args: {}, signature: 'sig-call', syntheticId: true });
    assert.deepEqual(c, { type: 'tool-call', id: 'given-7', name: 'lookup', args: {} });
    assert.deepEqual(m.onEnd(), [{ type: 'finish', reason: 'tool_calls', rawReason: 'STOP' }]);
  });

  it('generates the same id for the same call and different ids for other calls, even without a response id', () => {
    const idOf = (name: string, args: unknown) => calls(feed(mapper(), [frame([call(name, args)])]))[0].id;
    assert.match(idOf('f', { a: 1 }), /^gemini_call_0_/);
    assert.equal(idOf('f', { a: 1 }), idOf('f', { a: 1 }));
    assert.notEqual(idOf('f', { a: 1 }), idOf('f', { a: 2 }));
    assert.notEqual(idOf('f', { a: 1 }), idOf('g', { a: 1 }));
    assert.notEqual(idOf('f', {}), idOf('f', { x: 'y' }));
  });

  it('a truncated function-calling turn finishes as length, not tool_calls', () => {
    const m = mapper();
    feed(m, [frame([call('f', {})], {}, 'MAX_TOKENS')]);
    assert.deepEqual(m.onEnd(), [{ type: 'finish', reason: 'length', rawReason: 'MAX_TOKENS' }]);
  });
});

describe('gemini stream mapper: how a stream ends', () => {
  it('skips blank keep-alive frames and maps every frame of a JSON array', () => {
    const m = mapper();
    assert.deepEqual(m.onEvent({ data: ' \r\n' } as never), []);
    assert.equal(m.done, false);
    const out = feed(m, [[frame([{ text: 'a' }]), frame([{ text: 'b' }], {}, 'STOP')]]);
    assert.deepEqual(out, [
      { type: 'text-delta', text: 'a' },
      { type: 'text-delta', text: 'b' },
    ]);
  });

  it('a blocked prompt finishes as content_filter with its reason and message', () => {
    const m = mapper();
    feed(m, [{ promptFeedback: { blockReason: 'OTHER', blockReasonMessage: 'not allowed' } }]);
    assert.deepEqual(m.onEnd(), [{ type: 'finish', reason: 'content_filter', rawReason: 'Prompt blocked by Gemini (OTHER): not allowed' }]);
    const bare = mapper();
    feed(bare, [{ promptFeedback: { blockReason: 'SAFETY' } }]);
    assert.deepEqual(bare.onEnd(), [{ type: 'finish', reason: 'content_filter', rawReason: 'Prompt blocked by Gemini (SAFETY)' }]);
  });

  it('a stream without a finish reason is a retryable protocol error', () => {
    const m = createGeminiStreamMapper({ descriptor: GEMINI_PRESET });
    feed(m, [frame([{ text: 'cut' }])]);
    const e = thrown(() => m.onEnd());
    assert.equal(e.category, 'protocol');
    assert.equal(e.retryable, true);
    assert.match(
      e.message,
      /^Google Gemini ended the stream before sending a finish reason; the answer may be cut short\. Google Gemini sent a response/,
    );
  });

  it('a model failure (MALFORMED_FUNCTION_CALL) is a retryable server error naming the reason', () => {
    const m = mapper();
    feed(m, [frame([], {}, 'MALFORMED_FUNCTION_CALL')]);
    m.onEvent({
      data: JSON.stringify({ candidates: [{ finishReason: 'MALFORMED_FUNCTION_CALL', finishMessage: `bad call ${KEY}` }] }),
    } as never);
    const e = thrown(() => m.onEnd());
    assert.equal(e.category, 'server');
    assert.equal(e.retryable, true);
    assert.equal(e.code, 'MALFORMED_FUNCTION_CALL');
    assert.equal(
      e.message,
      'Google Gemini stopped with MALFORMED_FUNCTION_CALL: bad call [redacted]. Google Gemini had a server error. Try again or route to another host.',
    );
    const bare = mapper();
    feed(bare, [frame([], {}, 'TOO_MANY_TOOL_CALLS')]);
    assert.match(thrown(() => bare.onEnd()).message, /^Google Gemini stopped with TOO_MANY_TOOL_CALLS\. /);
  });

  it('a bare JSON error after the last frame fails the stream; other tails do not', () => {
    const tail = (t: string) => {
      const m = mapper(t);
      feed(m, [frame([{ text: 'x' }], {}, 'STOP')]);
      return m;
    };
    const obj = JSON.stringify({ error: { code: 503, status: 'UNAVAILABLE', message: `overloaded ${KEY}` } });
    for (const t of [obj, `[${obj}]`]) {
      const e = thrown(() => tail(t).onEnd());
      assert.equal(e.category, 'overloaded', t);
      assert.equal(e.status, 503);
      assert.ok(!e.message.includes(KEY), e.message);
    }
    for (const t of ['{"candidates":[]}', '{"error": trunc', 'not json']) assert.equal(tail(t).onEnd().at(-1)?.type, 'finish', t);
  });
});

describe('gemini stream mapper: errors in the stream', () => {
  it('an error frame fails with its status, category, code, retry hint and a redacted message', () => {
    const quota = {
      error: {
        code: 429,
        status: 'RESOURCE_EXHAUSTED',
        message: `Quota exceeded for ${KEY}`,
        details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '3s' }],
      },
    };
    const e = thrown(() => feed(mapper(), [quota]));
    assert.deepEqual(
      { category: e.category, status: e.status, code: e.code, retryAfterMs: e.retryAfterMs },
      { category: 'rate_limit', status: 429, code: 'RESOURCE_EXHAUSTED', retryAfterMs: 3_000 },
    );
    assert.equal(
      e.message,
      'Google Gemini reported an error in the stream (429 RESOURCE_EXHAUSTED: Quota exceeded for [redacted]). Google Gemini is rate-limiting your key. Wait, or let Switchboard route to another host.',
    );
  });

  it('an error frame with few details falls back on its HTTP code, then on 500', () => {
    const bare = thrown(() => feed(mapper(), [{ error: {} }]));
    assert.deepEqual([bare.category, bare.status], ['server', 500]);
    assert.match(bare.message, /\(500 no details\)/);
    const coded = thrown(() => feed(mapper(), [{ error: { code: 503, status: 'SOMETHING_NEW' } }]));
    assert.deepEqual([coded.category, coded.status, coded.code], ['overloaded', 503, 'SOMETHING_NEW']);
    assert.match(coded.message, /\(503 SOMETHING_NEW\)/);
    assert.match(thrown(() => feed(mapper(), [{ error: { message: 'only words' } }])).message, /\(500 only words\)/);
  });

  it('a frame in another shape, or not JSON, is a retryable protocol error that never shows the key', () => {
    const shape = thrown(() => feed(mapper(), [{ candidates: 'nope' }]));
    assert.equal(shape.category, 'protocol');
    assert.equal(shape.retryable, true);
    assert.match(
      shape.message,
      /^Google Gemini sent a stream frame in an unexpected shape: Invalid input: expected array, received string\. Google Gemini sent/,
    );
    const garbage = thrown(() => mapper().onEvent({ data: `oops ${KEY}` } as never));
    assert.equal(garbage.category, 'protocol');
    assert.ok(!garbage.message.includes(KEY), garbage.message);
  });
});
