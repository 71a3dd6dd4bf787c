// Every fault the simulator can play → the typed error a router decides on.
import * as assert from 'node:assert/strict';
import type { ErrorCategory } from '../../../../src/core/errors';
import { HttpClient } from '../../../../src/core/http/client';
import { openaiAdapter } from '../../../../src/core/providers/openai/adapter';
import { refusedUrl, SimServer } from '../../../sim/server';
import { openaiRouter } from '../../../sim/openai';
import { fold, run, SENTINEL_KEY, simDescriptor } from './helpers';

interface Expect {
  model: string;
  category: ErrorCategory;
  retryable: boolean;
  status?: number;
  retryAfterMs?: number;
  code?: string;
}

const HTTP_FAULTS: Expect[] = [
  { model: 'sim/fault-401', category: 'auth', retryable: false, status: 401, code: 'invalid_api_key' },
  { model: 'sim/fault-402', category: 'payment', retryable: false, status: 402 },
  { model: 'sim/fault-403', category: 'content_policy', retryable: false, status: 403 },
  { model: 'sim/fault-404', category: 'not_found', retryable: false, status: 404, code: 'model_not_found' },
  { model: 'sim/fault-408', category: 'timeout', retryable: true, status: 408 },
  { model: 'sim/fault-context', category: 'context_length', retryable: false, status: 400, code: 'context_length_exceeded' },
  { model: 'sim/fault-429', category: 'rate_limit', retryable: true, status: 429, retryAfterMs: 2000, code: 'rate_limit_exceeded' },
  { model: 'sim/fault-429-ms', category: 'rate_limit', retryable: true, status: 429, retryAfterMs: 1800 },
  // No retry-after: the token window is the one at zero, so its reset (6m0s) is the hint.
  {
    model: 'sim/fault-429-reset',
    category: 'rate_limit',
    retryable: true,
    status: 429,
    retryAfterMs: 360_000,
    code: 'rate_limit_exceeded',
  },
  { model: 'sim/fault-500', category: 'server', retryable: true, status: 500, code: 'server_error' },
  { model: 'sim/fault-502-html', category: 'server', retryable: true, status: 502 },
  { model: 'sim/fault-503', category: 'overloaded', retryable: true, status: 503, retryAfterMs: 1000, code: 'provider_overloaded' },
  { model: 'sim/fault-529', category: 'overloaded', retryable: true, status: 529, code: 'overloaded_error' },
];

describe('openai adapter: faults', () => {
  let sim: SimServer;
  let base: string;
  before(async () => {
    sim = await SimServer.start(openaiRouter());
    base = `${sim.url}/v1`;
  });
  after(() => sim.close());

  for (const x of HTTP_FAULTS) {
    it(`${x.model} → ${x.category}`, async () => {
      const f = await run(base, x.model);
      assert.ok(f.error, 'an error event');
      assert.equal(f.error.category, x.category);
      assert.equal(f.error.retryable, x.retryable);
      assert.equal(f.error.status, x.status);
      assert.equal(f.error.retryAfterMs, x.retryAfterMs);
      if (x.code) assert.equal(f.error.code, x.code);
      assert.equal(f.error.outputStarted, false);
      assert.equal(f.error.provider, 'sim');
      assert.equal(f.finish, 'error');
      assert.equal(f.text, '');
      assert.ok(!f.error.message.includes(SENTINEL_KEY), 'key must not leak');
      assert.equal(f.events.at(-1)?.type, 'finish');
    });
  }

  it('a refused request still reports its rate-limit headroom and request id, before the error', async () => {
    const f = await run(base, 'sim/fault-429-reset');
    const types = f.events.map((e) => e.type);
    assert.deepEqual(types, ['response-metadata', 'error', 'finish']);
    assert.deepEqual(f.metadata[0].rateLimit, {
      requestsLimit: 500,
      requestsRemaining: 10,
      tokensLimit: 30000,
      tokensRemaining: 0,
      resetMs: 1000,
    });
  });

  it('the 401 body echoing the key is redacted', async () => {
    const f = await run(base, 'sim/fault-401');
    assert.match(f.error!.message, /\[redacted\]/);
    assert.ok(!f.error!.message.includes('SENTINEL'));
  });

  it('the HTML 502 page is described, not dumped', async () => {
    const f = await run(base, 'sim/fault-502-html');
    assert.match(f.error!.message, /HTML error page/);
    assert.ok(!f.error!.message.includes('<html>'));
  });

  it('mid-stream error chunk: keeps text, marks outputStarted, categorises', async () => {
    const f = await run(base, 'sim/mid-stream-error');
    assert.equal(f.textBeforeError, 'Partial answer');
    assert.equal(f.error?.category, 'server');
    assert.equal(f.error?.code, 'server_error');
    assert.equal(f.error?.outputStarted, true);
    assert.equal(f.error?.retryable, true);
    assert.match(f.error!.message, /Provider disconnected unexpectedly/);
    assert.equal(f.finish, 'error');
  });

  it('mid-stream error with metadata.error_type → that category (OpenRouter provider_overloaded)', async () => {
    const f = await run(base, 'sim/mid-stream-overloaded');
    assert.equal(f.textBeforeError, 'Partial');
    assert.equal(f.error?.category, 'overloaded');
    assert.equal(f.error?.code, 'provider_overloaded');
    assert.equal(f.error?.outputStarted, true);
  });

  it('socket reset mid-stream → network error, partial text kept, outputStarted', async () => {
    const f = await run(base, 'sim/reset');
    assert.equal(f.textBeforeError, 'Partial answer');
    assert.equal(f.error?.category, 'network');
    assert.equal(f.error?.retryable, true);
    assert.equal(f.error?.outputStarted, true);
    assert.equal(f.finish, 'error');
  });

  it('malformed JSON chunk → retryable protocol error after the good text', async () => {
    const f = await run(base, 'sim/malformed');
    assert.equal(f.textBeforeError, 'ok');
    assert.equal(f.error?.category, 'protocol');
    assert.equal(f.error?.retryable, true);
    assert.equal(f.error?.outputStarted, true);
  });

  it('stream ending with neither finish reason nor [DONE] → retryable protocol error', async () => {
    const f = await run(base, 'sim/no-terminator');
    assert.equal(f.textBeforeError, 'Hello from the simulator.');
    assert.equal(f.error?.category, 'protocol');
    assert.equal(f.error?.retryable, true);
    assert.equal(f.error?.outputStarted, true);
  });

  it('stall → idle timeout → timeout category, partial text kept, socket closed', async () => {
    const aborts = sim.clientAborts;
    const f = await run(base, 'sim/stall', { httpOptions: { idleTimeoutMs: 150 } });
    assert.equal(f.textBeforeError, 'Partial');
    assert.equal(f.error?.category, 'timeout');
    assert.equal(f.error?.retryable, true);
    assert.equal(f.error?.outputStarted, true);
    for (let i = 0; i < 50 && sim.clientAborts === aborts; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(sim.clientAborts, aborts + 1);
  });

  it('AbortSignal cancels mid-stream and really closes the socket', async () => {
    const http = new HttpClient();
    const ac = new AbortController();
    const abortSeen = sim.waitForClientAbort();
    const events = openaiAdapter.streamChat(
      { descriptor: simDescriptor(base), http, apiKey: SENTINEL_KEY },
      { model: 'sim/stall', messages: [{ role: 'user', content: 'hi' }], signal: ac.signal },
    );
    const seen: string[] = [];
    let error;
    let finish;
    for await (const e of events) {
      seen.push(e.type);
      if (e.type === 'text-delta') ac.abort();
      if (e.type === 'error') error = e.error;
      if (e.type === 'finish') finish = e.reason;
    }
    await abortSeen;
    await http.close();
    assert.equal(error?.category, 'cancelled');
    assert.equal(error?.retryable, false);
    assert.equal(error?.outputStarted, true);
    assert.equal(finish, 'cancelled');
  });

  it('an already-aborted signal makes no request', async () => {
    const before = sim.requests.length;
    const f = await run(base, 'sim/text', { req: { signal: AbortSignal.abort() } });
    assert.equal(f.error?.category, 'cancelled');
    assert.equal(f.finish, 'cancelled');
    assert.equal(sim.requests.length, before);
  });

  it('connection refused → retryable network error', async () => {
    const url = await refusedUrl();
    const f = await run(`${url}/v1`, 'sim/text');
    assert.equal(f.error?.category, 'network');
    assert.equal(f.error?.retryable, true);
    assert.equal(f.error?.outputStarted, false);
  });

  it('images to a provider without image support → bad_request without a request', async () => {
    const before = sim.requests.length;
    const f = await fold(
      openaiAdapter.streamChat(
        { descriptor: simDescriptor(base, { images: false }), http: new HttpClient(), apiKey: SENTINEL_KEY },
        {
          model: 'sim/text',
          messages: [
            {
              role: 'user',
              content: [
                { type: 'text', text: 'what is this' },
                { type: 'image', mediaType: 'image/png', data: 'AAAA' },
              ],
            },
          ],
        },
      ),
    );
    assert.equal(f.error?.category, 'bad_request');
    assert.equal(f.error?.retryable, false);
    assert.match(f.error!.message, /does not accept images/);
    assert.equal(f.finish, 'error');
    assert.equal(sim.requests.length, before);
  });
});
