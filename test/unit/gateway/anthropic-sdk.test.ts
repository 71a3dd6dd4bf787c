// The official Anthropic SDK as the client of the gateway, backed by the simulators.
import * as assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { preSendEstimate } from '../../../src/core/pricing';
import { anthropicCall } from '../../../src/gateway/anthropic/request';
import { startHarness, TOKEN, type Harness } from './harness';

describe('Gateway: Anthropic Messages through the official SDK', function () {
  this.timeout(20_000);
  let h: Harness;
  let client: Anthropic;
  before(async () => {
    h = await startHarness({ chains: { 'every-host-429': ['anthropic:sim/fault-429', 'openai:sim/fault-429'] } });
    client = new Anthropic({ baseURL: h.gateway.url, apiKey: TOKEN, maxRetries: 0 });
  });
  after(() => h.close());

  it('answers a non-streaming request with text, stop reason, usage and the route headers', async () => {
    const { data, response } = await client.messages
      .create({ model: 'anthropic:claude-sim-sonnet', max_tokens: 200, messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
    assert.equal(data.type, 'message');
    assert.equal(data.content[0].type, 'text');
    assert.match(data.content[0].type === 'text' ? data.content[0].text : '', /^Hello, world!/);
    assert.equal(data.stop_reason, 'end_turn');
    assert.deepEqual([data.usage.input_tokens, data.usage.output_tokens], [25, 17]);
    assert.equal(response.headers.get('x-switchboard-provider'), 'anthropic');
    assert.equal(response.headers.get('x-switchboard-attempts'), '1');
    assert.ok(response.headers.get('x-switchboard-cost-usd') === null || Number(response.headers.get('x-switchboard-cost-usd')) >= 0);
  });

  it('streams in Anthropic’s event order, usage in message_delta', async () => {
    const stream = client.messages.stream({
      model: 'anthropic:sim/cache',
      max_tokens: 200,
      system: [{ type: 'text', text: 'You are terse.' }],
      messages: [{ role: 'user', content: 'hi' }],
    });
    const types: string[] = [];
    stream.on('streamEvent', (e) => types.push(e.type));
    const final = await stream.finalMessage();
    assert.deepEqual(types, [
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    assert.equal(final.content[0].type === 'text' ? final.content[0].text : '', 'Cached context helps.');
    assert.equal(final.stop_reason, 'end_turn');
    assert.equal(final.usage.output_tokens, 30);
    assert.equal(final.usage.cache_read_input_tokens, 4096);
    assert.equal(final.usage.input_tokens, 12);
  });

  it('streams thinking as a thinking block before the text block', async () => {
    const final = await client.messages
      .stream({
        model: 'anthropic:sim/thinking',
        max_tokens: 4000,
        thinking: { type: 'enabled', budget_tokens: 2000 },
        messages: [{ role: 'user', content: '2+2?' }],
      })
      .finalMessage();
    assert.deepEqual(
      final.content.map((b) => b.type),
      ['thinking', 'text'],
    );
    assert.equal(final.content[1].type === 'text' ? final.content[1].text : '', '2 + 2 = 4.');
    const sent = h.anthropicSim.requests.at(-1)?.body as { thinking?: { budget_tokens?: number } };
    assert.equal(sent.thinking?.budget_tokens, 2000);
  });

  it('serves an Anthropic-format request from the OpenAI host', async () => {
    const { data, response } = await client.messages
      .create({ model: 'openai:sim/text', max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
    assert.equal(data.content[0].type === 'text' ? data.content[0].text : '', 'Hello from the simulator.');
    assert.equal(response.headers.get('x-switchboard-provider'), 'openai');
    const text = await client.messages
      .stream({ model: 'openai:sim/text', max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] })
      .finalText();
    assert.equal(text, 'Hello from the simulator.');
  });

  it('accepts ?beta=true and Claude Code’s extra fields, with a warning', async () => {
    const r = await client.beta.messages.create({
      model: 'anthropic:claude-sim-sonnet',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'hi' }],
      metadata: { user_id: '{"device":"x"}' },
      ...({ context_management: { edits: [] } } as object),
    });
    assert.equal(r.type, 'message');
    assert.ok(h.logs.some((l) => l.includes('"context_management"')));
  });

  it('accepts a system message inside the conversation, as Claude Code 2.1 sends its environment', async () => {
    // Claude Code 2.1.328 sends messages [user, system]: the system turn holds text blocks with cache_control.
    const messages = [
      { role: 'user', content: 'What does note.txt say?' },
      { role: 'system', content: [{ type: 'text', text: 'Primary working directory: /w', cache_control: { type: 'ephemeral' } }] },
    ] as Anthropic.MessageParam[];
    const r = await client.beta.messages.create({ model: 'openai:sim/text', max_tokens: 50, messages });
    assert.equal(r.content[0].type === 'text' ? r.content[0].text : '', 'Hello from the simulator.');
    const sent = (h.openaiSim.requests.at(-1)?.body as { messages: { role: string; content: unknown }[] }).messages;
    assert.deepEqual(
      sent.map((m) => m.role),
      ['user', 'system'],
    );
    assert.match(JSON.stringify(sent[1].content), /Primary working directory/);

    await client.beta.messages.create({ model: 'anthropic:claude-sim-sonnet', max_tokens: 50, system: 'Top.', messages });
    const body = h.anthropicSim.requests.at(-1)?.body as { system: unknown; messages: { role: string }[] };
    assert.match(JSON.stringify(body.system), /Top\.[^"]*Primary working directory/, 'an Anthropic host gets it in `system`');
    assert.deepEqual(
      body.messages.map((m) => m.role),
      ['user'],
    );
  });

  it('refuses a system message that holds anything but text, naming the block', async () => {
    const messages = [
      { role: 'user', content: 'hi' },
      { role: 'system', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } }] },
    ] as Anthropic.MessageParam[];
    await assert.rejects(
      client.messages.create({ model: 'openai:sim/text', max_tokens: 50, messages }),
      (e: unknown) => e instanceof Anthropic.BadRequestError && /messages\[1\]\.content\[0\]/.test(e.message),
    );
  });

  it('maps a 429 from every host to RateLimitError', async () => {
    await assert.rejects(
      client.messages.create({ model: 'every-host-429', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }),
      Anthropic.RateLimitError,
    );
    await assert.rejects(
      client.messages.stream({ model: 'every-host-429', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }).finalMessage(),
      Anthropic.RateLimitError,
    );
  });

  it('maps an upstream auth failure to AuthenticationError', async () => {
    await assert.rejects(
      client.messages.create({ model: 'anthropic:sim/fault-401', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }),
      Anthropic.AuthenticationError,
    );
    await h.engine.keyChanged('anthropic');
  });

  it('sends an error event when the stream fails after output began', async () => {
    const stream = client.messages.stream({
      model: 'anthropic:sim/fault-midstream',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'hi' }],
    });
    let text = '';
    stream.on('text', (t) => (text += t));
    await assert.rejects(stream.finalMessage(), (e: unknown) => {
      assert.ok(e instanceof Anthropic.APIError, String(e));
      assert.match(String(e), /overloaded/);
      return true;
    });
    assert.equal(text, 'The first part arrives, ');
  });

  it('counts tokens with the local estimate', async () => {
    const r = await client.messages.countTokens({
      model: 'anthropic:claude-sim-sonnet',
      system: 'Be brief.',
      messages: [{ role: 'user', content: 'Hello there, how are you today?' }],
    });
    assert.ok(r.input_tokens > 5 && r.input_tokens < 100, String(r.input_tokens));
  });

  it('counts tools and system blocks exactly as the pre-send estimate of the serving endpoint does', async () => {
    const model = 'anthropic:claude-sim-sonnet';
    const body = {
      model,
      system: [
        { type: 'text' as const, text: 'You are a careful assistant.' },
        { type: 'text' as const, text: 'Answer in one line.' },
      ],
      messages: [{ role: 'user' as const, content: 'What is the weather in Paris?' }],
      tools: [
        {
          name: 'get_weather',
          description: 'Current weather for a city, in degrees Celsius.',
          input_schema: { type: 'object' as const, properties: { city: { type: 'string', description: 'City name' } }, required: ['city'] },
        },
      ],
    };
    const r = await client.messages.countTokens(body);
    const call = anthropicCall({ ...body, max_tokens: 1 }, () => undefined);
    const endpoint = h.engine.catalog.resolve(model)?.endpoints[0];
    assert.ok(endpoint);
    assert.equal(r.input_tokens, preSendEstimate(call, endpoint).inputTokens);
    const withoutTools = await client.messages.countTokens({ ...body, tools: undefined });
    assert.ok(r.input_tokens > withoutTools.input_tokens + 12, `${r.input_tokens} vs ${withoutTools.input_tokens}`);
  });

  it('answers a block budget in Anthropic’s shape without calling a host', async () => {
    h.budget = { warnAt: 0.8, action: 'block', dailyUsd: 0 };
    const before = h.anthropicSim.requests.length;
    try {
      await assert.rejects(
        client.messages.create({ model: 'anthropic:claude-sim-sonnet', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }),
        (e: unknown) => {
          assert.ok(e instanceof Anthropic.APIError && e.status === 402, String(e));
          assert.equal((e.error as { error?: { type?: string } }).error?.type, 'billing_error');
          return true;
        },
      );
    } finally {
      h.budget = { warnAt: 0.8, action: 'warn' };
    }
    assert.equal(h.anthropicSim.requests.length, before);
  });

  it('records origin gateway and the client name in the ledger', async () => {
    const before = h.ledger.recent().length;
    await client.messages.create({ model: 'anthropic:claude-sim-sonnet', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] });
    const rec = h.ledger.recent().slice(before);
    assert.equal(rec.length, 1);
    assert.equal(rec[0].origin, 'gateway');
    assert.equal(rec[0].client, 'Anthropic/JS');
  });
});
