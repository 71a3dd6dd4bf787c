// The Messages event mapper fed event by event, for what whole simulator streams leave open:
// thinking and signatures kept for the next turn, redacted thinking, tool input assembled from
// fragments, usage that arrives piecemeal, and events in shapes the fast path must not accept.
import * as assert from 'node:assert/strict';
import type { ProviderError } from '../../../../src/core/errors';
import { ANTHROPIC_PRESET } from '../../../../src/core/providers/anthropic/preset';
import { createAnthropicStreamMapper } from '../../../../src/core/providers/anthropic/stream-mapper';
import type { StreamEvent } from '../../../../src/core/types';

const START = { type: 'message_start', message: { id: 'msg_1', model: 'claude-x', usage: { input_tokens: 10, output_tokens: 1 } } };
const STOP = { type: 'message_stop' };
const delta = (index: number, d: Record<string, unknown>) => ({ type: 'content_block_delta', index, delta: d });
const blockStart = (index: number, b: Record<string, unknown>) => ({ type: 'content_block_start', index, content_block: b });
const blockStop = (index: number) => ({ type: 'content_block_stop', index });
const stopWith = (reason: string | null, usage?: Record<string, unknown>) => ({
  type: 'message_delta',
  delta: { stop_reason: reason, stop_sequence: null },
  ...(usage ? { usage } : {}),
});

/** Feeds events (objects, or raw data strings) and collects what comes out, with onEnd's events or error. */
function feed(payloads: unknown[], opts: { answerTool?: string; event?: string } = {}) {
  const m = createAnthropicStreamMapper(ANTHROPIC_PRESET, [], { answerTool: opts.answerTool });
  const perEvent: StreamEvent[][] = [];
  let error: ProviderError | undefined;
  try {
    for (const p of payloads) perEvent.push(m.onEvent({ data: typeof p === 'string' ? p : JSON.stringify(p), event: opts.event }));
    perEvent.push(m.onEnd());
  } catch (e) {
    error = e as ProviderError;
  }
  const events = perEvent.flat();
  return { m, events, perEvent, error, text: events.map((e) => (e.type === 'text-delta' ? e.text : '')).join('') };
}

const parts = (events: StreamEvent[]) => events.flatMap((e) => (e.type === 'reasoning-part' ? [e.part] : []));
const finishOf = (events: StreamEvent[]) => events.find((e) => e.type === 'finish');

describe('anthropic stream mapper: thinking kept for the next turn', () => {
  it('a thinking block keeps its opening text, every delta and the whole signature', () => {
    const r = feed([
      START,
      blockStart(0, { type: 'thinking', thinking: 'Let ', signature: 'sig-A' }),
      delta(0, { type: 'thinking_delta', thinking: 'me think' }),
      delta(0, { type: 'signature_delta', signature: 'sig-B' }),
      delta(0, { type: 'citations_delta', citation: {} }),
      blockStop(0),
      stopWith('end_turn'),
      STOP,
    ]);
    assert.equal(r.error, undefined, r.error?.message);
    assert.deepEqual(r.perEvent[1], [{ type: 'reasoning-delta', text: 'Let ' }]);
    assert.deepEqual(r.perEvent[2], [{ type: 'reasoning-delta', text: 'me think' }]);
    assert.deepEqual(r.perEvent[3], []);
    assert.deepEqual(r.perEvent[4], []);
    assert.deepEqual(parts(r.events), [{ type: 'reasoning', text: 'Let me think', signature: 'sig-Asig-B', family: 'anthropic' }]);
    assert.equal(r.text, '');
  });

  it('a thinking block opened empty starts with empty text and signature', () => {
    const r = feed([START, blockStart(0, { type: 'thinking' }), delta(0, { type: 'signature_delta', signature: 'S' }), blockStop(0), STOP]);
    assert.deepEqual(r.perEvent[1], []);
    assert.deepEqual(parts(r.events), [{ type: 'reasoning', text: '', signature: 'S', family: 'anthropic' }]);
  });

  it('redacted thinking comes back as its opaque data, with or without data', () => {
    const r = feed([
      START,
      blockStart(0, { type: 'redacted_thinking', data: 'opaque==' }),
      blockStop(0),
      blockStart(1, { type: 'redacted_thinking' }),
      blockStop(1),
      STOP,
    ]);
    assert.deepEqual(parts(r.events), [
      { type: 'reasoning', text: '', redactedData: 'opaque==', family: 'anthropic' },
      { type: 'reasoning', text: '', redactedData: '', family: 'anthropic' },
    ]);
  });

  it('thinking or a signature for a block never opened is shown but breaks nothing', () => {
    const r = feed([
      START,
      delta(3, { type: 'thinking_delta', thinking: 'stray' }),
      delta(3, { type: 'signature_delta', signature: 'x' }),
      blockStart(4, { type: 'text' }),
      delta(4, { type: 'thinking_delta', thinking: 'odd' }),
      delta(4, { type: 'signature_delta', signature: 'y' }),
      blockStop(4),
      blockStop(9),
      STOP,
    ]);
    assert.equal(r.error, undefined, r.error?.message);
    assert.equal(r.events.filter((e) => e.type === 'reasoning-delta').length, 2);
    assert.deepEqual(r.perEvent.slice(6, 8), [[], []], 'closing a text block or one never opened');
    assert.deepEqual(parts(r.events), []);
  });
});

describe('anthropic stream mapper: content blocks', () => {
  it('a block that opens with text or thinking shows only that, as the right kind', () => {
    const r = feed([
      START,
      blockStart(0, { type: 'text', text: 'Pre' }),
      blockStart(1, { type: 'thinking', thinking: 'Hm' }),
      blockStart(2, { type: 'text', text: '' }),
      blockStart(3, { type: 'tool_use', id: 't', name: 'f', input: {} }),
      STOP,
    ]);
    assert.deepEqual(r.perEvent.slice(1, 5), [[{ type: 'text-delta', text: 'Pre' }], [{ type: 'reasoning-delta', text: 'Hm' }], [], []]);
  });

  it('tool input assembled from fragments becomes one call; a block without id or name gets empty ones', () => {
    const r = feed([
      START,
      blockStart(0, { type: 'tool_use', id: 'toolu_1', name: 'read', input: {} }),
      delta(0, { type: 'input_json_delta', partial_json: '{"path":' }),
      delta(0, { type: 'input_json_delta', partial_json: '' }),
      delta(0, { type: 'input_json_delta', partial_json: '"a.ts"}' }),
      blockStop(0),
      blockStart(1, { type: 'tool_use' }),
      blockStop(1),
      delta(7, { type: 'input_json_delta', partial_json: '{"lost":1}' }),
      stopWith('tool_use'),
      STOP,
    ]);
    assert.deepEqual(
      r.events.filter((e) => e.type === 'tool-call'),
      [
        { type: 'tool-call', call: { type: 'tool-call', id: 'toolu_1', name: 'read', args: { path: 'a.ts' } } },
        { type: 'tool-call', call: { type: 'tool-call', id: '', name: '', args: {} } },
      ],
    );
    assert.deepEqual(r.perEvent.slice(2, 5), [[], [], []]);
    assert.deepEqual(r.perEvent[8], [], 'input for a block never opened');
    assert.deepEqual(finishOf(r.events), { type: 'finish', reason: 'tool_calls', rawReason: 'tool_use' });
  });

  it('with a structured answer asked for, another tool call still finishes as tool_calls', () => {
    const r = feed(
      [START, blockStart(0, { type: 'tool_use', id: 't', name: 'other', input: {} }), blockStop(0), stopWith('tool_use'), STOP],
      { answerTool: 'answer' },
    );
    assert.equal(r.events.filter((e) => e.type === 'tool-call').length, 1);
    assert.deepEqual(finishOf(r.events), { type: 'finish', reason: 'tool_calls', rawReason: 'tool_use' });
  });

  it('a structured answer cut off by max_tokens reads as truncated, not complete', () => {
    const r = feed(
      [
        START,
        blockStart(0, { type: 'tool_use', id: 't', name: 'answer', input: {} }),
        delta(0, { type: 'input_json_delta', partial_json: '{"a":' }),
        blockStop(0),
        stopWith('max_tokens'),
        STOP,
      ],
      { answerTool: 'answer' },
    );
    assert.equal(r.text, '{"a":');
    assert.deepEqual(r.perEvent[3], [], 'the answer tool closes without a call');
    assert.deepEqual(finishOf(r.events), { type: 'finish', reason: 'length', rawReason: 'max_tokens' });
  });

  it('a delta that is not text never shows as text', () => {
    const r = feed([
      START,
      blockStart(0, { type: 'thinking' }),
      delta(0, { type: 'thinking_delta', thinking: 'a' }),
      delta(0, { type: 'signature_delta', signature: 's' }),
      delta(0, { type: 'citations_delta', text: 'cited' }),
      delta(0, { type: 'text_delta', text: '', thinking: 'hidden' }),
      delta(0, { type: 'text_delta', text: 'shown', thinking: 'also' }),
      STOP,
    ]);
    assert.deepEqual(r.perEvent.slice(2, 7), [
      [{ type: 'reasoning-delta', text: 'a' }],
      [],
      [],
      [],
      [{ type: 'text-delta', text: 'shown' }],
    ]);
    assert.equal(parts(r.events).length, 0);
  });
});

describe('anthropic stream mapper: usage and the end of the stream', () => {
  it('no usage event when the stream carried no counts', () => {
    const r = feed([{ type: 'message_start', message: { id: 'm', model: 'x' } }, stopWith('end_turn'), STOP]);
    assert.equal(r.error, undefined, r.error?.message);
    assert.equal(r.m.partialUsage(), undefined);
    assert.deepEqual(r.perEvent.at(-1), [{ type: 'finish', reason: 'stop', rawReason: 'end_turn' }]);
  });

  it('a later delta naming only some counts keeps the others', () => {
    const r = feed([
      START,
      stopWith('end_turn', { output_tokens: 7, cache_read_input_tokens: 3 }),
      stopWith(null, { input_tokens: 12 }),
      STOP,
    ]);
    const usage = r.events.find((e) => e.type === 'usage');
    assert.deepEqual(usage, {
      type: 'usage',
      usage: { inputTokens: 15, outputTokens: 7, cacheReadTokens: 3, cacheWriteTokens: 0, reasoningTokens: 0 },
    });
  });

  it('a delta without a stop reason keeps the one already sent', () => {
    const r = feed([START, stopWith('max_tokens'), { type: 'message_delta', delta: {}, usage: { output_tokens: 9 } }, STOP]);
    assert.deepEqual(finishOf(r.events), { type: 'finish', reason: 'length', rawReason: 'max_tokens' });
  });

  it('message_delta, message_stop, ping and block stops emit nothing themselves', () => {
    const r = feed([START, blockStart(0, { type: 'text' }), blockStop(0), { type: 'ping' }, stopWith('end_turn'), STOP]);
    assert.deepEqual(r.perEvent.slice(1, 6), [[], [], [], [], []]);
    assert.equal(r.m.done, true);
  });

  it('done only after message_stop', () => {
    const m = createAnthropicStreamMapper(ANTHROPIC_PRESET);
    m.onEvent({ data: JSON.stringify(START) });
    assert.equal(m.done, false);
    m.onEvent({ data: JSON.stringify(STOP) });
    assert.equal(m.done, true);
  });

  it('frames whose JSON omits the type are read by their event: line', () => {
    const m = createAnthropicStreamMapper(ANTHROPIC_PRESET);
    m.onEvent({ event: 'message_start', data: JSON.stringify({ message: { model: 'claude-x' } }) });
    m.onEvent({ event: 'message_stop', data: '{}' });
    assert.equal(m.done, true);
  });
});
