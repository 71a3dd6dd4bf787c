// The official OpenAI SDK as the client of the gateway, backed by the simulators.
import * as assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startHarness, TOKEN, type Harness } from './harness';

describe('Gateway: OpenAI Chat Completions through the official SDK', function () {
  this.timeout(20_000);
  let h: Harness;
  let client: OpenAI;
  before(async () => {
    h = await startHarness({ chains: { 'every-host-429': ['openai:sim/fault-429', 'anthropic:sim/fault-429'] } });
    client = new OpenAI({ baseURL: `${h.gateway.url}/v1`, apiKey: TOKEN, maxRetries: 0 });
  });
  after(() => h.close());

  it('answers a non-streaming request with text, usage and the route headers', async () => {
    const { data, response } = await client.chat.completions
      .create({ model: 'openai:sim/text', messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
    assert.equal(data.choices[0].message.content, 'Hello from the simulator.');
    assert.equal(data.choices[0].finish_reason, 'stop');
    assert.equal(data.object, 'chat.completion');
    assert.equal(response.headers.get('x-switchboard-provider'), 'openai');
    assert.equal(response.headers.get('x-switchboard-attempts'), '1');
    assert.ok(data.usage && data.usage.prompt_tokens > 0 && data.usage.completion_tokens > 0);
  });

  it('streams text and, with include_usage, a last chunk with usage and no choices', async () => {
    const stream = await client.chat.completions.create({
      model: 'openai:sim/text',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
    for await (const c of stream) {
      chunks.push(c);
      text += c.choices[0]?.delta.content ?? '';
    }
    assert.equal(text, 'Hello from the simulator.');
    const last = chunks.at(-1);
    assert.deepEqual(last?.choices, []);
    assert.ok(last?.usage && last.usage.total_tokens > 0);
    assert.ok(chunks.slice(0, -1).every((c) => c.usage === null));
    assert.equal(chunks.at(-2)?.choices[0].finish_reason, 'stop');
  });

  it('sends no usage chunk unless asked', async () => {
    const stream = await client.chat.completions.create({
      model: 'openai:sim/text',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    const chunks = [];
    for await (const c of stream) chunks.push(c);
    assert.ok(chunks.every((c) => c.choices.length === 1 && c.usage === undefined));
  });

  it('serves an OpenAI-format request from the Anthropic host (system prompt mapped)', async () => {
    const { data, response } = await client.chat.completions
      .create({
        model: 'anthropic:claude-sim-sonnet',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'hi' },
        ],
        max_tokens: 100,
        temperature: 0.2,
        top_p: 0.9,
      })
      .withResponse();
    assert.match(data.choices[0].message.content ?? '', /^Hello, world!/);
    assert.equal(response.headers.get('x-switchboard-provider'), 'anthropic');
    const sent = h.anthropicSim.requests.at(-1)?.body as { system?: unknown; temperature?: number; top_p?: number; max_tokens?: number };
    assert.equal(JSON.stringify(sent.system).includes('Be brief.'), true);
    assert.equal(sent.temperature, 0.2);
    assert.equal(sent.top_p, 0.9);
    assert.equal(sent.max_tokens, 100);
    // Anthropic's input excludes cache tokens; OpenAI's prompt_tokens includes them.
    assert.equal(data.usage?.prompt_tokens, 25);
  });

  it('maps a 429 from every host to RateLimitError', async () => {
    await assert.rejects(
      client.chat.completions.create({ model: 'every-host-429', messages: [{ role: 'user', content: 'hi' }] }),
      (e: unknown) => {
        assert.ok(e instanceof OpenAI.RateLimitError, String(e));
        return true;
      },
    );
    await assert.rejects(
      client.chat.completions.create({ model: 'every-host-429', messages: [{ role: 'user', content: 'hi' }], stream: true }),
      OpenAI.RateLimitError,
    );
  });

  it('maps an upstream auth failure to AuthenticationError, without the key', async () => {
    await assert.rejects(
      client.chat.completions.create({ model: 'openai:sim/fault-401', messages: [{ role: 'user', content: 'hi' }] }),
      (e: unknown) => {
        assert.ok(e instanceof OpenAI.AuthenticationError, String(e));
        assert.ok(!JSON.stringify((e as InstanceType<typeof OpenAI.APIError>).error).includes('SENTINEL'));
        return true;
      },
    );
    // The router marks a rejected key bad until it changes; the other tests need it back.
    await h.engine.keyChanged('openai');
  });

  it('raises an APIError when the stream fails after output began', async () => {
    const stream = await client.chat.completions.create({
      model: 'openai:sim/mid-stream-error',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    let text = '';
    await assert.rejects(
      (async () => {
        for await (const c of stream) text += c.choices[0]?.delta.content ?? '';
      })(),
      OpenAI.APIError,
    );
    assert.equal(text, 'Partial answer');
  });

  it('names the cost in a header, and at the end of a stream in an SSE comment', async () => {
    h.engine.catalog.setPriceOverrides([{ provider: 'openai', model: 'sim/text', inputPerMTok: 1000, outputPerMTok: 2000 }]);
    try {
      const { response } = await client.chat.completions
        .create({ model: 'openai:sim/text', messages: [{ role: 'user', content: 'hi' }] })
        .withResponse();
      assert.ok(Number(response.headers.get('x-switchboard-cost-usd')) > 0, String(response.headers.get('x-switchboard-cost-usd')));
      const raw = await fetch(`${h.gateway.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'openai:sim/text', messages: [{ role: 'user', content: 'hi' }], stream: true }),
      });
      assert.equal(raw.headers.get('x-switchboard-provider'), 'openai');
      assert.equal(raw.headers.get('x-switchboard-cost-usd'), null, 'a stream’s cost is not known when its headers leave');
      const text = await raw.text();
      assert.match(text, /\n: x-switchboard-cost-usd=0\.\d+\n[\s\S]*data: \[DONE\]\n\n$/);
    } finally {
      h.engine.catalog.setPriceOverrides([]);
    }
  });

  it('lists the reachable models, pinned and named chains included', async () => {
    const ids: string[] = [];
    for await (const m of client.models.list()) ids.push(m.id);
    assert.ok(ids.includes('every-host-429'));
    assert.ok(ids.some((id) => id.startsWith('openai:')));
    assert.ok(ids.some((id) => id.startsWith('anthropic:')));
    assert.ok(!ids.some((id) => id.startsWith('groq:')), 'a provider without a key is not listed');
  });

  it('records origin gateway and the client name in the ledger', async () => {
    const before = h.ledger.recent().length;
    await client.chat.completions.create({ model: 'openai:sim/text', messages: [{ role: 'user', content: 'hi' }] });
    const rec = h.ledger.recent().slice(before);
    assert.equal(rec.length, 1);
    assert.equal(rec[0].origin, 'gateway');
    assert.equal(rec[0].client, 'OpenAI/JS');
  });

  it('passes unknown fields over with a warning, not a 400', async () => {
    const r = await client.chat.completions.create({
      model: 'openai:sim/text',
      messages: [{ role: 'user', content: 'hi' }],
      ...({ some_vendor_extra: { a: 1 } } as object),
    });
    assert.equal(r.choices[0].message.content, 'Hello from the simulator.');
    assert.ok(h.logs.some((l) => l.includes('"some_vendor_extra"')));
  });
});
