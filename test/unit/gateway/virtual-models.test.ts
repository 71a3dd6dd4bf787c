// `@cheapest` and `@fastest` through the gateway: listed, and resolved by the engine's choice for
// the request's needs, on every protocol, with the serving model named in the route headers.
import * as assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { startHarness, TOKEN, type Harness } from './harness';

describe('Gateway: virtual models @cheapest and @fastest', function () {
  this.timeout(20_000);
  let h: Harness;
  let openai: OpenAI;
  let anthropic: Anthropic;
  before(async () => {
    h = await startHarness();
    openai = new OpenAI({ baseURL: `${h.gateway.url}/v1`, apiKey: TOKEN, maxRetries: 0 });
    anthropic = new Anthropic({ baseURL: h.gateway.url, apiKey: TOKEN, maxRetries: 0 });
  });
  after(() => h.close());

  const hi = [{ role: 'user' as const, content: 'hi' }];
  const expected = async (kind: 'cheapest' | 'fastest') => (await h.engine.choose(kind, { messages: hi }))!.models[0];

  it('lists both in /v1/models', async () => {
    const ids = (await openai.models.list()).data.map((m) => m.id);
    assert.ok(ids.includes('@cheapest') && ids.includes('@fastest'), ids.slice(0, 5).join());
  });

  it('serves a chat completion from the engine’s cheapest choice and names the model', async () => {
    const want = await expected('cheapest');
    const { data, response } = await openai.chat.completions.create({ model: '@cheapest', messages: hi }).withResponse();
    assert.equal(data.choices[0].message.content, 'You said: hi');
    assert.equal(response.headers.get('x-switchboard-model'), want);
    assert.equal(data.model, '@cheapest');
  });

  it('serves a streamed chat completion and names the model in the closing comment', async () => {
    const want = await expected('fastest');
    const res = await fetch(`${h.gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: '@fastest', messages: hi, stream: true }),
    });
    const text = await res.text();
    assert.match(text, new RegExp(`: x-switchboard-model=${want.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n`));
  });

  it('serves Anthropic messages and Responses through the choice', async () => {
    const want = await expected('cheapest');
    const m = await anthropic.messages.create({ model: '@cheapest', max_tokens: 64, messages: hi }).withResponse();
    assert.equal(m.response.headers.get('x-switchboard-model'), want);
    const r = await openai.responses.create({ model: '@cheapest', input: 'hi' }).withResponse();
    assert.equal(r.response.headers.get('x-switchboard-model'), want);
  });

  it('passes the request’s needs: an image skips models that cannot see', async () => {
    const image = { type: 'image' as const, mediaType: 'image/png', data: 'iVBORw0KGgo=' };
    const seeing = (await h.engine.choose('cheapest', { messages: [{ role: 'user', content: [image] }] }))?.models ?? [];
    const blind = await expected('cheapest');
    assert.ok(seeing.length && !seeing.includes(blind), `the fixture needs a cheaper blind model (${blind}, ${seeing.join()})`);
    const { response } = await openai.chat.completions
      .create({
        model: '@cheapest',
        messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } }] }],
      })
      .withResponse();
    // The simulator may refuse the first choice's image; a fallback stays within the seeing models.
    assert.ok(seeing.includes(response.headers.get('x-switchboard-model') ?? ''), String(response.headers.get('x-switchboard-model')));
  });

  it('answers a request no reachable model can hold with a client error', async () => {
    // The output it reserves is larger than any context window.
    const err = await openai.chat.completions.create({ model: '@cheapest', messages: hi, max_tokens: 50_000_000 }).catch((e) => e);
    assert.ok(err instanceof OpenAI.APIError, String(err));
    assert.ok(err.status === 400 || err.status === 404, String(err.status));
  });
});
