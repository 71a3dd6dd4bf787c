// A conversation begun over the Responses API continues on any family: the tool call and its
// result carry over, and the encrypted reasoning (which only OpenAI can read) is left out.
import * as assert from 'node:assert/strict';
import { buildAnthropicBody } from '../../../../src/core/providers/anthropic/build-request';
import { ANTHROPIC_PRESET } from '../../../../src/core/providers/anthropic/preset';
import { buildGeminiBody } from '../../../../src/core/providers/gemini/build-request';
import { GEMINI_PRESET } from '../../../../src/core/providers/gemini/preset';
import { buildChatBody } from '../../../../src/core/providers/openai/build-request';
import { OPENROUTER } from '../../../../src/core/providers/openai/presets';
import type { ChatMessage } from '../../../../src/core/types';

const ENCRYPTED = 'gAAAAB-only-openai-can-read-this';
const MESSAGES: ChatMessage[] = [
  { role: 'user', content: 'Weather in Oslo?' },
  {
    role: 'assistant',
    content: [
      {
        type: 'reasoning',
        text: 'Call get_weather.',
        family: 'responses',
        details: [{ id: 'rs_1', type: 'reasoning', summary: [], encrypted_content: ENCRYPTED }],
      },
      { type: 'tool-call', id: 'call_1', name: 'get_weather', args: { city: 'Oslo' } },
    ],
  },
  { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_1', toolName: 'get_weather', content: '18°C' }] },
];

describe('responses: a conversation continues on another family', () => {
  const bodies: [string, unknown][] = [
    ['openai chat', buildChatBody({ model: 'm', messages: MESSAGES }, OPENROUTER)],
    ['anthropic', buildAnthropicBody({ model: 'm', messages: MESSAGES }, ANTHROPIC_PRESET)],
    ['gemini', buildGeminiBody({ model: 'm', messages: MESSAGES }, [], GEMINI_PRESET)],
  ];
  for (const [name, body] of bodies) {
    it(`${name}: the call and its result go on, the encrypted reasoning does not`, () => {
      const text = JSON.stringify(body);
      assert.ok(!text.includes(ENCRYPTED), 'encrypted reasoning left out');
      assert.ok(text.includes('get_weather') && text.includes('Oslo') && text.includes('18°C'));
    });
  }
});
