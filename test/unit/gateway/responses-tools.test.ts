// A Responses tool loop (function_call → function_call_output → answer) through the gateway with
// the official SDK as the client, served by each host family. The reasoning state a host needs
// to verify its own reasoning (Anthropic's thinking signature, Gemini's thought signature on the
// call) goes to the client in encrypted_content and must come back to the host on the next turn.
import * as assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startHarness, TOKEN, type Harness } from './harness';

type Input = OpenAI.Responses.ResponseInputItem;
type Output = OpenAI.Responses.ResponseOutputItem;
type FunctionCall = OpenAI.Responses.ResponseFunctionToolCall;
const isCall = (o: Output): o is FunctionCall => o.type === 'function_call';
const isReasoning = (o: Output): o is OpenAI.Responses.ResponseReasoningItem => o.type === 'reasoning';
type Block = Record<string, unknown>;

const SIGNATURE = 'EqQBCgIYAhIMsim-signature-01';
const tools: OpenAI.Responses.FunctionTool[] = [
  {
    type: 'function',
    name: 'get_weather',
    description: 'Weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    strict: false,
  },
];
const ask: Input[] = [{ role: 'user', content: [{ type: 'input_text', text: 'Weather in Oslo?' }] }];

describe('Gateway: Responses tool loop through the official SDK', function () {
  this.timeout(20_000);
  let h: Harness;
  let client: OpenAI;
  before(async () => {
    h = await startHarness();
    client = new OpenAI({ baseURL: `${h.gateway.url}/v1`, apiKey: TOKEN, maxRetries: 0 });
  });
  after(() => h.close());

  /** One turn as Codex sends it: no store, reasoning state asked for, tools, no parallel calls. */
  async function turn(model: string, input: Input[], stream: boolean): Promise<OpenAI.Responses.Response & { types?: string[] }> {
    const body: Omit<OpenAI.Responses.ResponseCreateParamsNonStreaming, 'stream'> = {
      model,
      input,
      tools,
      tool_choice: 'auto' as const,
      parallel_tool_calls: false,
      store: false,
      include: ['reasoning.encrypted_content' as const],
      reasoning: { effort: 'medium' as const, summary: 'auto' as const },
    };
    if (!stream) return client.responses.create({ ...body, stream: false });
    const s = client.responses.stream(body);
    const types: string[] = [];
    for await (const e of s) types.push(e.type);
    return Object.assign(await s.finalResponse(), { types });
  }

  const simOf = (host: string) => (host === 'openai' ? h.openaiSim : host === 'anthropic' ? h.anthropicSim : h.geminiSim);
  const modelOf = (host: string) => (host === 'gemini' ? 'gemini:sim-tool-loop' : `${host}:sim/tool-loop`);

  for (const host of ['openai', 'anthropic', 'gemini'] as const) {
    for (const stream of [false, true]) {
      it(`runs call → output → answer on the ${host} host (${stream ? 'streaming' : 'whole'})`, async () => {
        const first = await turn(modelOf(host), ask, stream);
        assert.equal(first.status, 'completed');
        const calls = first.output.filter(isCall);
        assert.equal(calls.length, 1);
        const call = calls[0];
        assert.equal(call.name, 'get_weather');
        assert.deepEqual(JSON.parse(call.arguments), { city: 'Oslo' });
        if (host !== 'gemini') assert.equal(call.call_id, 'call_think_1');
        assert.ok(call.id?.startsWith('fc_'));
        if (first.types) {
          const at = first.types.indexOf('response.function_call_arguments.delta');
          assert.deepEqual(first.types.slice(at - 1, at + 3), [
            'response.output_item.added',
            'response.function_call_arguments.delta',
            'response.function_call_arguments.done',
            'response.output_item.done',
          ]);
        }
        if (host !== 'openai') {
          const state = first.output.filter(isReasoning).map((o) => o.encrypted_content);
          assert.ok(
            state.some((s) => typeof s === 'string' && s.length > 0),
            'the host’s reasoning state goes to the client',
          );
          assert.ok(!JSON.stringify(state).includes(SIGNATURE), 'the state is opaque to the client');
        }
        const firstSent = simOf(host).requests.at(-1)?.body as Record<string, unknown>;
        assert.match(JSON.stringify(firstSent), /get_weather/, 'the tool definition reaches the host');

        // What Codex sends next: the history, the output items as they came, and the call's output.
        const next: Input[] = [
          ...ask,
          ...(first.output as Input[]),
          { type: 'function_call_output', call_id: call.call_id, output: '18°C, clear' },
        ];
        const second = await turn(modelOf(host), next, stream);
        assert.equal(second.output_text, 'It is 18°C in Oslo.');
        assert.equal(second.status, 'completed');
        assert.equal(second.output.filter((o) => o.type === 'function_call').length, 0);

        const sent = JSON.parse(simOf(host).requests.at(-1)?.rawBody ?? '{}') as Record<string, Block[]>;
        if (host === 'openai') {
          const last = sent.messages.at(-1) as Block;
          assert.equal(last.role, 'tool');
          assert.equal(last.tool_call_id, 'call_think_1');
          assert.match(JSON.stringify(last.content), /18°C, clear/);
          assert.equal((sent.messages.at(-2)?.tool_calls as Block[])[0].id, 'call_think_1');
        } else if (host === 'anthropic') {
          const last = sent.messages.at(-1) as Block;
          const result = (last.content as Block[]).find((b) => b.type === 'tool_result');
          assert.equal(result?.tool_use_id, 'call_think_1');
          assert.match(JSON.stringify(result?.content), /18°C, clear/);
          const assistant = sent.messages.at(-2)?.content as Block[];
          assert.deepEqual(
            assistant.map((b) => b.type),
            ['thinking', 'tool_use'],
            'reasoning and call are one assistant turn',
          );
          assert.equal(assistant[0].signature, SIGNATURE, 'the signed thinking goes back with the tool call');
          assert.deepEqual(assistant[1].input, { city: 'Oslo' });
        } else {
          const model = sent.contents.at(-2) as { role: string; parts: Block[] };
          const fc = model.parts.find((p) => 'functionCall' in p);
          assert.equal(model.role, 'model');
          assert.equal(fc?.thoughtSignature, SIGNATURE, 'Gemini’s thought signature goes back on its call');
          assert.equal((fc?.functionCall as Block).id, undefined, 'a made-up call id is not sent to Gemini');
          const response = (sent.contents.at(-1) as { parts: Block[] }).parts.find((p) => 'functionResponse' in p);
          assert.equal((response?.functionResponse as Block).name, 'get_weather');
          assert.match(JSON.stringify(response), /18°C, clear/);
        }
      });
    }
  }

  it('warns, and still answers, when a reasoning item carries no state of ours', async () => {
    const { data, response } = await client.responses
      .create({
        model: 'anthropic:claude-sim-sonnet',
        input: [
          ...ask,
          { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'hm' }], encrypted_content: 'gAAAA-foreign' },
        ],
      })
      .withResponse();
    assert.match(data.output_text, /^Hello, world!/);
    assert.match(response.headers.get('x-switchboard-warnings') ?? '', /input\[\]\.reasoning/);
  });

  it('serves a custom (free-form) tool on another host and gives its call back as custom_tool_call', async () => {
    const first = await client.responses.create({
      model: 'anthropic:sim/tool-loop',
      input: ask,
      tools: [{ type: 'custom', name: 'get_weather', description: 'Weather for a city' }],
    });
    const sentTool = (h.anthropicSim.requests.at(-1)?.body as { tools: { name: string; input_schema: Block }[] }).tools[0];
    assert.equal(sentTool.name, 'get_weather');
    assert.deepEqual(sentTool.input_schema.required, ['input']);
    const call = first.output.find((o) => o.type === 'custom_tool_call');
    assert.ok(call && call.type === 'custom_tool_call');
    assert.equal(call.call_id, 'call_think_1');
    assert.equal(call.input, '{"city":"Oslo"}', 'input that is not {input: "…"} is given back as written');
    const second = await client.responses.create({
      model: 'anthropic:sim/tool-loop',
      input: [...ask, call, { type: 'custom_tool_call_output', call_id: call.call_id, output: '18°C' }],
      tools: [{ type: 'custom', name: 'get_weather' }],
    });
    assert.equal(second.output_text, 'It is 18°C in Oslo.');
  });

  it('maps a named tool_choice to the host’s forced tool', async () => {
    await client.responses.create({
      model: 'anthropic:claude-sim-sonnet',
      input: ask,
      tools,
      tool_choice: { type: 'function', name: 'get_weather' },
    });
    assert.deepEqual((h.anthropicSim.requests.at(-1)?.body as { tool_choice?: unknown }).tool_choice, {
      type: 'tool',
      name: 'get_weather',
    });
  });

  it('streams parallel calls from an Anthropic host as separate function_call items', async () => {
    const r = await turn('anthropic:sim/tool-parallel', ask, true);
    const calls = r.output.filter(isCall);
    assert.deepEqual(
      calls.map((c) => [c.call_id, c.name, JSON.parse(c.arguments)]),
      [
        ['call_par_1', 'get_weather', { city: 'Paris', days: 1 }],
        ['call_par_2', 'get_time', { tz: 'Europe/Paris' }],
      ],
    );
  });
});
