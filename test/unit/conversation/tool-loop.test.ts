// A two-step tool loop per family against its simulator: the model calls a tool after thinking,
// the result goes back with the reasoning state, and the final answer arrives. The second
// request's bytes prove the state was sent back as the provider needs it.
import * as assert from 'node:assert/strict';
import { assistantMessageFrom } from '../../../src/core/conversation/assistant-message';
import type { ChatMessage, ChatRequest } from '../../../src/core/types';
import { SimServer } from '../../sim/server';
import { TOOL_LOOP_ANSWER, TOOL_SPECS } from '../../sim/tool-scenarios';
import { FAMILIES, routerFor, runTools, type Family } from '../providers/tool-harness';
import { WEATHER } from '../providers/tool-fixtures';

const SPEC = TOOL_SPECS['tool-thinking'];

/** The assistant turn and the tool result, as the second request carries them. */
function secondTurn(f: Family, body: Record<string, unknown>): { assistant: unknown; result: unknown } {
  if (f === 'openai') {
    const msgs = body.messages as Record<string, unknown>[];
    return { assistant: msgs[msgs.length - 2], result: msgs[msgs.length - 1] };
  }
  if (f === 'anthropic') {
    const msgs = body.messages as Record<string, unknown>[];
    return { assistant: msgs[msgs.length - 2], result: msgs[msgs.length - 1] };
  }
  const contents = body.contents as Record<string, unknown>[];
  return { assistant: contents[contents.length - 2], result: contents[contents.length - 1] };
}

function expected(f: Family): { assistant: unknown; result: unknown } {
  const args = JSON.parse(SPEC.calls[0].args);
  if (f === 'openai') {
    return {
      assistant: {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: SPEC.calls[0].id, type: 'function', function: { name: 'get_weather', arguments: SPEC.calls[0].args } }],
        reasoning_details: [
          { type: 'reasoning.text', text: SPEC.thinking, signature: SPEC.signature, format: 'anthropic-claude-v1', index: 0 },
        ],
      },
      result: { role: 'tool', tool_call_id: SPEC.calls[0].id, content: '18°C' },
    };
  }
  if (f === 'anthropic') {
    return {
      assistant: {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: SPEC.thinking, signature: SPEC.signature },
          { type: 'tool_use', id: SPEC.calls[0].id, name: 'get_weather', input: args },
        ],
      },
      result: { role: 'user', content: [{ type: 'tool_result', tool_use_id: SPEC.calls[0].id, content: '18°C' }] },
    };
  }
  return {
    assistant: {
      role: 'model',
      parts: [
        { text: SPEC.thinking, thought: true },
        { functionCall: { name: 'get_weather', args }, thoughtSignature: SPEC.signature },
      ],
    },
    result: { role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: { result: '18°C' } } }] },
  };
}

for (const family of FAMILIES) {
  describe(`${family}: two-step tool loop with reasoning`, () => {
    let sim: SimServer;
    before(async () => (sim = await SimServer.start(routerFor(family))));
    after(() => sim.close());

    it('sends the reasoning state and the call back unchanged, then gets the final answer', async () => {
      const base: Partial<ChatRequest> = { tools: [WEATHER], reasoning: { effort: 'low' } };
      const history: ChatMessage[] = [{ role: 'user', content: 'Weather in Oslo?' }];
      const first = await runTools(family, sim.url, 'tool-loop', { ...base, messages: history });
      assert.equal(first.error, undefined, first.error?.message);
      assert.equal(first.finish, 'tool_calls');
      const assistant = assistantMessageFrom(first.events);
      // Kept as plain data: a JSON round trip (a saved conversation) loses nothing.
      const saved = JSON.parse(JSON.stringify(assistant)) as ChatMessage;
      const call = first.calls[0];
      const second = await runTools(family, sim.url, 'tool-loop', {
        ...base,
        messages: [...history, saved, { role: 'tool', content: [{ type: 'tool-result', toolCallId: call.id, content: '18°C' }] }],
      });
      assert.equal(second.error, undefined, second.error?.message);
      assert.equal(second.text, TOOL_LOOP_ANSWER.join(''));
      assert.equal(second.finish, 'stop');
      const body = sim.requests[sim.requests.length - 1].body as Record<string, unknown>;
      assert.deepEqual(secondTurn(family, body), expected(family));
    });
  });
}
