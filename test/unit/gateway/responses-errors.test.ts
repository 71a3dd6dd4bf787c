// Errors, refusals and warnings of the gateway's `POST /v1/responses`, seen by the official
// OpenAI SDK: Responses' error shape and status, `response.failed` mid-stream, and what is left out.
import * as assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startHarness, TOKEN, type Harness } from './harness';
import { streamed as stream } from './responses-client';

describe('Gateway: Responses errors and warnings through the official SDK', function () {
  this.timeout(20_000);
  let h: Harness;
  let client: OpenAI;
  before(async () => {
    h = await startHarness({ chains: { 'every-host-429': ['openai:sim/fault-429', 'anthropic:sim/fault-429'] } });
    client = new OpenAI({ baseURL: `${h.gateway.url}/v1`, apiKey: TOKEN, maxRetries: 0 });
  });
  after(() => h.close());

  const streamed = (body: Parameters<typeof stream>[1]) => stream(client, body);

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

  it('answers a block budget with a 402 insufficient_quota without calling a host, streaming or not', async () => {
    h.budget = { warnAt: 0.8, action: 'block', dailyUsd: 0 };
    const before = h.geminiSim.requests.length;
    const blocked = (e: unknown) => e instanceof OpenAI.APIError && e.status === 402 && e.type === 'insufficient_quota';
    try {
      await assert.rejects(client.responses.create({ model: 'gemini:sim-hello', input: 'hi' }), blocked);
      await assert.rejects(streamed({ model: 'gemini:sim-hello', input: 'hi' }), blocked);
    } finally {
      h.budget = { warnAt: 0.8, action: 'warn' };
    }
    assert.equal(h.geminiSim.requests.length, before);
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

  it('names a field the client made up in the warnings header without breaking the header', async () => {
    for (const stream of [false, true]) {
      const res = await fetch(`${h.gateway.url}/v1/responses`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'openai:sim/text', input: 'hi', stream, 'bad\r\nx-evil: 1': 1, 'ünï code': 2 }),
      });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('x-evil'), null);
      assert.equal(res.headers.get('x-switchboard-warnings'), 'bad__x-evil__1, _n__code');
      await res.text();
    }
  });
});
