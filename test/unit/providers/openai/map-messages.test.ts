// The `messages` an OpenAI-compatible host receives for a conversation: which turns carry images,
// how tool results and reasoning travel back, and what is refused before anything is sent.
import * as assert from 'node:assert/strict';
import type { ProviderError } from '../../../../src/core/errors';
import { toWireMessages } from '../../../../src/core/providers/openai/map-messages';
import { customOpenAIProvider } from '../../../../src/core/providers/openai/presets';
import type { ChatMessage, Warning } from '../../../../src/core/types';

const HOST = customOpenAIProvider({ id: 'h', displayName: 'Host', baseUrl: 'http://127.0.0.1:1/v1' });
const TEXT_ONLY = customOpenAIProvider({ id: 't', displayName: 'TextOnly', baseUrl: 'http://127.0.0.1:1/v1', images: false });
const IMAGE = { type: 'image', mediaType: 'image/png', data: 'AA==' } as const;

const wire = (messages: ChatMessage[], d = HOST, warnings: Warning[] = []) => toWireMessages(messages, d, warnings);
const refusal = (messages: ChatMessage[], d = HOST): string => {
  try {
    wire(messages, d);
  } catch (e) {
    assert.equal((e as ProviderError).category, 'bad_request');
    assert.equal((e as ProviderError).retryable, false);
    return (e as Error).message;
  }
  return 'sent';
};

describe('openai messages', () => {
  it('an image in a system or assistant turn is refused, naming the turn', () => {
    assert.equal(
      refusal([{ role: 'system', content: [{ type: 'text', text: 'x' }, IMAGE] }]),
      'Images are only allowed in user messages, not system messages.',
    );
    assert.equal(refusal([{ role: 'assistant', content: [IMAGE] }]), 'Images are only allowed in user messages, not assistant messages.');
  });

  it('a user turn of text parts only goes as one string, even to a host without images', () => {
    const m: ChatMessage[] = [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'a' },
          { type: 'text', text: 'b' },
        ],
      },
    ];
    assert.deepEqual(wire(m, TEXT_ONLY), [{ role: 'user', content: 'ab' }]);
  });

  it('a user turn with an image keeps text and image parts in order, and nothing else', () => {
    const m: ChatMessage[] = [
      {
        role: 'user',
        content: [{ type: 'reasoning', text: 'not for the wire' }, { type: 'text', text: 'see' }, IMAGE],
      },
    ];
    assert.deepEqual(wire(m), [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'see' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,AA==' } },
        ],
      },
    ]);
    assert.equal(refusal(m, TEXT_ONLY), 'TextOnly does not accept images. Remove the image or pick a provider with image input.');
  });

  it('tool results go as tool messages; a turn of results only adds no empty user message, an empty string does', () => {
    const results: ChatMessage = { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c1', content: 'done' }] };
    assert.deepEqual(wire([results]), [{ role: 'tool', tool_call_id: 'c1', content: 'done' }]);
    assert.deepEqual(wire([{ role: 'user', content: '' }]), [{ role: 'user', content: '' }]);
  });

  it('an image in a tool result is left out with a warning naming the message', () => {
    const warnings: Warning[] = [];
    const out = wire(
      [
        { role: 'user', content: 'hi' },
        {
          role: 'tool',
          content: [
            {
              type: 'tool-result',
              toolCallId: 'c1',
              content: [{ type: 'text', text: 'chart:' }, IMAGE],
            },
          ],
        },
      ],
      HOST,
      warnings,
    );
    assert.deepEqual(out[1], { role: 'tool', tool_call_id: 'c1', content: 'chart:' });
    assert.deepEqual(warnings, [
      { parameter: 'messages[1].content', message: 'Tool results here carry text only; the image in the result was left out.' },
    ]);
  });

  it('an assistant turn with text and calls keeps its text; only OpenRouter-made reasoning details go back', () => {
    const out = wire([
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'r', details: [{ type: 'reasoning.text', text: 'r' }], family: 'openai' },
          { type: 'reasoning', text: 'a', signature: 'sig', details: [{ type: 'thinking' }], family: 'anthropic' },
          { type: 'reasoning', text: 'plain', family: 'openai' },
          { type: 'text', text: 'Calling.' },
          { type: 'tool-call', id: 'c1', name: 'f', args: { a: 1 } },
        ],
      },
    ]);
    assert.deepEqual(out, [
      {
        role: 'assistant',
        content: 'Calling.',
        tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }],
        reasoning_details: [{ type: 'reasoning.text', text: 'r' }],
      },
    ]);
    assert.deepEqual(
      wire([
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'x', family: 'openai' },
            { type: 'text', text: 'ok' },
          ],
        },
      ]),
      [{ role: 'assistant', content: 'ok' }],
    );
  });
});
