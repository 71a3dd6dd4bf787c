// Normal streams through the real HttpClient against the loopback simulator.
import * as assert from 'node:assert/strict';
import { SimServer } from '../../../sim/server';
import { openaiRouter, openaiScenarios, SIM_PIECES, UTF8_PIECES } from '../../../sim/openai';
import { HttpClient } from '../../../../src/core/http/client';
import { openaiAdapter } from '../../../../src/core/providers/openai/adapter';
import { charactersSplit, RecordingTransport } from '../split-proof';
import { fold, run, SENTINEL_KEY, simDescriptor } from './helpers';

describe('openai adapter: streams', () => {
  let sim: SimServer;
  let base: string;
  before(async () => {
    sim = await SimServer.start(
      openaiRouter({
        scenarios: {
          'or-last-content': () => openaiScenarios.openrouter({ usage: 'last-content-chunk' }),
          'rate-headers': () =>
            openaiScenarios.text({
              pieces: ['ok'],
              headers: {
                'x-ratelimit-limit-requests': '500',
                'x-ratelimit-remaining-requests': '499',
                'x-ratelimit-limit-tokens': '30000',
                'x-ratelimit-remaining-tokens': '29000',
                'x-ratelimit-reset-requests': '120ms',
                'x-ratelimit-reset-tokens': '2s',
              },
            }),
        },
      }),
    );
    base = `${sim.url}/v1`;
  });
  after(() => sim.close());

  it('streams text, usage from the final `choices: []` chunk, finish and metadata', async () => {
    const f = await run(base, 'sim/text');
    assert.equal(f.text, SIM_PIECES.join(''));
    assert.deepEqual(f.usage, { inputTokens: 12, outputTokens: 5, cacheReadTokens: 4, cacheWriteTokens: 0, reasoningTokens: 0 });
    assert.equal(f.usageCount, 1);
    assert.equal(f.finish, 'stop');
    assert.equal(f.rawFinish, 'stop');
    assert.equal(f.error, undefined);
    // One event: the header half (request id, the one OpenAI support asks for) merged with the chunk half (model).
    assert.equal(f.metadata.length, 1);
    assert.equal(f.metadata[0].requestId, 'req_sim_1');
    assert.equal(f.metadata[0].modelId, 'sim/text');
    const last = f.events.at(-1);
    assert.equal(last?.type, 'finish');
    assert.equal(f.events.at(-2)?.type, 'usage', 'usage comes right before finish');
  });

  it('sends stream_options only when the descriptor says so', async () => {
    await run(base, 'sim/text', { descriptor: simDescriptor(base, { streamUsage: 'last_chunk' }) });
    assert.equal((sim.requests.at(-1)?.body as Record<string, unknown>).stream_options, undefined);
    const f = await run(base, 'sim/text', { descriptor: simDescriptor(base, { streamUsage: 'none' }) });
    assert.equal(f.usage, undefined, 'no usage event when the host sends none');
    assert.equal(f.finish, 'stop');
    await run(base, 'sim/text');
    assert.deepEqual((sim.requests.at(-1)?.body as Record<string, unknown>).stream_options, { include_usage: true });
    assert.equal(sim.requests.at(-1)?.headers.authorization, 'Bearer sk-test-SENTINEL-0123456789abcdefXYZ');
    assert.equal(sim.requests.at(-1)?.path, '/v1/chat/completions');
  });

  it('reads usage from the last content chunk (Mistral/Together style)', async () => {
    const f = await run(base, 'sim/usage-last-chunk');
    assert.equal(f.text, SIM_PIECES.join(''));
    assert.equal(f.usage?.inputTokens, 12);
    assert.equal(f.usage?.outputTokens, 5);
    assert.equal(f.finish, 'stop');
  });

  it('emits no usage event when the host sends none', async () => {
    const f = await run(base, 'sim/usage-none');
    assert.equal(f.usageCount, 0);
    assert.equal(f.finish, 'stop');
    assert.equal(f.text, SIM_PIECES.join(''));
  });

  it('OpenRouter: ignores processing comments, reads provider, cost, cache writes and reasoning tokens', async () => {
    for (const model of ['sim/openrouter', 'sim/or-last-content']) {
      const f = await run(base, model);
      assert.equal(f.text, SIM_PIECES.join(''), model);
      assert.deepEqual(
        f.usage,
        { inputTokens: 20, outputTokens: 7, cacheReadTokens: 8, cacheWriteTokens: 3, reasoningTokens: 2, providerCostUsd: 0.000123 },
        model,
      );
      assert.equal(f.metadata[0].upstreamProvider, 'SimCloud');
      assert.equal(f.metadata[0].modelId, 'openai/gpt-sim');
      assert.equal(f.finish, 'stop');
    }
  });

  it('reasoning deltas from `reasoning_content` (DeepSeek) and `reasoning` (OpenRouter)', async () => {
    for (const model of ['sim/reasoning', 'sim/reasoning-openrouter']) {
      const f = await run(base, model);
      assert.equal(f.reasoning, 'Let me think.', model);
      assert.equal(f.text, '42.');
      assert.equal(f.usage?.reasoningTokens, 25);
      assert.equal(f.usage?.outputTokens, 30);
      const firstText = f.events.findIndex((e) => e.type === 'text-delta');
      const lastReasoning = f.events.map((e) => e.type).lastIndexOf('reasoning-delta');
      assert.ok(lastReasoning < firstText, 'reasoning streams before the answer');
    }
  });

  it('maps finish reasons: length, content_filter', async () => {
    assert.equal((await run(base, 'sim/length')).finish, 'length');
    assert.equal((await run(base, 'sim/content-filter')).finish, 'content_filter');
  });

  it('accepts a stream with a finish reason but no [DONE]', async () => {
    const f = await run(base, 'sim/finish-no-done');
    assert.equal(f.error, undefined);
    assert.equal(f.finish, 'stop');
    assert.equal(f.usage?.inputTokens, 12);
  });

  it('keeps UTF-8 characters and SSE lines intact across 3-byte writes', async () => {
    const client = new HttpClient();
    const http = new RecordingTransport(client);
    try {
      const f = await fold(
        openaiAdapter.streamChat(
          { descriptor: simDescriptor(base), http, apiKey: SENTINEL_KEY },
          { model: 'sim/split-utf8', messages: [{ role: 'user', content: 'hi' }] },
        ),
      );
      assert.equal(f.text, UTF8_PIECES.join(''));
      assert.equal(f.finish, 'stop');
      // The premise: the client really read characters in pieces.
      assert.ok(
        charactersSplit(http.bodies[0]) >= 3,
        `characters split across reads: ${charactersSplit(http.bodies[0])} of ${http.bodies[0].length} reads`,
      );
    } finally {
      await client.close();
    }
  });

  it('handles CRLF line endings and comment lines', async () => {
    const f = await run(base, 'sim/crlf');
    assert.equal(f.text, SIM_PIECES.join(''));
    assert.equal(f.finish, 'stop');
  });

  it('streams a slow drip piece by piece', async () => {
    const f = await run(base, 'sim/slow');
    assert.equal(f.text, SIM_PIECES.join(''));
    assert.equal(f.events.filter((e) => e.type === 'text-delta').length, SIM_PIECES.length);
  });

  it('echo scenario streams back the user message (for demos)', async () => {
    const f = await run(base, 'any-model', { req: { messages: [{ role: 'user', content: 'ping pong' }] } });
    assert.equal(f.text, 'You said: ping pong');
  });

  it('x-sim-scenario header overrides the model name', async () => {
    const d = { ...simDescriptor(base), extraHeaders: { 'x-sim-scenario': 'length' } };
    assert.equal((await run(base, 'sim/text', { descriptor: d })).finish, 'length');
  });

  it('reads x-ratelimit-* headroom into the first response-metadata', async () => {
    const f = await run(base, 'sim/rate-headers');
    assert.deepEqual(f.metadata[0].rateLimit, {
      requestsLimit: 500,
      requestsRemaining: 499,
      tokensLimit: 30000,
      tokensRemaining: 29000,
      resetMs: 120,
    });
    const none = await run(base, 'sim/rate-headers', { descriptor: { ...simDescriptor(base), rateLimitScheme: 'none' } });
    assert.equal(none.metadata[0].rateLimit, undefined);
  });
});
