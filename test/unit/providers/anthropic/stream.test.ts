// Every normal Anthropic scenario through the real adapter, HTTP client and SSE reader.
import * as assert from 'node:assert/strict';
import type { FinishReason } from '../../../../src/core/types';
import { anthropicRouter, frame, messageStartFrame, NORMAL_SCENARIOS, PING, sseScenario } from '../../../sim/anthropic';
import { SimServer } from '../../../sim/server';
import { HttpClient } from '../../../../src/core/http/client';
import { anthropicAdapter } from '../../../../src/core/providers/anthropic/adapter';
import { ANTHROPIC_PRESET } from '../../../../src/core/providers/anthropic/preset';
import { charactersSplit, RecordingTransport } from '../split-proof';
import { collect, startRig, type Rig } from './harness';

// Written out rather than derived from mapAnthropicStopReason, so a wrong mapping fails here.
const EXPECTED_FINISH: Record<string, FinishReason> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  refusal: 'content_filter',
};

describe('anthropic adapter: normal streams', () => {
  let rig: Rig;
  before(async () => {
    rig = await startRig();
  });
  after(async () => rig.close());

  for (const [name, { spec }] of Object.entries(NORMAL_SCENARIOS)) {
    it(`sim/${name}: text, reasoning, usage, finish and metadata`, async () => {
      const model = `sim/${name}`;
      const c = await rig.run(model);
      assert.equal(c.error, undefined, c.error?.message);
      assert.equal(c.text, spec.text.join(''));
      assert.equal(c.reasoning, (spec.thinking ?? []).join(''));
      const cacheRead = spec.usage.cacheRead ?? 0;
      const cacheWrite = spec.usage.cacheWrite ?? 0;
      assert.deepEqual(c.usage, {
        inputTokens: spec.usage.input + cacheRead + cacheWrite,
        outputTokens: spec.usage.output,
        cacheReadTokens: cacheRead,
        cacheWriteTokens: cacheWrite,
        reasoningTokens: spec.thinkingTokens ?? 0,
      });
      assert.equal(c.usageEvents, 1);
      assert.deepEqual(c.finish, { reason: EXPECTED_FINISH[spec.stopReason], rawReason: spec.stopReason });
      assert.equal(c.events[c.events.length - 1].type, 'finish');
      assert.equal(c.events.filter((e) => e.type === 'finish').length, 1);
      const meta = Object.assign({}, ...c.metadata);
      assert.equal(meta.provider, 'anthropic');
      assert.equal(meta.modelId, model);
      assert.equal(meta.requestId, 'req_sim_011CSHoEeqs5C35K2UUqR7Fy');
      assert.equal(meta.rateLimit?.requestsLimit, 4000);
      assert.equal(meta.rateLimit?.requestsRemaining, 3999);
      assert.equal(meta.rateLimit?.tokensRemaining, 399000);
      assert.ok(meta.rateLimit?.resetMs !== undefined && meta.rateLimit.resetMs > 0);
    });
  }

  it('input tokens include cache reads and writes (literal figures)', async () => {
    const c = await rig.run('sim/cache');
    assert.equal(c.usage?.inputTokens, 12 + 4096 + 2048);
    assert.equal(c.usage?.cacheReadTokens, 4096);
    assert.equal(c.usage?.cacheWriteTokens, 2048);
    assert.equal(c.usage?.outputTokens, 30);
  });

  it('reports thinking tokens only when the API breaks them out', async () => {
    assert.equal((await rig.run('sim/thinking')).usage?.reasoningTokens, 85);
    assert.equal((await rig.run('sim/ok')).usage?.reasoningTokens, 0);
  });

  it('takes the latest cumulative output_tokens instead of adding them', async () => {
    const c = await rig.run('sim/cumulative-usage');
    assert.equal(c.usage?.outputTokens, 12);
  });

  it('reassembles multi-byte characters split across writes', async () => {
    const http = new RecordingTransport(rig.http);
    const c = await collect(
      anthropicAdapter.streamChat({ ...rig.ctx, http }, { model: 'sim/utf8-split', messages: [{ role: 'user', content: 'Hi' }] }),
    );
    // The premise: the client really read characters in pieces.
    assert.ok(
      charactersSplit(http.bodies[0]) >= 3,
      `characters split across reads: ${charactersSplit(http.bodies[0])} of ${http.bodies[0].length} reads`,
    );
    assert.ok(c.text.includes('👋🏽') && c.text.includes('日本語') && c.text.includes('🧑‍💻'));
    assert.ok(!c.text.includes('\uFFFD'));
  });

  it('sends the key, version header, max_tokens and stream flag', async () => {
    await rig.run('sim/ok');
    const r = rig.sim.requests[rig.sim.requests.length - 1];
    assert.equal(r.path, '/v1/messages');
    assert.equal(r.headers['x-api-key'], rig.ctx.apiKey);
    assert.equal(r.headers['anthropic-version'], '2023-06-01');
    assert.equal(r.headers.authorization, undefined);
    const body = r.body as Record<string, unknown>;
    assert.equal(body.stream, true);
    assert.equal(body.max_tokens, 8192);
  });
});

describe('anthropic simulator routing', () => {
  it('serves under any base path, and a model outside sim/ gets the ok stream under its own name', async () => {
    const sim = await SimServer.start(anthropicRouter());
    const http = new HttpClient();
    try {
      const ctx = { descriptor: { ...ANTHROPIC_PRESET, baseUrl: `${sim.url}/proxy/anthropic/v1` }, http, apiKey: 'sk-ant-test-SENTINEL-p' };
      const c = await collect(anthropicAdapter.streamChat(ctx, { model: 'claude-sim-sonnet', messages: [{ role: 'user', content: 'x' }] }));
      assert.equal(c.text, NORMAL_SCENARIOS.ok.spec.text.join(''));
      assert.equal(Object.assign({}, ...c.metadata).modelId, 'claude-sim-sonnet');
      assert.equal(sim.requests[0].path, '/proxy/anthropic/v1/messages');
      const unknown = await collect(
        anthropicAdapter.streamChat(ctx, { model: 'sim/no-such-scenario', messages: [{ role: 'user', content: 'x' }] }),
      );
      assert.equal(unknown.error?.category, 'not_found');
    } finally {
      await http.close();
      await sim.close();
    }
  });

  it('answers a request without max_tokens with the real 400', async () => {
    const sim = await SimServer.start(anthropicRouter());
    try {
      const res = await fetch(`${sim.url}/v1/messages`, {
        method: 'POST',
        headers: { 'x-api-key': 'k', 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'sim/ok', messages: [] }),
      });
      assert.equal(res.status, 400);
      assert.match(await res.text(), /max_tokens: Field required/);
    } finally {
      await sim.close();
    }
  });
});

describe('anthropic adapter: tolerant parsing', () => {
  let sim: SimServer | undefined;
  afterEach(async () => sim?.close());

  async function serve(frames: ReturnType<typeof frame>[]) {
    sim = await SimServer.start(() => sseScenario(frames));
    const http = new HttpClient();
    try {
      return await collect(
        anthropicAdapter.streamChat(
          { descriptor: { ...ANTHROPIC_PRESET, baseUrl: sim.url }, http, apiKey: 'k' },
          { model: 'm', messages: [{ role: 'user', content: 'x' }] },
        ),
      );
    } finally {
      await http.close();
    }
  }

  const spec = { text: [], usage: { input: 3, output: 0 }, stopReason: 'end_turn' };

  it('skips unknown event types and delta types, and text already present in content_block_start', async () => {
    const c = await serve([
      messageStartFrame(spec, 'm'),
      frame('some_future_event', { payload: 1 }),
      frame('content_block_start', { index: 0, content_block: { type: 'text', text: 'Pre' } }),
      frame('content_block_delta', { index: 0, delta: { type: 'citations_delta', citation: {} } }),
      frame('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'fix' } }),
      frame('content_block_stop', { index: 0 }),
      frame('content_block_start', { index: 1, content_block: { type: 'tool_use', id: 't', name: 'f', input: {} } }),
      frame('content_block_delta', { index: 1, delta: { type: 'input_json_delta', partial_json: '{"a":' } }),
      frame('content_block_stop', { index: 1 }),
      PING,
      frame('message_delta', { delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 4 } }),
      frame('message_stop'),
    ]);
    assert.equal(c.error, undefined, c.error?.message);
    assert.equal(c.text, 'Prefix');
    assert.equal(c.finish?.reason, 'tool_calls');
    assert.equal(c.usage?.inputTokens, 3);
    assert.equal(c.usage?.outputTokens, 4);
  });

  it('accepts frames without an event: line, dispatching on the JSON type (some gateways strip it)', async () => {
    const bare = (f: ReturnType<typeof frame>) => ({ data: f.data });
    const c = await serve([
      bare(messageStartFrame(spec, 'm')),
      bare(frame('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'ok' } })),
      bare(frame('message_delta', { delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 1 } })),
      bare(frame('message_stop')),
    ]);
    assert.equal(c.error, undefined, c.error?.message);
    assert.equal(c.text, 'ok');
    assert.equal(c.finish?.reason, 'stop');
  });

  it('a known event in the wrong shape is a retryable protocol error', async () => {
    const c = await serve([messageStartFrame(spec, 'm'), frame('content_block_delta', { index: 'zero', delta: {} })]);
    assert.equal(c.error?.category, 'protocol');
    assert.equal(c.error?.retryable, true);
    assert.equal(c.finish?.reason, 'error');
  });
});
