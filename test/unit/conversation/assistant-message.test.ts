// The assistant message a front end keeps from one answer's stream and sends back on the next
// turn: text joined, reasoning and tool calls in the order they came, nothing else.
import * as assert from 'node:assert/strict';
import { assistantMessageFrom } from '../../../src/core/conversation/assistant-message';
import type { StreamEvent } from '../../../src/core/types';

const usage = { inputTokens: 10, outputTokens: 5, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };

describe('assistantMessageFrom', () => {
  it('joins the text deltas of a plain answer into one text part', () => {
    const events: StreamEvent[] = [
      { type: 'text-delta', text: 'Hello' },
      { type: 'text-delta', text: ', ' },
      { type: 'text-delta', text: 'world.' },
      { type: 'usage', usage },
      { type: 'finish', reason: 'stop' },
    ];
    assert.deepEqual(assistantMessageFrom(events), { role: 'assistant', content: [{ type: 'text', text: 'Hello, world.' }] });
  });

  it('keeps thinking, text and tool calls in the order the provider needs them back', () => {
    const thinking = { type: 'reasoning' as const, text: 'The user wants the weather.', signature: 'sig-1' };
    const call = { type: 'tool-call' as const, id: 'call_1', name: 'get_weather', args: { city: 'Oslo' } };
    const events: StreamEvent[] = [
      { type: 'reasoning-delta', text: 'The user wants' },
      { type: 'reasoning-part', part: thinking },
      { type: 'text-delta', text: 'Let me ' },
      { type: 'text-delta', text: 'check.' },
      { type: 'tool-call', call },
      { type: 'text-delta', text: 'Done' },
      { type: 'finish', reason: 'tool_calls' },
    ];
    assert.deepEqual(assistantMessageFrom(events).content, [
      thinking,
      { type: 'text', text: 'Let me check.' },
      call,
      { type: 'text', text: 'Done' },
    ]);
  });

  it('text before a thought part stays before it (Gemini interleaves them)', () => {
    const thought = { type: 'reasoning' as const, text: 'Check units.', signature: 'ts-1' };
    const events: StreamEvent[] = [
      { type: 'text-delta', text: 'First, ' },
      { type: 'reasoning-part', part: thought },
      { type: 'text-delta', text: 'then.' },
    ];
    assert.deepEqual(assistantMessageFrom(events).content, [{ type: 'text', text: 'First, ' }, thought, { type: 'text', text: 'then.' }]);
  });

  it('adds no empty text part around reasoning or tool calls, and an empty stream is an empty message', () => {
    const call = { type: 'tool-call' as const, id: 'c', name: 'f', args: {} };
    const events: StreamEvent[] = [
      { type: 'text-delta', text: '' },
      { type: 'tool-call', call },
      { type: 'tool-call', call: { ...call, id: 'd' } },
    ];
    assert.deepEqual(assistantMessageFrom(events).content, [call, { ...call, id: 'd' }]);
    assert.deepEqual(assistantMessageFrom([]), { role: 'assistant', content: [] });
  });
});
