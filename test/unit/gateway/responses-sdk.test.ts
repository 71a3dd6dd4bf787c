// The official OpenAI SDK's Responses client (`responses.create`, `responses.stream`) against the
// gateway's `POST /v1/responses`, served by each host family's simulator.
import * as assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startHarness, TOKEN, type Harness } from './harness';

type Event = OpenAI.Responses.ResponseStreamEvent;

describe('Gateway: OpenAI Responses through the official SDK', function () {
  this.timeout(20_000);
  let h: Harness;
  let client: OpenAI;
  before(async () => {
    h = await startHarness({ chains: { 'every-host-429': ['openai:sim/fault-429', 'anthropic:sim/fault-429'] } });
    client = new OpenAI({ baseURL: `${h.gateway.url}/v1`, apiKey: TOKEN, maxRetries: 0 });
  });
  after(() => h.close());

  /** Streams a request and returns every event and the SDK's final response. */
  async function streamed(
    body: Parameters<OpenAI['responses']['stream']>[0],
  ): Promise<{ events: Event[]; final: OpenAI.Responses.Response }> {
    const s = client.responses.stream(body);
    const events: Event[] = [];
    for await (const e of s) events.push(e);
    return { events, final: await s.finalResponse() };
  }

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

  it('ends a stream that fails after output began with response.failed', async () => {
    const { events, final } = await streamed({ model: 'openai:sim/mid-stream-error', input: 'hi' });
    assert.equal(events.at(-1)?.type, 'response.failed');
    assert.equal(final.status, 'failed');
    assert.equal(final.output_text, 'Partial answer');
    assert.match(final.error?.message ?? '', /disconnected/);
    assert.ok(!JSON.stringify(final).includes('SENTINEL'));
  });

  it('maps a 429 from every host to RateLimitError, streaming or not', async () => {
    await assert.rejects(client.responses.create({ model: 'every-host-429', input: 'hi' }), OpenAI.RateLimitError);
    await assert.rejects(streamed({ model: 'every-host-429', input: 'hi' }), OpenAI.RateLimitError);
  });

  it('maps an upstream auth failure to AuthenticationError, without the key', async () => {
    await assert.rejects(client.responses.create({ model: 'openai:sim/fault-401', input: 'hi' }), (e: unknown) => {
      assert.ok(e instanceof OpenAI.AuthenticationError, String(e));
      assert.ok(!JSON.stringify(e.error).includes('SENTINEL'));
      return true;
    });
    await h.engine.keyChanged('openai');
  });

  it('refuses what needs server-side state, in Responses’ error shape', async () => {
    const refused = async (extra: Record<string, unknown>, param: string) =>
      assert.rejects(client.responses.create({ model: 'openai:sim/text', input: 'hi', ...extra }), (e: unknown) => {
        assert.ok(e instanceof OpenAI.BadRequestError, String(e));
        assert.equal(e.param, param);
        assert.equal(e.code, 'unsupported_parameter');
        assert.equal(e.type, 'invalid_request_error');
        assert.match(e.message, /stor|keeps no/);
        return true;
      });
    await refused({ previous_response_id: 'resp_abc' }, 'previous_response_id');
    await refused({ conversation: 'conv_abc' }, 'conversation');
    await refused({ input: [{ type: 'item_reference', id: 'msg_abc' }] }, 'input[0]');
  });

  it('refuses forcing a built-in tool, and a malformed body, with the field at fault', async () => {
    await assert.rejects(
      client.responses.create({
        model: 'openai:sim/text',
        input: 'hi',
        tools: [{ type: 'web_search' }],
        tool_choice: { type: 'web_search' } as never,
      }),
      (e: unknown) => e instanceof OpenAI.BadRequestError && e.param === 'tool_choice' && /OpenAI's servers/.test(e.message),
    );
    await assert.rejects(
      client.responses.create({ model: 'openai:sim/text', input: 42 as never }),
      (e: unknown) => e instanceof OpenAI.BadRequestError && e.param === 'input',
    );
  });

  it('serves without what a host cannot express, and names it in a header and the log', async () => {
    const before = h.openaiSim.requests.length;
    const { data, response } = await client.responses
      .create({
        model: 'openai:sim/text',
        input: 'hi',
        store: true,
        include: ['message.output_text.logprobs'],
        prompt_cache_key: 'session-1',
        tools: [
          { type: 'web_search' },
          { type: 'function', name: 'get_time', parameters: { type: 'object', properties: {} }, strict: false },
        ],
        ...({ some_vendor_extra: 1 } as object),
      })
      .withResponse();
    assert.equal(data.output_text, 'Hello from the simulator.');
    assert.equal((data as unknown as { store: boolean }).store, false, 'the response says it was not stored');
    const warned = response.headers.get('x-switchboard-warnings') ?? '';
    for (const w of ['tools[0].web_search', 'store', 'include.message.output_text.logprobs', 'prompt_cache_key', 'some_vendor_extra'])
      assert.ok(warned.split(', ').includes(w), `${w} in "${warned}"`);
    assert.ok(h.logs.some((l) => l.includes('"tools[0].web_search"')));
    const sent = h.openaiSim.requests[before].body as { tools?: { function: { name: string } }[] };
    assert.deepEqual(
      sent.tools?.map((t) => t.function.name),
      ['get_time'],
    );
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
