// The official OpenAI SDK's Responses client (`responses.create`, `responses.stream`) against the
// gateway's `POST /v1/responses`, served by each host family's simulator.
import * as assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startHarness, TOKEN, type Harness } from './harness';
import { streamed as stream } from './responses-client';

describe('Gateway: OpenAI Responses through the official SDK', function () {
  this.timeout(20_000);
  let h: Harness;
  let client: OpenAI;
  before(async () => {
    h = await startHarness();
    client = new OpenAI({ baseURL: `${h.gateway.url}/v1`, apiKey: TOKEN, maxRetries: 0 });
  });
  after(() => h.close());

  const streamed = (body: Parameters<typeof stream>[1]) => stream(client, body);

  it('answers responses.create with text, usage and the route headers', async () => {
    const { data, response } = await client.responses.create({ model: 'openai:sim/text', input: 'hi' }).withResponse();
    assert.equal(data.object, 'response');
    assert.equal(data.status, 'completed');
    assert.equal(data.output_text, 'Hello from the simulator.');
    assert.equal(data.output.length, 1);
    assert.equal(data.output[0].type, 'message');
    assert.ok(data.id.startsWith('resp_'));
    assert.ok(data.usage && data.usage.input_tokens > 0 && data.usage.output_tokens > 0);
    assert.equal(data.usage.total_tokens, data.usage.input_tokens + data.usage.output_tokens);
    assert.equal(response.headers.get('x-switchboard-provider'), 'openai');
    assert.equal(response.headers.get('x-switchboard-warnings'), null);
  });

  const hosts = [
    ['openai', 'openai:sim/text', 'Hello from the simulator.'],
    ['anthropic', 'anthropic:claude-sim-sonnet', undefined],
    ['gemini', 'gemini:sim-hello', 'Hello, world!'],
  ] as const;
  for (const [host, model, text] of hosts) {
    it(`streams the exact event sequence of a text answer from the ${host} host`, async () => {
      const { events, final } = await streamed({ model, input: [{ role: 'user', content: 'hi' }], instructions: 'Be brief.' });
      const types = events.map((e) => e.type);
      const deltas = types.filter((t) => t === 'response.output_text.delta').length;
      assert.ok(deltas >= 1);
      assert.deepEqual(types, [
        'response.created',
        'response.in_progress',
        'response.output_item.added',
        'response.content_part.added',
        ...Array<string>(deltas).fill('response.output_text.delta'),
        'response.output_text.done',
        'response.content_part.done',
        'response.output_item.done',
        'response.completed',
      ]);
      assert.deepEqual(
        events.map((e) => e.sequence_number),
        events.map((_, i) => i),
      );
      if (text) assert.equal(final.output_text, text);
      else assert.match(final.output_text, /^Hello, world!/);
      assert.equal(final.status, 'completed');
      const done = events.find((e) => e.type === 'response.output_text.done');
      assert.equal(done?.type === 'response.output_text.done' && done.text, final.output_text);
      assert.ok(final.usage && final.usage.output_tokens > 0);
      const sim = host === 'openai' ? h.openaiSim : host === 'anthropic' ? h.anthropicSim : h.geminiSim;
      assert.match(JSON.stringify(sim.requests.at(-1)?.body), /Be brief\./, 'instructions reach the host as its system prompt');
    });
  }

  it('streams reasoning as a reasoning item with summary deltas, and reasoning tokens in usage', async () => {
    const { events, final } = await streamed({ model: 'gemini:sim-thinking', input: 'six times seven?', reasoning: { effort: 'low' } });
    const types = events.map((e) => e.type);
    assert.deepEqual(types.slice(0, 4), [
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.reasoning_summary_part.added',
    ]);
    assert.ok(types.includes('response.reasoning_summary_text.delta'));
    assert.ok(types.indexOf('response.reasoning_summary_part.done') < types.indexOf('response.content_part.added'));
    const [reasoning, message] = final.output;
    assert.equal(reasoning.type, 'reasoning');
    assert.equal(
      reasoning.type === 'reasoning' && reasoning.summary.map((s) => s.text).join(''),
      '**Weighing the question**\nThe user wants a number. Six times seven.',
    );
    assert.equal(message.type, 'message');
    assert.equal(final.output_text, 'The answer is 42.');
    assert.equal(final.usage?.output_tokens_details.reasoning_tokens, 120);
    const sent = h.geminiSim.requests.at(-1)?.body as { generationConfig?: { thinkingConfig?: unknown } };
    assert.ok(sent.generationConfig?.thinkingConfig, 'reasoning.effort reaches the host as its thinking control');
  });

  it('reports cached input tokens in input_tokens_details', async () => {
    const r = await client.responses.create({ model: 'gemini:sim-cached', input: 'hi' });
    assert.equal(r.usage?.input_tokens, 2100);
    assert.equal(r.usage?.input_tokens_details.cached_tokens, 2048);
  });

  it('ends a cut answer as incomplete, streamed (response.incomplete) and whole', async () => {
    const { events, final } = await streamed({ model: 'gemini:sim-max-tokens', input: 'go on', max_output_tokens: 16 });
    assert.equal(events.at(-1)?.type, 'response.incomplete');
    assert.equal(final.status, 'incomplete');
    assert.equal(final.incomplete_details?.reason, 'max_output_tokens');
    assert.equal(final.output_text, 'A long answer that was cut');
    const whole = await client.responses.create({ model: 'anthropic:sim/max-tokens', input: 'go on', max_output_tokens: 16 });
    assert.equal(whole.status, 'incomplete');
    assert.equal(whole.incomplete_details?.reason, 'max_output_tokens');
    assert.equal((h.anthropicSim.requests.at(-1)?.body as { max_tokens?: number }).max_tokens, 16);
  });

  it('serves a turn shaped as Codex CLI sends it, with each SSE event named as its data type', async () => {
    const codexTurn = {
      model: 'anthropic:sim/tool-loop',
      instructions: 'You are a coding agent.',
      input: [
        { type: 'message', role: 'developer', content: [{ type: 'input_text', text: '<permissions instructions>' }] },
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: '<environment_context>…</environment_context>' }] },
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Weather in Oslo?' }] },
      ],
      tools: [
        { type: 'function', name: 'shell', description: 'Runs a command', strict: false, parameters: { type: 'object', properties: {} } },
        {
          type: 'custom',
          name: 'apply_patch',
          description: 'Edits files',
          format: { type: 'grammar', syntax: 'lark', definition: 'start: "x"' },
        },
        { type: 'web_search' },
      ],
      tool_choice: 'auto',
      parallel_tool_calls: false,
      reasoning: { effort: 'medium', summary: 'auto' },
      store: false,
      stream: true,
      include: ['reasoning.encrypted_content'],
      prompt_cache_key: '0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
    };
    const res = await fetch(`${h.gateway.url}/v1/responses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify(codexTurn),
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-switchboard-warnings'), 'prompt_cache_key, tools[1].format, tools[2].web_search');
    const frames = (await res.text()).split('\n\n').filter((f) => f.startsWith('event: '));
    const events = frames.map((f) => {
      const [name, data] = f.split('\n');
      const body = JSON.parse(data.slice('data: '.length)) as { type: string };
      assert.equal(`event: ${body.type}`, name);
      return body as { type: string; response?: { usage?: unknown; output: { type: string }[] } };
    });
    const completed = events.at(-1);
    assert.equal(completed?.type, 'response.completed');
    assert.deepEqual(
      completed?.response?.output.map((o) => o.type),
      ['reasoning', 'function_call'],
    );
    assert.deepEqual(Object.keys(completed?.response?.usage as object), [
      'input_tokens',
      'input_tokens_details',
      'output_tokens',
      'output_tokens_details',
      'total_tokens',
    ]);
    const sent = h.anthropicSim.requests.at(-1)?.body as { tools: { name: string }[]; system: unknown };
    assert.deepEqual(
      sent.tools.map((t) => t.name),
      ['shell', 'apply_patch'],
    );
    assert.match(JSON.stringify(sent.system), /coding agent[\s\S]*permissions instructions/);
  });

  it('maps text.format json_schema to the host’s structured output', async () => {
    const schema = { type: 'object', properties: { a: { type: 'string' } }, required: ['a'], additionalProperties: false };
    await client.responses.create({
      model: 'anthropic:claude-sim-sonnet',
      input: 'hi',
      text: { format: { type: 'json_schema', name: 'thing', schema, strict: true } },
    });
    const sent = h.anthropicSim.requests.at(-1)?.body as { tools?: { name: string; input_schema: unknown }[] };
    assert.deepEqual(
      sent.tools?.find((t) => t.input_schema && JSON.stringify(t.input_schema) === JSON.stringify(schema))?.input_schema,
      schema,
    );
  });

  it('records origin gateway and the client name in the ledger', async () => {
    const before = h.ledger.recent().length;
    await client.responses.create({ model: 'openai:sim/text', input: 'hi' });
    const res = await fetch(`${h.gateway.url}/v1/responses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'user-agent': 'codex_exec/0.169.0 (Linux; x86_64)' },
      body: JSON.stringify({ model: 'anthropic:claude-sim-sonnet', input: 'hi', stream: true }),
    });
    assert.equal(res.status, 200);
    assert.match(await res.text(), /event: response\.completed\n/);
    const rec = h.ledger.recent().slice(before);
    assert.deepEqual(
      rec.map((r) => [r.origin, r.client]),
      [
        ['gateway', 'OpenAI/JS'],
        ['gateway', 'codex_exec'],
      ],
    );
  });
});
