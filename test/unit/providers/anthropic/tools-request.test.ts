// Tools, tool choice, tool results, thinking sent back, reasoning control and schema in the Anthropic body.
import * as assert from 'node:assert/strict';
import { buildAnthropicBody } from '../../../../src/core/providers/anthropic/build-request';
import { ANTHROPIC_PRESET } from '../../../../src/core/providers/anthropic/preset';
import type { ChatRequest, Warning } from '../../../../src/core/types';
import { CLOCK, toolLoop, WEATHER } from '../tool-fixtures';

const d = ANTHROPIC_PRESET;
const req = (over: Partial<ChatRequest> = {}): ChatRequest => ({ model: 'claude', messages: [{ role: 'user', content: 'hi' }], ...over });

describe('anthropic request: tools', () => {
  it('maps tool definitions to input_schema and every tool choice', () => {
    const body = buildAnthropicBody(req({ tools: [WEATHER, CLOCK], toolChoice: 'required' }), d);
    assert.deepEqual(body.tools, [
      { name: 'get_weather', description: 'Current weather for a city', input_schema: WEATHER.parameters },
      { name: 'now', input_schema: CLOCK.parameters },
    ]);
    assert.deepEqual(body.tool_choice, { type: 'any' });
    assert.deepEqual(buildAnthropicBody(req({ tools: [WEATHER], toolChoice: 'none' }), d).tool_choice, { type: 'none' });
    assert.deepEqual(buildAnthropicBody(req({ tools: [WEATHER], toolChoice: 'auto' }), d).tool_choice, { type: 'auto' });
    assert.deepEqual(buildAnthropicBody(req({ tools: [WEATHER], toolChoice: { type: 'tool', name: 'now' } }), d).tool_choice, {
      type: 'tool',
      name: 'now',
    });
    assert.deepEqual(buildAnthropicBody(req({ tools: [WEATHER], parallelToolCalls: false }), d).tool_choice, {
      type: 'auto',
      disable_parallel_tool_use: true,
    });
    assert.equal('tool_choice' in buildAnthropicBody(req({ tools: [WEATHER] }), d), false);
  });

  it("sends thinking (with signature) and redacted thinking back unchanged, before the tool_use blocks; other families' reasoning is left out", () => {
    const msgs = buildAnthropicBody(req({ messages: toolLoop() }), d).messages as { role: string; content: unknown }[];
    assert.deepEqual(msgs[1], {
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: 'I need two tools.', signature: 'sig-anthropic' },
        { type: 'redacted_thinking', data: 'opaque-redacted' },
        { type: 'text', text: 'Let me check.' },
        { type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Paris' } },
        { type: 'tool_use', id: 'gen_call_2', name: 'now', input: {} },
      ],
    });
  });

  it('sends tool results as user tool_result blocks, first in the turn, with is_error and images', () => {
    const messages = [...toolLoop()];
    messages.push({ role: 'user', content: 'And tomorrow?' });
    const msgs = buildAnthropicBody(req({ messages }), d).messages as { role: string; content: unknown }[];
    assert.equal(msgs.length, 3, 'the tool turn and the next user turn merge into one user message');
    assert.deepEqual(msgs[2], {
      role: 'user',
      content: [
        {
          type: 'tool_result',
          tool_use_id: 'call_1',
          content: [
            { type: 'text', text: '18°C' },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBOR' } },
          ],
        },
        { type: 'tool_result', tool_use_id: 'gen_call_2', content: 'clock unavailable', is_error: true },
        { type: 'text', text: 'And tomorrow?' },
      ],
    });
  });
});

describe('anthropic request: reasoning control and structured output', () => {
  it('maps effort to thinking.budget_tokens, keeps room for the answer, drops temperature with a warning', () => {
    const w: Warning[] = [];
    const body = buildAnthropicBody(req({ reasoning: { effort: 'medium' }, maxOutputTokens: 1000, temperature: 0.2 }), d, w);
    assert.deepEqual(body.thinking, { type: 'enabled', budget_tokens: 8192 });
    assert.equal(body.max_tokens, 9192);
    assert.equal('temperature' in body, false);
    assert.deepEqual(
      w.map((x) => x.parameter),
      ['temperature'],
    );
    assert.deepEqual(buildAnthropicBody(req({ reasoning: { effort: 'low', maxTokens: 500 } }), d).thinking, {
      type: 'enabled',
      budget_tokens: 1024,
    });
  });

  it('a host without reasoning ignores the control with a warning', () => {
    const w: Warning[] = [];
    const body = buildAnthropicBody(
      req({ reasoning: { effort: 'high' } }),
      { ...d, capabilities: { ...d.capabilities, reasoning: false } },
      w,
    );
    assert.equal('thinking' in body, false);
    assert.equal(w[0]?.parameter, 'reasoning');
  });

  it('a structured answer is a forced tool whose schema is the answer schema; thinking yields to it with a warning', () => {
    const schema = { type: 'object', properties: { a: { type: 'number' } } };
    const w: Warning[] = [];
    const body = buildAnthropicBody(
      req({ responseFormat: { type: 'json_schema', name: 'answer', schema }, reasoning: { effort: 'low' } }),
      d,
      w,
    );
    assert.deepEqual(body.tool_choice, { type: 'tool', name: 'answer' });
    assert.deepEqual(
      (body.tools as { name: string; input_schema: unknown }[]).map((t) => [t.name, t.input_schema]),
      [['answer', schema]],
    );
    assert.equal('thinking' in body, false);
    assert.equal(w[0]?.parameter, 'reasoning');
  });

  it('a temperature above 1 is clamped with a warning', () => {
    const w: Warning[] = [];
    assert.equal(buildAnthropicBody(req({ temperature: 1.5 }), d, w).temperature, 1);
    assert.equal(w[0]?.parameter, 'temperature');
  });
});
