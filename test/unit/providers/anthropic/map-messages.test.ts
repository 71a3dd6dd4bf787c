// The conversation as the Messages API takes it, for the cases the request tests leave open:
// single-block turns, parts a role may not carry, reasoning that cannot verify, result ordering
// and the prefill trim.
import * as assert from 'node:assert/strict';
import { toAnthropicMessages } from '../../../../src/core/providers/anthropic/build-request';
import type { ChatMessage, ContentPart } from '../../../../src/core/types';

const IMAGE: ContentPart = { type: 'image', mediaType: 'image/png', data: 'iVBOR' };
const IMAGE_BLOCK = { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBOR' } };
const user = (content: ChatMessage['content']): ChatMessage => ({ role: 'user', content });
const assistant = (content: ChatMessage['content']): ChatMessage => ({ role: 'assistant', content });

describe('anthropic messages', () => {
  it('an empty conversation is no messages', () => {
    assert.deepEqual(toAnthropicMessages([]), []);
  });

  it('a turn of one image stays a block list; one text block becomes a string', () => {
    assert.deepEqual(toAnthropicMessages([user([IMAGE])]), [{ role: 'user', content: [IMAGE_BLOCK] }]);
    assert.deepEqual(
      toAnthropicMessages([
        user([
          { type: 'text', text: '' },
          { type: 'text', text: 'a' },
        ]),
      ]),
      [{ role: 'user', content: 'a' }],
    );
  });

  it('a tool call in a user turn and reasoning that cannot verify are left out', () => {
    const out = toAnthropicMessages([
      user([
        { type: 'text', text: 'q' },
        { type: 'tool-call', id: 'c', name: 'f', args: {} },
        { type: 'reasoning', text: 'mine', signature: 's', family: 'anthropic' },
      ]),
      assistant([
        { type: 'reasoning', text: 'unsigned', family: 'anthropic' },
        { type: 'reasoning', text: 'other', signature: 's', family: 'gemini' },
        { type: 'text', text: 'answer' },
      ]),
    ]);
    assert.deepEqual(out, [
      { role: 'user', content: 'q' },
      { role: 'assistant', content: 'answer' },
    ]);
  });

  it('an assistant tool call without arguments sends an empty input', () => {
    const out = toAnthropicMessages([user('q'), assistant([{ type: 'tool-call', id: 'c', name: 'f', args: undefined }])]);
    assert.deepEqual(out[1].content, [{ type: 'tool_use', id: 'c', name: 'f', input: {} }]);
  });

  it('tool results come first in a user turn; other turns keep their order', () => {
    const result: ContentPart = { type: 'tool-result', toolCallId: 'c', content: 'done' };
    const out = toAnthropicMessages([user([{ type: 'text', text: 'see' }, result]), assistant([{ type: 'text', text: 'noted' }, result])]);
    assert.deepEqual(out[0].content, [
      { type: 'tool_result', tool_use_id: 'c', content: 'done' },
      { type: 'text', text: 'see' },
    ]);
    assert.deepEqual(out[1].content, [
      { type: 'text', text: 'noted' },
      { type: 'tool_result', tool_use_id: 'c', content: 'done' },
    ]);
  });

  it('a result given as parts keeps its text and images, without empty text', () => {
    const out = toAnthropicMessages([
      user([{ type: 'tool-result', toolCallId: 'c', content: [{ type: 'text', text: '' }, { type: 'text', text: 'shot:' }, IMAGE] }]),
    ]);
    assert.deepEqual(out[0].content, [{ type: 'tool_result', tool_use_id: 'c', content: [{ type: 'text', text: 'shot:' }, IMAGE_BLOCK] }]);
  });

  it('a whitespace-only prefill is dropped, blocks before it kept; a prefill ending in a tool call is untouched', () => {
    const thinking: ContentPart = { type: 'reasoning', text: 't', signature: 's', family: 'anthropic' };
    assert.deepEqual(toAnthropicMessages([user('q'), assistant('   ')]), [{ role: 'user', content: 'q' }]);
    assert.deepEqual(toAnthropicMessages([user('q'), assistant([thinking, { type: 'text', text: ' \n' }])])[1].content, [
      { type: 'thinking', thinking: 't', signature: 's' },
    ]);
    const call: ContentPart = { type: 'tool-call', id: 'c', name: 'f', args: { a: 1 } };
    assert.deepEqual(toAnthropicMessages([user('q'), assistant([{ type: 'text', text: 'x ' }, call])])[1].content, [
      { type: 'text', text: 'x ' },
      { type: 'tool_use', id: 'c', name: 'f', input: { a: 1 } },
    ]);
    assert.deepEqual(toAnthropicMessages([assistant('a '), user('q ')]).at(-1), { role: 'user', content: 'q ' });
  });
});
