// The Responses stream mapper event by event: metadata, deltas, function calls assembled per
// output index, reasoning items, how a response ends, and the events it refuses or skips.
import * as assert from 'node:assert/strict';
import { thrown } from '../thrown';
import { feed, KEY, mapper } from './rig';

const added = (output_index: number | null, item: Record<string, unknown>) => ({ type: 'response.output_item.added', output_index, item });
const done = (output_index: number | null, item: Record<string, unknown>) => ({ type: 'response.output_item.done', output_index, item });
const argDelta = (output_index: number, delta: string) => ({ type: 'response.function_call_arguments.delta', output_index, delta });
const completed = (response: Record<string, unknown> = {}) => ({ type: 'response.completed', response });

describe('responses stream mapper: deltas and metadata', () => {
  it('maps text, refusal and reasoning deltas, and skips empty ones', () => {
    const m = mapper();
    const out = feed(m, [
      { type: 'response.output_text.delta', delta: 'Hi' },
      { type: 'response.output_text.delta', delta: '' },
      { type: 'response.refusal.delta', output_index: 0, delta: 'No.' },
      { type: 'response.refusal.delta', delta: '' },
      { type: 'response.reasoning_text.delta', delta: 'raw' },
      { type: 'response.reasoning_summary_text.delta', delta: 'sum' },
      { type: 'response.reasoning_text.delta', delta: '' },
    ]);
    assert.deepEqual(out, [
      { type: 'text-delta', text: 'Hi' },
      { type: 'text-delta', text: 'No.' },
      { type: 'reasoning-delta', text: 'raw' },
      { type: 'reasoning-delta', text: 'sum' },
    ]);
  });

  it('takes the event type from the SSE event name when the data has none', () => {
    const m = mapper();
    assert.deepEqual(m.onEvent({ event: 'response.output_text.delta', data: '{"delta":"x"}' } as never), [
      { type: 'text-delta', text: 'x' },
    ]);
    assert.deepEqual(m.onEvent({ event: 'response.output_text.delta', data: '{"type":5,"delta":"y"}' } as never), [
      { type: 'text-delta', text: 'y' },
    ]);
  });

  it('skips events it does not know, untyped data and null, even with an error field', () => {
    const m = mapper();
    assert.deepEqual(
      feed(m, ['null', { foo: 1 }, { error: null }, { type: 'response.web_search_call.searching', error: { message: 'x' } }]),
      [],
    );
  });

  it('reports metadata on created, and on in-progress or queued only when they name the model', () => {
    const meta = (type: string, response: Record<string, unknown>) => feed(mapper(), [{ type, response }]);
    assert.deepEqual(meta('response.created', { id: 'resp_1' }), [
      { type: 'response-metadata', provider: 'openai', modelId: undefined, requestId: 'resp_1' },
    ]);
    assert.deepEqual(meta('response.in_progress', { id: 'resp_1' }), []);
    assert.deepEqual(meta('response.queued', { id: 'resp_1', model: 'gpt-x' }), [
      { type: 'response-metadata', provider: 'openai', modelId: 'gpt-x', requestId: 'resp_1' },
    ]);
  });

  it('a malformed known event is a retryable protocol error naming the field, key redacted', () => {
    const e = thrown(() => feed(mapper(), [{ type: 'response.output_text.delta', delta: 5, note: KEY }]));
    assert.equal(e.category, 'protocol');
    assert.equal(e.retryable, true);
    assert.match(e.message, /^OpenAI sent a malformed "response\.output_text\.delta" event \(field delta\): /);
    assert.ok(!e.message.includes(KEY), e.message);
    assert.match(thrown(() => feed(mapper(), [done(0, { type: 7 })])).message, /\(field item\.type\)/);
  });
});

describe('responses stream mapper: function calls', () => {
  it('assembles each call from its own output index, whatever order the fragments come in', () => {
    const m = mapper();
    const out = feed(m, [
      added(1, { type: 'function_call', call_id: 'c1', name: 'f', arguments: '{"a":' }),
      added(2, { type: 'function_call', call_id: 'c2', name: 'g' }),
      argDelta(2, '{"b":'),
      argDelta(1, '1}'),
      argDelta(2, '2}'),
      done(2, { type: 'function_call', call_id: 'c2', name: 'g' }),
      { type: 'response.function_call_arguments.done', output_index: 3, arguments: '{"c":3}' },
      done(3, { type: 'function_call', id: 'fc_3', name: 'h' }),
      done(1, { type: 'function_call', call_id: 'c1', name: 'f' }),
    ]);
    assert.deepEqual(out, [
      { type: 'tool-call', call: { type: 'tool-call', id: 'c2', name: 'g', args: { b: 2 } } },
      { type: 'tool-call', call: { type: 'tool-call', id: 'fc_3', name: 'h', args: { c: 3 } } },
      { type: 'tool-call', call: { type: 'tool-call', id: 'c1', name: 'f', args: { a: 1 } } },
    ]);
    feed(m, [completed({ status: 'completed' })]);
    assert.deepEqual(m.onEnd(), [{ type: 'finish', reason: 'tool_calls', rawReason: 'completed' }]);
  });

  it('a call without an index does not inherit the arguments of the one before', () => {
    const out = feed(mapper(), [
      added(null, { type: 'function_call', call_id: 'a', name: 'f', arguments: '{"x":' }),
      { type: 'response.function_call_arguments.delta', delta: '1}' },
      done(null, { type: 'function_call', call_id: 'a', name: 'f' }),
      added(null, { type: 'function_call', call_id: 'b', name: 'f' }),
      { type: 'response.function_call_arguments.done', arguments: '{"y":2}' },
      done(null, { type: 'function_call', call_id: 'b' }),
      done(null, { type: 'function_call', call_id: 'c', name: 'g' }),
    ]);
    assert.deepEqual(out, [
      { type: 'tool-call', call: { type: 'tool-call', id: 'a', name: 'f', args: { x: 1 } } },
      { type: 'tool-call', call: { type: 'tool-call', id: 'b', name: '', args: { y: 2 } } },
      { type: 'tool-call', call: { type: 'tool-call', id: 'c', name: 'g', args: {} } },
    ]);
  });

  it("a call without call_id answers to the item's id, and one with neither gets an id of its own the next turn can pair", () => {
    const calls = (events: unknown[]) => feed(mapper(), events).map((e) => (e.type === 'tool-call' ? e.call : e));
    const first = calls([
      done(0, { type: 'function_call', id: 'fc_0', name: 'f', arguments: '{}' }),
      done(1, { type: 'function_call', call_id: '', name: 'g', arguments: '{}' }),
      done(2, { type: 'function_call', name: 'g', arguments: '{}' }),
    ]);
    const second = calls([done(0, { type: 'function_call', name: 'g', arguments: '{}' })]);
    assert.deepEqual(first[0], { type: 'tool-call', id: 'fc_0', name: 'f', args: {} });
    const made = [first[1], first[2], second[0]] as { id: string; syntheticId?: boolean }[];
    for (const c of made) {
      assert.match(c.id, /^call_\S{8,}$/);
      assert.equal(c.syntheticId, true);
    }
    assert.equal(new Set(made.map((c) => c.id)).size, 3, JSON.stringify(made));
  });

  it('argument fragments that arrive before their item still make the call', () => {
    const out = feed(mapper(), [argDelta(5, '{"k":'), argDelta(5, '1}'), done(5, { type: 'function_call', call_id: 'c5', name: 'f' })]);
    assert.deepEqual(out, [{ type: 'tool-call', call: { type: 'tool-call', id: 'c5', name: 'f', args: { k: 1 } } }]);
  });
});

describe('responses stream mapper: reasoning items and endings', () => {
  it('a reasoning item reads as its summaries, or else its text, and is kept only with encrypted content', () => {
    const out = feed(mapper(), [
      done(0, { type: 'reasoning', summary: [{ text: 'a' }, { text: '' }, {}, { text: 'b' }], encrypted_content: 'enc' }),
      done(1, {
        type: 'reasoning',
        content: [{ type: 'reasoning_text', text: 'x' }, { type: 'reasoning_text' }, { type: 'reasoning_text', text: 'y' }],
      }),
      done(2, { type: 'message', content: [{ type: 'output_text', text: 'ignored here' }] }),
    ]);
    assert.deepEqual(out, [
      {
        type: 'reasoning-part',
        part: {
          type: 'reasoning',
          text: 'a\n\nb',
          family: 'responses',
          details: [{ type: 'reasoning', summary: [{ text: 'a' }, { text: '' }, {}, { text: 'b' }], encrypted_content: 'enc' }],
        },
      },
      { type: 'reasoning-part', part: { type: 'reasoning', text: 'xy', family: 'responses' } },
    ]);
  });

  it('completed ends the answer: done, usage only when sent, raw status kept or assumed', () => {
    const m = mapper();
    assert.equal(m.done, false);
    feed(m, [completed()]);
    assert.equal(m.done, true);
    assert.deepEqual(m.onEnd(), [{ type: 'finish', reason: 'stop', rawReason: 'completed' }]);
    assert.equal(m.partialUsage(), undefined);
  });

  it('incomplete without details is a length finish; a content filter says so', () => {
    const m = mapper();
    feed(m, [{ type: 'response.incomplete', response: { status: 'incomplete', usage: { input_tokens: 4, output_tokens: 9 } } }]);
    assert.deepEqual(m.onEnd(), [
      { type: 'usage', usage: { inputTokens: 4, outputTokens: 9, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 } },
      { type: 'finish', reason: 'length', rawReason: 'incomplete' },
    ]);
    const f = mapper();
    feed(f, [completed({ status: 'completed', incomplete_details: { reason: 'content_filter' } })]);
    assert.deepEqual(f.onEnd(), [{ type: 'finish', reason: 'content_filter', rawReason: 'content_filter' }]);
  });

  it('a stream cut before the end is a retryable protocol error', () => {
    const e = thrown(() => mapper().onEnd());
    assert.deepEqual([e.category, e.retryable], ['protocol', true]);
    assert.equal(e.message, 'OpenAI closed the stream before the response was finished (no response.completed).');
  });

  it('a wrapped error object with no type fails the stream, key redacted', () => {
    const e = thrown(() => feed(mapper(), [{ error: { code: 'server_error', message: `boom for ${KEY}` } }]));
    assert.equal(e.category, 'server');
    assert.match(e.message, /^OpenAI reported an error mid-stream: boom for \[redacted\]\. /);
  });
});
