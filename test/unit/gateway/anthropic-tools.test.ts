// A tool loop through the gateway with the official Anthropic SDK as the client: served by the
// Anthropic simulator (thinking signatures kept across the loop) and by the OpenAI one.
import * as assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { startHarness, TOKEN, type Harness } from './harness';

const tools: Anthropic.Tool[] = [
  {
    name: 'get_weather',
    description: 'Weather for a city',
    input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
];
const ask: Anthropic.MessageParam[] = [{ role: 'user', content: 'Weather in Oslo?' }];
const SIGNATURE = 'EqQBCgIYAhIMsim-signature-01';

type Block = Record<string, unknown>;

describe('Gateway: Anthropic tool loop through the official SDK', function () {
  this.timeout(20_000);
  let h: Harness;
  let client: Anthropic;
  before(async () => {
    h = await startHarness();
    client = new Anthropic({ baseURL: h.gateway.url, apiKey: TOKEN, maxRetries: 0 });
  });
  after(() => h.close());

  const turn = (model: string, messages: Anthropic.MessageParam[], stream: boolean) => {
    const body = { model, max_tokens: 2000, tools, tool_choice: { type: 'auto' as const }, messages };
    return stream ? client.messages.stream(body).finalMessage() : client.messages.create(body);
  };

  for (const host of ['anthropic', 'openai'] as const) {
    for (const stream of [false, true]) {
      it(`runs call → result → answer on the ${host} host (${stream ? 'streaming' : 'whole'})`, async () => {
        const sim = host === 'openai' ? h.openaiSim : h.anthropicSim;
        const model = `${host}:sim/tool-loop`;
        const first = await turn(model, ask, stream);
        assert.equal(first.stop_reason, 'tool_use');
        const use = first.content.find((b) => b.type === 'tool_use');
        assert.ok(use && use.type === 'tool_use');
        assert.equal(use.id, 'call_think_1');
        assert.equal(use.name, 'get_weather');
        assert.deepEqual(use.input, { city: 'Oslo' });
        if (host === 'anthropic') {
          const thinking = first.content.find((b) => b.type === 'thinking');
          assert.ok(thinking && thinking.type === 'thinking');
          assert.equal(thinking.signature, SIGNATURE);
          assert.match(thinking.thinking, /Oslo/);
        }

        const result: Anthropic.ToolResultBlockParam = {
          type: 'tool_result',
          tool_use_id: use.id,
          content: [{ type: 'text', text: '18°C, clear' }],
        };
        const messages: Anthropic.MessageParam[] = [
          ...ask,
          { role: 'assistant', content: first.content },
          { role: 'user', content: [result] },
        ];
        const second = await turn(model, messages, stream);
        assert.equal(second.stop_reason, 'end_turn');
        assert.equal(second.content.map((b) => (b.type === 'text' ? b.text : '')).join(''), 'It is 18°C in Oslo.');

        const sent = JSON.parse(sim.requests.at(-1)?.rawBody ?? '{}') as { messages: Block[] };
        const last = sent.messages.at(-1) as Block;
        if (host === 'anthropic') {
          const block = (last.content as Block[]).find((b) => b.type === 'tool_result');
          assert.equal(block?.tool_use_id, 'call_think_1');
          assert.match(JSON.stringify(block?.content), /18°C, clear/);
          const assistant = sent.messages.at(-2)?.content as Block[];
          const thinking = assistant.find((b) => b.type === 'thinking');
          assert.equal(thinking?.signature, SIGNATURE, 'the signed thinking goes back with the tool call');
          assert.deepEqual(assistant.find((b) => b.type === 'tool_use')?.input, { city: 'Oslo' });
        } else {
          assert.equal(last.role, 'tool');
          assert.equal(last.tool_call_id, 'call_think_1');
          assert.match(JSON.stringify(last.content), /18°C, clear/);
        }
      });
    }
  }

  it('passes is_error and redacted thinking back to an Anthropic host', async () => {
    const messages: Anthropic.MessageParam[] = [
      ...ask,
      {
        role: 'assistant',
        content: [
          { type: 'redacted_thinking', data: 'opaque-data' },
          { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Oslo' } },
        ],
      },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'no such city', is_error: true }] },
    ];
    await client.messages.create({ model: 'anthropic:claude-sim-sonnet', max_tokens: 100, tools, messages });
    const sent = h.anthropicSim.requests.at(-1)?.body as { messages: Block[]; tools: Block[] };
    const result = (sent.messages.at(-1)?.content as Block[]).find((b) => b.type === 'tool_result');
    assert.equal(result?.is_error, true);
    assert.equal((sent.messages.at(-2)?.content as Block[]).find((b) => b.type === 'redacted_thinking')?.data, 'opaque-data');
    assert.equal(sent.tools[0].name, 'get_weather');
  });

  it('accepts a request shaped like Claude Code’s (beta query, cache_control, adaptive thinking, context_management) without a 400', async () => {
    const manyTools = Array.from({ length: 12 }, (_, i) => ({
      name: `Tool${i}`,
      description: 'd',
      input_schema: { type: 'object', properties: {} },
      ...(i === 11 ? { cache_control: { type: 'ephemeral' } } : {}),
    }));
    const res = await fetch(`${h.gateway.url}/v1/messages?beta=true`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': TOKEN,
        'anthropic-version': '2023-06-01',
        'anthropic-beta': 'claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27,effort-2025-11-24',
        'anthropic-dangerous-direct-browser-access': 'true',
        'user-agent': 'claude-cli/2.1.328 (external, sdk-cli)',
      },
      body: JSON.stringify({
        model: 'anthropic:claude-sim-sonnet',
        max_tokens: 32000,
        stream: true,
        tools: manyTools,
        system: [
          { type: 'text', text: 'You are Claude Code.', cache_control: { type: 'ephemeral' } },
          { type: 'text', text: 'Rules.', cache_control: { type: 'ephemeral' } },
          { type: 'text', text: 'Env.' },
        ],
        thinking: { type: 'adaptive', display: 'omitted' },
        metadata: { user_id: JSON.stringify({ device: 'x' }) },
        context_management: { edits: [{ type: 'clear_thinking_20251015', keep: 'all' }] },
        messages: [{ role: 'user', content: [{ type: 'text', text: 'say hello', cache_control: { type: 'ephemeral' } }] }],
      }),
    });
    const text = await res.text();
    assert.equal(res.status, 200, text);
    assert.match(text, /event: message_stop/);
    const sent = h.anthropicSim.requests.at(-1)?.body as { tools: unknown[] };
    assert.equal(sent.tools.length, 12);
    assert.ok(
      h.logs.some((l) => l.includes('context_management')),
      'the dropped field is warned about',
    );
  });
});
