// A tool loop through the gateway with the official OpenAI SDK as the client: served by the
// OpenAI simulator, and by the Anthropic one (an OpenAI-format loop on an Anthropic host).
import * as assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startHarness, TOKEN, type Harness } from './harness';

type Msg = OpenAI.Chat.Completions.ChatCompletionMessageParam;
type Call = OpenAI.Chat.Completions.ChatCompletionMessageFunctionToolCall;

const tools: OpenAI.Chat.Completions.ChatCompletionFunctionTool[] = [
  {
    type: 'function',
    function: {
      name: 'get_weather',
      description: 'Weather for a city',
      parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    },
  },
];
const ask: Msg[] = [{ role: 'user', content: 'Weather in Oslo?' }];

/** One turn, streamed or whole, as the message and finish reason the client ends up with. */
async function turn(
  client: OpenAI,
  model: string,
  messages: Msg[],
  stream: boolean,
): Promise<{ content: string; calls: Call[]; finish: string | null; chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] }> {
  if (!stream) {
    const r = await client.chat.completions.create({ model, messages, tools, tool_choice: 'auto', parallel_tool_calls: false });
    const m = r.choices[0].message;
    return { content: m.content ?? '', calls: (m.tool_calls ?? []) as Call[], finish: r.choices[0].finish_reason, chunks: [] };
  }
  const s = await client.chat.completions.create({ model, messages, tools, stream: true });
  const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
  let content = '';
  const calls: Call[] = [];
  let finish: string | null = null;
  for await (const c of s) {
    chunks.push(c);
    const ch = c.choices[0];
    content += ch?.delta.content ?? '';
    for (const d of ch?.delta.tool_calls ?? []) {
      if (d.id) calls[d.index] = { id: d.id, type: 'function', function: { name: d.function?.name ?? '', arguments: '' } };
      calls[d.index].function.arguments += d.function?.arguments ?? '';
    }
    finish = ch?.finish_reason ?? finish;
  }
  return { content, calls, finish, chunks };
}

describe('Gateway: OpenAI tool loop through the official SDK', function () {
  this.timeout(20_000);
  let h: Harness;
  let client: OpenAI;
  before(async () => {
    h = await startHarness();
    client = new OpenAI({ baseURL: `${h.gateway.url}/v1`, apiKey: TOKEN, maxRetries: 0 });
  });
  after(() => h.close());

  for (const host of ['openai', 'anthropic'] as const) {
    for (const stream of [false, true]) {
      it(`runs call → result → answer on the ${host} host (${stream ? 'streaming' : 'whole'})`, async () => {
        const sim = host === 'openai' ? h.openaiSim : h.anthropicSim;
        const model = `${host}:sim/tool-loop`;
        const first = await turn(client, model, ask, stream);
        assert.equal(first.finish, 'tool_calls');
        assert.equal(first.calls.length, 1);
        assert.equal(first.calls[0].id, 'call_think_1');
        assert.equal(first.calls[0].function.name, 'get_weather');
        assert.deepEqual(JSON.parse(first.calls[0].function.arguments), { city: 'Oslo' });
        if (stream) {
          const callChunk = first.chunks.find((c) => c.choices[0]?.delta.tool_calls);
          assert.deepEqual(callChunk?.choices[0].delta.tool_calls, [
            { index: 0, id: 'call_think_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } },
          ]);
        }
        const firstSent = sim.requests.at(-1)?.body as { tools?: unknown[] };
        assert.equal(firstSent.tools?.length, 1, 'the tool definition reaches the host');

        const messages: Msg[] = [
          ...ask,
          { role: 'assistant', content: null, tool_calls: first.calls },
          { role: 'tool', tool_call_id: 'call_think_1', content: '18°C, clear' },
        ];
        const second = await turn(client, model, messages, stream);
        assert.equal(second.content, 'It is 18°C in Oslo.');
        assert.equal(second.finish, 'stop');
        assert.deepEqual(second.calls, []);

        const sent = JSON.parse(sim.requests.at(-1)?.rawBody ?? '{}') as { messages: Record<string, unknown>[] };
        const last = sent.messages.at(-1) as Record<string, unknown>;
        if (host === 'openai') {
          assert.equal(last.role, 'tool');
          assert.equal(last.tool_call_id, 'call_think_1');
          assert.match(JSON.stringify(last.content), /18°C, clear/);
          assert.equal((sent.messages.at(-2)?.tool_calls as { id: string }[])[0].id, 'call_think_1');
        } else {
          const block = (last.content as Record<string, unknown>[]).find((b) => b.type === 'tool_result');
          assert.equal(last.role, 'user');
          assert.equal(block?.tool_use_id, 'call_think_1');
          assert.match(JSON.stringify(block?.content), /18°C, clear/);
          const use = (sent.messages.at(-2)?.content as Record<string, unknown>[]).find((b) => b.type === 'tool_use');
          assert.deepEqual(use?.input, { city: 'Oslo' });
        }
      });
    }
  }

  it('maps a named tool_choice and response_format json_schema into the host request', async () => {
    await client.chat.completions.create({
      model: 'anthropic:claude-sim-sonnet',
      messages: ask,
      tools,
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
    });
    const sent = h.anthropicSim.requests.at(-1)?.body as { tool_choice?: unknown; tools?: { name: string; input_schema: unknown }[] };
    assert.deepEqual(sent.tool_choice, { type: 'tool', name: 'get_weather' });
    assert.equal(sent.tools?.[0].name, 'get_weather');
    assert.deepEqual(sent.tools?.[0].input_schema, tools[0].function.parameters);

    const schema = { type: 'object', properties: { a: { type: 'string' } }, required: ['a'], additionalProperties: false };
    await client.chat.completions.create({
      model: 'openai:sim/text',
      messages: ask,
      response_format: { type: 'json_schema', json_schema: { name: 'thing', schema, strict: true } },
    });
    const openaiSent = h.openaiSim.requests.at(-1)?.body as {
      response_format?: { type: string; json_schema?: { name: string; schema: unknown } };
    };
    assert.equal(openaiSent.response_format?.type, 'json_schema');
    assert.equal(openaiSent.response_format?.json_schema?.name, 'thing');
    assert.deepEqual(openaiSent.response_format?.json_schema?.schema, schema);
  });

  it('streams parallel calls from an Anthropic host with their own indexes', async () => {
    const r = await turn(client, 'anthropic:sim/tool-parallel', ask, true);
    assert.deepEqual(
      r.calls.map((c) => [c.id, c.function.name, JSON.parse(c.function.arguments)]),
      [
        ['call_par_1', 'get_weather', { city: 'Paris', days: 1 }],
        ['call_par_2', 'get_time', { tz: 'Europe/Paris' }],
      ],
    );
    assert.equal(r.finish, 'tool_calls');
  });

  it('refuses a tool message that names no call, in OpenAI’s error shape', async () => {
    const bad = [...ask, { role: 'tool', content: 'x' }] as unknown as Msg[];
    await assert.rejects(client.chat.completions.create({ model: 'openai:sim/text', messages: bad, tools }), OpenAI.BadRequestError);
  });
});
