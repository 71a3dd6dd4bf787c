// The chat.completion.chunk mapper fed chunk by chunk, for what the simulator's whole streams
// leave open: finish reasons, in-band failures, late upstream names, repeated usage, OpenRouter's
// reasoning_details fragments and tool-call fragments keyed by index.
import * as assert from 'node:assert/strict';
import type { ProviderError } from '../../../../src/core/errors';
import type { SseEvent } from '../../../../src/core/http/sse';
import { mapOpenAIFinishReason } from '../../../../src/core/providers/openai/map-finish-reason';
import { customOpenAIProvider } from '../../../../src/core/providers/openai/presets';
import { OpenAIStreamMapper } from '../../../../src/core/providers/openai/stream-mapper';
import type { StreamEvent } from '../../../../src/core/types';

const HOST = customOpenAIProvider({ id: 'h', displayName: 'Host', baseUrl: 'http://127.0.0.1:1/v1' });

/** Feeds chunks (objects, or raw strings such as [DONE]) and collects what comes out. */
function feed(...chunks: unknown[]) {
  const m = new OpenAIStreamMapper(HOST, ['sk-mapper-secret-0123456789']);
  const events: StreamEvent[] = [];
  for (const c of chunks) {
    events.push(...m.onEvent({ data: typeof c === 'string' ? c : JSON.stringify(c) } as SseEvent));
    if (m.done) break;
  }
  let error: ProviderError | undefined;
  try {
    events.push(...m.onEnd());
  } catch (e) {
    error = e as ProviderError;
  }
  return { m, events, error, text: events.map((e) => (e.type === 'text-delta' ? e.text : '')).join('') };
}

const text = (content: string, extra: Record<string, unknown> = {}) => ({
  id: 'c1',
  model: 'm',
  choices: [{ index: 0, delta: { content } }],
  ...extra,
});
const finish = (reason: string | null, extra: Record<string, unknown> = {}) => ({
  id: 'c1',
  model: 'm',
  choices: [{ index: 0, delta: {}, finish_reason: reason }],
  ...extra,
});
const calls = (tool_calls: unknown[]) => ({ id: 'c1', model: 'm', choices: [{ index: 0, delta: { tool_calls } }] });
const finishOf = (events: StreamEvent[]) => events.find((e): e is Extract<StreamEvent, { type: 'finish' }> => e.type === 'finish');

describe('openai stream mapper', () => {
  it('a max_tokens finish (some hosts) is a truncated answer, not a complete one', () => {
    assert.equal(mapOpenAIFinishReason('max_tokens'), 'length');
    assert.equal(mapOpenAIFinishReason('end_turn'), 'stop');
    assert.equal(mapOpenAIFinishReason('recitation'), 'stop', 'an unknown reason reads as a normal stop');
    const r = feed(text('Hel'), finish('max_tokens'), '[DONE]');
    assert.deepEqual(finishOf(r.events), { type: 'finish', reason: 'length', rawReason: 'max_tokens' });
  });

  it('[DONE] without a finish reason is a complete answer with no raw reason', () => {
    const r = feed(text('Hi'), '[DONE]');
    assert.equal(r.error, undefined);
    assert.deepEqual(r.events.at(-1), { type: 'finish', reason: 'stop', rawReason: undefined });
  });

  it('a body that ends with neither is a cut-off answer, retried as a protocol error', () => {
    const r = feed(text('Hi'), text(' there'));
    assert.equal(r.text, 'Hi there');
    assert.equal(r.error?.category, 'protocol');
    assert.equal(r.error?.retryable, true);
    assert.match(r.error?.message ?? '', /^Host closed the stream before the answer was finished/);
  });

  it('finish_reason "error" keeps the text and fails as a server error after it', () => {
    const r = feed(text('partial'), { id: 'c1', choices: [{ index: 0, delta: { content: ' more' }, finish_reason: 'error' }] }, '[DONE]');
    assert.equal(r.text, 'partial more');
    assert.equal(r.error?.category, 'server');
    assert.equal(r.error?.code, 'error');
    assert.equal(r.error?.message, 'Host ended the answer with an error.');
    assert.ok(r.m.done, 'nothing after the error is read');
    assert.equal(finishOf(r.events), undefined);
  });

  it('an in-band error chunk delivers its text, then fails, and reads nothing after it', () => {
    const r = feed(
      text('Hello'),
      { id: 'c1', choices: [{ index: 0, delta: { content: ' world' } }], error: { code: 502, message: 'upstream gone' } },
      text('never'),
    );
    assert.equal(r.text, 'Hello world');
    assert.equal(r.error?.category, 'server');
    assert.match(r.error?.message ?? '', /upstream gone/);
  });

  it('a chunk in the wrong shape is a retryable protocol error naming the field', () => {
    const m = new OpenAIStreamMapper(HOST);
    assert.throws(
      () => m.onEvent({ data: JSON.stringify({ choices: [{ index: 0, delta: { content: 5 } }] }) } as SseEvent),
      (e: ProviderError) =>
        e.category === 'protocol' &&
        e.retryable &&
        e.message === 'Host sent a stream chunk in an unexpected shape (choices.0.delta.content: Invalid input).',
    );
  });

  it('metadata once with model and id; an upstream named later is reported once, on its own', () => {
    const r = feed(text('a'), text('b', { provider: 'Up' }), text('c', { provider: 'Up' }), finish('stop'), '[DONE]');
    const meta = r.events.filter((e) => e.type === 'response-metadata');
    assert.deepEqual(meta, [
      { type: 'response-metadata', provider: 'h', modelId: 'm', requestId: 'c1', upstreamProvider: undefined },
      { type: 'response-metadata', provider: 'h', upstreamProvider: 'Up' },
    ]);
    assert.equal(r.text, 'abc');
  });

  it('an upstream named on the first chunk is reported once', () => {
    const r = feed(text('a', { provider: 'Up' }), text('b', { provider: 'Up' }), finish('stop', { provider: 'Up' }), '[DONE]');
    assert.deepEqual(
      r.events.filter((e) => e.type === 'response-metadata'),
      [{ type: 'response-metadata', provider: 'h', modelId: 'm', requestId: 'c1', upstreamProvider: 'Up' }],
    );
  });

  it('a first chunk without id or model sends no metadata until one arrives', () => {
    const r = feed({ choices: [{ delta: { content: 'a' } }] }, text('b'), finish('stop'), '[DONE]');
    assert.deepEqual(
      r.events.map((e) => e.type),
      ['text-delta', 'response-metadata', 'text-delta', 'finish'],
    );
  });

  it('a first chunk with only an id, or only a model, already carries the metadata', () => {
    const byId = feed({ id: 'c9', choices: [{ delta: { content: 'a' } }] }, finish('stop'), '[DONE]');
    assert.deepEqual(byId.events[0], {
      type: 'response-metadata',
      provider: 'h',
      modelId: undefined,
      requestId: 'c9',
      upstreamProvider: undefined,
    });
    const byModel = feed({ model: 'm9', choices: [{ delta: { content: 'a' } }] }, finish('stop'), '[DONE]');
    assert.deepEqual(byModel.events[0], {
      type: 'response-metadata',
      provider: 'h',
      modelId: 'm9',
      requestId: undefined,
      upstreamProvider: undefined,
    });
  });

  it('usage sent twice: the last one counts, once, just before finish', () => {
    const r = feed(
      text('a'),
      finish('stop', { usage: { prompt_tokens: 5, completion_tokens: 1 } }),
      { id: 'c1', choices: [], usage: { prompt_tokens: 9, completion_tokens: 3, completion_tokens_details: { reasoning_tokens: 2 } } },
      '[DONE]',
    );
    assert.deepEqual(
      r.events.filter((e) => e.type === 'usage'),
      [{ type: 'usage', usage: { inputTokens: 9, outputTokens: 3, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 2 } }],
    );
    assert.equal(r.events.at(-2)?.type, 'usage');
    assert.equal(r.m.partialUsage()?.inputTokens, 9);
  });

  it('reasoning text from either field, and empty deltas, on the fast path too', () => {
    const r = feed(
      text('x'),
      { id: 'c1', model: 'm', choices: [{ index: 0, delta: { reasoning_content: 'think ' } }] },
      { id: 'c1', model: 'm', choices: [{ index: 0, delta: { reasoning: 'more' } }] },
      text(''),
      { id: 'c1', model: 'm', choices: [{ index: 0, delta: { content: '', reasoning: '' } }] },
      text('y'),
      finish('stop'),
      '[DONE]',
    );
    assert.deepEqual(
      r.events.filter((e) => e.type === 'text-delta' || e.type === 'reasoning-delta'),
      [
        { type: 'text-delta', text: 'x' },
        { type: 'reasoning-delta', text: 'think ' },
        { type: 'reasoning-delta', text: 'more' },
        { type: 'text-delta', text: 'y' },
      ],
    );
  });

  it('typed content parts: text and thinking in order, empty and unknown parts carry nothing', () => {
    const r = feed(
      {
        id: 'c1',
        model: 'm',
        choices: [
          {
            delta: {
              content: [
                { type: 'thinking', thinking: [{ type: 'text', text: 'a' }, { type: 'text' }, { type: 'text', text: 'b' }] },
                { type: 'thinking', thinking: [] },
                { type: 'text', text: '' },
                { type: 'image_url', text: 'not text' },
                { type: 'text', text: 'Yes' },
              ],
            },
          },
        ],
      },
      finish('stop'),
      '[DONE]',
    );
    assert.deepEqual(
      r.events.filter((e) => e.type === 'text-delta' || e.type === 'reasoning-delta'),
      [
        { type: 'reasoning-delta', text: 'ab' },
        { type: 'text-delta', text: 'Yes' },
      ],
    );
  });

  it('typed content parts mid-stream are read as parts too; a thinking part without its list carries nothing', () => {
    const parts = (content: unknown[]) => ({ id: 'c1', model: 'm', choices: [{ index: 0, delta: { content } }] });
    const r = feed(
      text('a'),
      parts([{ type: 'text', text: 'b' }]),
      parts([{ type: 'thinking' }, { type: 'text', text: 'c' }]),
      finish('stop'),
      '[DONE]',
    );
    assert.equal(r.error, undefined);
    assert.deepEqual(
      r.events.filter((e) => e.type === 'text-delta' || e.type === 'reasoning-delta'),
      [
        { type: 'text-delta', text: 'a' },
        { type: 'text-delta', text: 'b' },
        { type: 'text-delta', text: 'c' },
      ],
    );
  });

  it('OpenRouter reasoning_details: fragments of one entry are joined, others kept as received, before the calls', () => {
    const detail = (d: Record<string, unknown>) => ({ id: 'c1', model: 'm', choices: [{ index: 0, delta: { reasoning_details: [d] } }] });
    const r = feed(
      detail({ type: 'reasoning.text', index: 0, text: 'Let ', signature: null, format: 'f1' }),
      detail({ type: 'reasoning.text', index: 0, text: 'me', signature: 'sig' }),
      detail({ type: 'reasoning.text', index: 0, text: ' think', signature: null }),
      detail({ type: 'reasoning.text', index: 0, text: null }),
      detail({ type: 'reasoning.text', index: 3, text: '!' }),
      detail({ type: 'reasoning.summary', index: 1, format: 'f2' }),
      detail({ type: 'reasoning.summary', index: 1, summary: 'Sum' }),
      detail({ type: 'reasoning.summary', index: 1, summary: 'mary' }),
      detail({ type: 'reasoning.encrypted', index: 2, data: 'AA' }),
      detail({ type: 'reasoning.encrypted', index: 2, data: 'BB' }),
      detail({ type: 'reasoning.text', index: 2, text: '?' }),
      calls([{ index: 0, id: 'call_1', function: { name: 'f', arguments: '{}' } }]),
      finish('tool_calls'),
      '[DONE]',
    );
    const parts = r.events.filter((e) => e.type === 'reasoning-part');
    assert.deepEqual(parts, [
      {
        type: 'reasoning-part',
        part: {
          type: 'reasoning',
          text: 'Let me think!Summary?',
          family: 'openai',
          details: [
            { type: 'reasoning.text', index: 0, text: 'Let me think', signature: 'sig', format: 'f1' },
            { type: 'reasoning.text', index: 3, text: '!' },
            { type: 'reasoning.summary', index: 1, format: 'f2', summary: 'Summary' },
            { type: 'reasoning.encrypted', index: 2, data: 'AABB' },
            { type: 'reasoning.text', index: 2, text: '?' },
          ],
        },
      },
    ]);
    assert.deepEqual(
      r.events.map((e) => e.type).filter((t) => t === 'reasoning-part' || t === 'tool-call'),
      ['reasoning-part', 'tool-call'],
    );
  });

  it('tool calls: ids and names from the first fragment, position when index is missing, index order', () => {
    const r = feed(
      calls([{ index: 10, id: 'call_10', function: { name: 'ten', arguments: '{"n":' } }]),
      calls([{ index: 2, id: 'call_2', function: { name: 'two', arguments: '' } }]),
      calls([{ index: 10 }]),
      calls([{ index: 10, function: { name: 'ten-again', arguments: '10}' } }]),
      calls([{ index: 2, function: { arguments: '{}' } }]),
      finish('tool_calls'),
      calls([{ function: { name: 'a', arguments: '{"x":1}' } }, { function: { name: 'b' } }]),
      finish('tool_calls'),
      '[DONE]',
    );
    const got = r.events.flatMap((e) => (e.type === 'tool-call' ? [e.call] : []));
    assert.deepEqual(got, [
      { type: 'tool-call', id: 'call_2', name: 'two', args: {} },
      { type: 'tool-call', id: 'call_10', name: 'ten', args: { n: 10 } },
      { type: 'tool-call', id: 'call_0', name: 'a', args: { x: 1 }, syntheticId: true },
      { type: 'tool-call', id: 'call_1', name: 'b', args: {}, syntheticId: true },
    ]);
    assert.equal(finishOf(r.events)?.reason, 'tool_calls');
  });

  it('calls buffered when [DONE] comes without a finish reason are released, and the turn reads as tool_calls', () => {
    const r = feed(calls([{ index: 0, id: 'c', function: { name: 'now', arguments: '' } }]), '[DONE]');
    assert.deepEqual(
      r.events.filter((e) => e.type === 'tool-call' || e.type === 'finish').map((e) => e.type),
      ['tool-call', 'finish'],
    );
    assert.equal(finishOf(r.events)?.reason, 'tool_calls');
  });

  it('a length finish after calls stays length: the calls may be cut', () => {
    const r = feed(calls([{ index: 0, id: 'c', function: { name: 'f', arguments: '{}' } }]), finish('length'), '[DONE]');
    assert.equal(finishOf(r.events)?.reason, 'length');
  });

  it('a text chunk that also carries a tool fragment yields both', () => {
    const r = feed(
      text('a'),
      {
        id: 'c1',
        model: 'm',
        choices: [{ index: 0, delta: { content: 'b', tool_calls: [{ index: 0, id: 'k', function: { name: 'f' } }] } }],
      },
      finish('stop'),
      '[DONE]',
    );
    assert.equal(r.text, 'ab');
    assert.equal(r.events.filter((e) => e.type === 'tool-call').length, 1);
    assert.equal(finishOf(r.events)?.reason, 'tool_calls');
  });

  it('mid-stream, a text chunk that also carries usage, a finish, an upstream or reasoning loses none of it', () => {
    const r = feed(
      text('a'),
      { id: 'c1', model: 'm', choices: [{ index: 0, delta: { role: 'assistant' } }] },
      { id: 'c1', model: 'm', choices: [{ index: 0, delta: { content: 'b', reasoning_content: 'r1' } }] },
      { id: 'c1', model: 'm', choices: [{ index: 0, delta: { content: 'c', reasoning: 'r2' } }] },
      text('d', { provider: 'Late' }),
      text('e', { x_groq: { usage: { prompt_tokens: 1, completion_tokens: 1 } } }),
      {
        id: 'c1',
        model: 'm',
        choices: [{ index: 0, delta: { content: 'f' }, finish_reason: 'length' }],
        usage: { prompt_tokens: 7, completion_tokens: 6 },
      },
      '[DONE]',
    );
    assert.equal(r.error, undefined);
    assert.equal(r.text, 'abcdef');
    assert.equal(
      r.events
        .filter((e) => e.type === 'reasoning-delta')
        .map((e) => (e.type === 'reasoning-delta' ? e.text : ''))
        .join(''),
      'r1r2',
    );
    assert.equal(r.events.filter((e) => e.type === 'response-metadata').length, 2);
    assert.deepEqual(
      r.events.find((e) => e.type === 'usage'),
      { type: 'usage', usage: { inputTokens: 7, outputTokens: 6, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 } },
    );
    assert.deepEqual(finishOf(r.events), { type: 'finish', reason: 'length', rawReason: 'length' });
  });

  it('mid-stream, usage riding on a text chunk (usage or x_groq.usage) is kept', () => {
    const usage = { prompt_tokens: 7, completion_tokens: 6 };
    for (const extra of [{ usage }, { x_groq: { usage } }]) {
      const r = feed(text('a'), text('b', extra), finish('stop'), '[DONE]');
      assert.equal(r.text, 'ab');
      assert.equal(r.m.partialUsage()?.inputTokens, 7, JSON.stringify(extra));
    }
  });

  it('mid-stream, a chunk with an error and text keeps the text and fails', () => {
    const r = feed(text('a'), text('b', { error: { message: 'boom', code: 'server_error' } }), '[DONE]');
    assert.equal(r.text, 'ab');
    assert.equal(r.error?.category, 'server');
  });

  it('a keep-alive of whitespace is nothing; [DONE] ends reading', () => {
    const m = new OpenAIStreamMapper(HOST);
    assert.deepEqual(m.onEvent({ data: '  \n' } as SseEvent), []);
    assert.equal(m.done, false);
    assert.deepEqual(m.onEvent({ data: '[DONE]' } as SseEvent), []);
    assert.equal(m.done, true);
  });
});
