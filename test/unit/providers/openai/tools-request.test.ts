// Tools, tool choice, tool-call turns, tool results, reasoning and schema in the OpenAI body.
import * as assert from 'node:assert/strict';
import { buildChatBody } from '../../../../src/core/providers/openai/build-request';
import { OPENAI, OPENROUTER, customOpenAIProvider } from '../../../../src/core/providers/openai/presets';
import type { ChatRequest, Warning } from '../../../../src/core/types';
import { CLOCK, toolLoop, WEATHER } from '../tool-fixtures';

const d = customOpenAIProvider({ id: 'h', displayName: 'Host', baseUrl: 'http://127.0.0.1:1/v1' });
const req = (over: Partial<ChatRequest> = {}): ChatRequest => ({ model: 'm', messages: [{ role: 'user', content: 'hi' }], ...over });

describe('openai request: tools', () => {
  it('maps tool definitions, every tool choice and parallel calls', () => {
    const body = buildChatBody(req({ tools: [{ ...WEATHER, strict: true }, CLOCK], toolChoice: 'required', parallelToolCalls: false }), d);
    assert.deepEqual(body.tools, [
      {
        type: 'function',
        function: { name: 'get_weather', description: 'Current weather for a city', parameters: WEATHER.parameters, strict: true },
      },
      { type: 'function', function: { name: 'now', parameters: CLOCK.parameters } },
    ]);
    assert.equal(body.tool_choice, 'required');
    assert.equal(body.parallel_tool_calls, false);
    assert.equal(buildChatBody(req({ tools: [WEATHER], toolChoice: 'none' }), d).tool_choice, 'none');
    assert.equal(buildChatBody(req({ tools: [WEATHER], toolChoice: 'auto' }), d).tool_choice, 'auto');
    assert.deepEqual(buildChatBody(req({ tools: [WEATHER], toolChoice: { type: 'tool', name: 'get_weather' } }), d).tool_choice, {
      type: 'function',
      function: { name: 'get_weather' },
    });
    const plain = buildChatBody(req(), d);
    assert.equal('tools' in plain || 'tool_choice' in plain || 'parallel_tool_calls' in plain, false);
  });

  it('sends assistant tool calls with JSON arguments, OpenRouter reasoning_details as received, and one tool message per result', () => {
    const warnings: Warning[] = [];
    const msgs = buildChatBody(req({ messages: toolLoop() }), d, warnings).messages as Record<string, unknown>[];
    assert.deepEqual(msgs[2], {
      role: 'assistant',
      content: 'Let me check.',
      tool_calls: [
        { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
        { id: 'gen_call_2', type: 'function', function: { name: 'now', arguments: '{}' } },
      ],
      reasoning_details: [{ type: 'reasoning.text', text: 'Thinking', signature: 'or-sig', format: 'anthropic-claude-v1', index: 0 }],
    });
    assert.deepEqual(msgs.slice(3), [
      { role: 'tool', tool_call_id: 'call_1', content: '18°C' },
      { role: 'tool', tool_call_id: 'gen_call_2', content: 'clock unavailable' },
    ]);
    assert.equal(warnings.length, 1, 'the image in a tool result is reported, not dropped silently');
    assert.match(warnings[0].parameter, /messages\[3\]/);
  });

  it('an assistant turn with only tool calls has null content', () => {
    const msgs = buildChatBody(
      req({ messages: [{ role: 'assistant', content: [{ type: 'tool-call', id: 'c', name: 'now', args: undefined }] }] }),
      d,
    ).messages as Record<string, unknown>[];
    assert.deepEqual(msgs[0], {
      role: 'assistant',
      content: null,
      tool_calls: [{ id: 'c', type: 'function', function: { name: 'now', arguments: '{}' } }],
    });
  });

  it('refuses tools on a host whose capability data says it cannot call them', () => {
    const noTools = customOpenAIProvider({ id: 'x', displayName: 'NoTools', baseUrl: 'http://127.0.0.1:1/v1', tools: false });
    assert.throws(
      () => buildChatBody(req({ tools: [WEATHER] }), noTools),
      (e: Error & { category?: string }) => e.category === 'bad_request' && /cannot call tools/.test(e.message),
    );
  });
});

describe('openai request: reasoning control and structured output', () => {
  it('OpenAI takes reasoning_effort; a budget and exclude become warnings', () => {
    const w: Warning[] = [];
    const body = buildChatBody(req({ reasoning: { effort: 'high', maxTokens: 5000, exclude: true } }), OPENAI, w);
    assert.equal(body.reasoning_effort, 'high');
    assert.deepEqual(
      w.map((x) => x.parameter),
      ['reasoning.maxTokens', 'reasoning.exclude'],
    );
  });

  it('OpenRouter takes its reasoning object: a budget when given, else the effort', () => {
    assert.deepEqual(buildChatBody(req({ reasoning: { effort: 'low' } }), OPENROUTER).reasoning, { effort: 'low' });
    assert.deepEqual(buildChatBody(req({ reasoning: { effort: 'low', maxTokens: 3000, exclude: true } }), OPENROUTER).reasoning, {
      max_tokens: 3000,
      exclude: true,
    });
  });

  it('a host without reasoning ignores the control with a warning', () => {
    const w: Warning[] = [];
    const body = buildChatBody(req({ reasoning: { effort: 'medium' } }), d, w);
    assert.equal('reasoning_effort' in body || 'reasoning' in body, false);
    assert.equal(w[0]?.parameter, 'reasoning');
  });

  it('maps responseFormat to response_format json_schema', () => {
    const schema = { type: 'object', properties: { a: { type: 'number' } } };
    assert.deepEqual(
      buildChatBody(req({ responseFormat: { type: 'json_schema', name: 'answer', schema, strict: true } }), d).response_format,
      {
        type: 'json_schema',
        json_schema: { name: 'answer', schema, strict: true },
      },
    );
  });

  it('stop sequences on a host without them become a warning', () => {
    const w: Warning[] = [];
    const noStop = customOpenAIProvider({ id: 'x', displayName: 'X', baseUrl: 'http://127.0.0.1:1/v1', stopSequences: false });
    assert.equal('stop' in buildChatBody(req({ stopSequences: ['END'] }), noStop, w), false);
    assert.equal(w[0]?.parameter, 'stopSequences');
  });
});
