import { strict as assert } from 'node:assert';
import { geminiAdapter } from '../../../../src/core/providers/gemini/adapter';
import type { HttpClient } from '../../../../src/core/http/client';
import {
  GEMINI_FAULTS,
  GEMINI_NORMAL,
  geminiRouter,
  geminiStream,
  SIM_GEMINI_MODEL_VERSION,
  SIM_GEMINI_RESPONSE_ID,
} from '../../../sim/gemini';
import { SimServer } from '../../../sim/server';
import { fold, SENTINEL_KEY, simContext, testClient } from './helpers';

const ask = (model: string, signal?: AbortSignal) => ({ model, messages: [{ role: 'user' as const, content: 'Hi' }], signal });

describe('gemini adapter streams', () => {
  let sim: SimServer;
  let http: HttpClient;
  before(async () => {
    sim = await SimServer.start(geminiRouter());
    http = testClient();
  });
  after(async () => {
    await http.close();
    await sim.close();
  });

  for (const [name, c] of Object.entries(GEMINI_NORMAL)) {
    it(`scenario sim-${name}: text, reasoning, usage, finish`, async () => {
      const f = await fold(geminiAdapter.streamChat(simContext(sim.url, http), ask(`sim-${name}`)));
      assert.equal(f.text, c.expect.text);
      assert.equal(f.reasoning, c.expect.reasoning);
      assert.deepEqual(f.usage, c.expect.usage);
      assert.equal(f.finish, c.expect.finish);
      assert.equal(f.events[f.events.length - 1].type, 'finish', 'finish is the last event');
      if (c.expect.finish === 'error') {
        // The model failed on its own (e.g. a malformed tool call): an error event explains it.
        assert.equal(f.error?.code, c.expect.raw);
        assert.equal(f.error?.outputStarted, c.expect.text !== '');
      } else {
        assert.equal(f.error, undefined, f.error?.message);
        assert.ok(f.rawReason?.includes(c.expect.raw), `${f.rawReason} carries ${c.expect.raw}`);
      }
      assert.equal(f.modelId, SIM_GEMINI_MODEL_VERSION);
      assert.equal(f.requestId, SIM_GEMINI_RESPONSE_ID);
    });
  }

  it('reports a blocked prompt as a content_filter finish with a readable reason', async () => {
    const f = await fold(geminiAdapter.streamChat(simContext(sim.url, http), ask('sim-prompt-blocked')));
    assert.equal(f.finish, 'content_filter');
    assert.match(f.rawReason ?? '', /Prompt blocked by Gemini \(SAFETY\)/);
  });

  for (const [name, c] of Object.entries(GEMINI_FAULTS)) {
    it(`fault sim-fault-${name}: ${c.expect.category}, retryable=${c.expect.retryable}`, async () => {
      const f = await fold(geminiAdapter.streamChat(simContext(sim.url, http), ask(`sim-fault-${name}`)));
      const e = f.error;
      assert.ok(e, 'an error event');
      assert.equal(e.category, c.expect.category, e.message);
      assert.equal(e.retryable, c.expect.retryable);
      assert.equal(e.status, c.expect.status);
      assert.equal(e.retryAfterMs, c.expect.retryAfterMs);
      if (c.expect.code) assert.equal(e.code, c.expect.code);
      assert.equal(e.outputStarted, c.expect.outputStarted);
      assert.equal(e.provider, 'gemini');
      assert.equal(f.text, c.expect.partialText, 'partial output kept');
      assert.equal(f.finish, 'error');
      assert.ok(!e.message.includes(SENTINEL_KEY), 'key not in the message');
      const types = f.events.map((x) => x.type);
      assert.deepEqual(types.slice(-2), ['error', 'finish']);
      // Usage seen before a mid-stream failure is still reported, so it can be charged.
      if (c.expect.outputStarted) assert.equal(f.usage?.inputTokens, 10);
    });
  }

  it('redacts the key Google echoes back in a PERMISSION_DENIED message', async () => {
    const f = await fold(geminiAdapter.streamChat(simContext(sim.url, http), ask('sim-fault-403')));
    const req = sim.requests[sim.requests.length - 1];
    assert.equal(req.headers['x-goog-api-key'], SENTINEL_KEY, 'the simulator did receive the key');
    assert.match(f.error?.message ?? '', /Consumer 'api_key:\[redacted\]'/);
    assert.ok(!JSON.stringify(f.error?.toInit()).includes(SENTINEL_KEY));
  });

  it('maps a key the simulator rejects to auth on any model', async () => {
    const f = await fold(geminiAdapter.streamChat(simContext(sim.url, http, 'sk-test-SENTINEL-INVALID-0000'), ask('sim-hello')));
    assert.equal(f.error?.category, 'auth');
    assert.equal(f.error?.retryable, false);
  });

  it('sends the request Gemini expects', async () => {
    await fold(geminiAdapter.streamChat(simContext(sim.url, http), { ...ask('models/sim-hello'), temperature: 0.5 }));
    const req = sim.requests[sim.requests.length - 1];
    assert.equal(req.path, '/v1beta/models/sim-hello:streamGenerateContent');
    assert.equal(req.query.get('alt'), 'sse');
    assert.deepEqual(req.body, { contents: [{ role: 'user', parts: [{ text: 'Hi' }] }], generationConfig: { temperature: 0.5 } });
  });

  it('aborting closes the socket and finishes as cancelled, keeping the partial text', async () => {
    const slow = await SimServer.start(
      geminiRouter({ pick: () => geminiStream([{ parts: [{ text: 'first' }] }], { after: [{ kind: 'stall' }] }) }),
    );
    try {
      const ac = new AbortController();
      const aborted = slow.waitForClientAbort();
      const events = [];
      let text = '';
      for await (const e of geminiAdapter.streamChat(simContext(slow.url, http), ask('sim-hello', ac.signal))) {
        events.push(e);
        if (e.type === 'text-delta') {
          text += e.text;
          ac.abort();
        }
      }
      await aborted;
      assert.equal(slow.clientAborts, 1);
      assert.equal(text, 'first');
      const err = events.find((e) => e.type === 'error');
      assert.equal(err?.type === 'error' && err.error.category, 'cancelled');
      assert.equal(err?.type === 'error' && err.error.outputStarted, true);
      assert.deepEqual(events[events.length - 1], { type: 'finish', reason: 'cancelled' });
    } finally {
      await slow.close();
    }
  });

  it('reuses pooled connections across completed streams', async () => {
    const own = await SimServer.start(geminiRouter());
    try {
      for (let i = 0; i < 6; i++) await fold(geminiAdapter.streamChat(simContext(own.url, http), ask('sim-hello')));
      // Reading each body to its end hands the socket back to the pool before the next call.
      assert.equal(own.connections, 1, `${own.connections} connections for 6 streams`);
    } finally {
      await own.close();
    }
  });
});
