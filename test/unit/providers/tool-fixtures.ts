// One tool-loop conversation and tool set shared by the request-mapping tests of every family.
import type { ChatMessage, ToolDefinition } from '../../../src/core/types';

export const WEATHER: ToolDefinition = {
  name: 'get_weather',
  description: 'Current weather for a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

export const CLOCK: ToolDefinition = { name: 'now', parameters: { type: 'object', properties: {} } };

/** user → assistant (reasoning of each family, two calls) → tool results (one failed, one with an image). */
export function toolLoop(): ChatMessage[] {
  return [
    { role: 'system', content: 'Use tools.' },
    { role: 'user', content: 'Weather in Paris, and the time?' },
    {
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'I need two tools.', signature: 'sig-anthropic', family: 'anthropic' },
        { type: 'reasoning', text: '', redactedData: 'opaque-redacted', family: 'anthropic' },
        {
          type: 'reasoning',
          text: 'Thinking',
          details: [{ type: 'reasoning.text', text: 'Thinking', signature: 'or-sig', format: 'anthropic-claude-v1', index: 0 }],
          family: 'openai',
        },
        { type: 'reasoning', text: 'Gemini thought', signature: 'sig-gemini-thought', family: 'gemini' },
        { type: 'text', text: 'Let me check.' },
        { type: 'tool-call', id: 'call_1', name: 'get_weather', args: { city: 'Paris' }, signature: 'sig-gemini-call' },
        { type: 'tool-call', id: 'gen_call_2', name: 'now', args: {}, syntheticId: true },
      ],
    },
    {
      role: 'tool',
      content: [
        {
          type: 'tool-result',
          toolCallId: 'call_1',
          content: [
            { type: 'text', text: '18°C' },
            { type: 'image', mediaType: 'image/png', data: 'iVBOR' },
          ],
        },
        { type: 'tool-result', toolCallId: 'gen_call_2', content: 'clock unavailable', isError: true },
      ],
    },
  ];
}
