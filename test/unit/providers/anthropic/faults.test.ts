// Every Anthropic failure scenario: category, retryability, status, retry-after, partial output.
import * as assert from 'node:assert/strict';
import type { ErrorCategory } from '../../../../src/core/errors';
import { HttpClient } from '../../../../src/core/http/client';
import { anthropicAdapter } from '../../../../src/core/providers/anthropic/adapter';
import { ANTHROPIC_PRESET } from '../../../../src/core/providers/anthropic/preset';
import { anthropicError, FAULT_SCENARIOS, partialText } from '../../../sim/anthropic';
import { refusedUrl, SimServer } from '../../../sim/server';
import { collect, SENTINEL_KEY, startRig, type Rig } from './harness';

interface Expected {
  category: ErrorCategory;
  retryable: boolean;
  status?: number;
  retryAfterMs?: number;
  code?: string;
  /** Text arrived before the failure; it must be kept and the error marked outputStarted. */
  partial?: boolean;
  /** Usage the partial stream had reported, which must still be emitted for charging. */
  usage?: { inputTokens: number; outputTokens: number };
}

const EXPECTED: Record<string, Expected> = {
  'fault-401': { category: 'auth', retryable: false, status: 401, code: 'authentication_error' },
  'fault-403': { category: 'permission', retryable: false, status: 403, code: 'permission_error' },
  'fault-404': { category: 'not_found', retryable: false, status: 404, code: 'not_found_error' },
  'fault-408': { category: 'timeout', retryable: true, status: 408, code: 'timeout_error' },
  'fault-413': { category: 'context_length', retryable: false, status: 413, code: 'request_too_large' },
  'fault-context': { category: 'context_length', retryable: false, status: 400, code: 'invalid_request_error' },
  'fault-credit': { category: 'payment', retryable: false, status: 400, code: 'invalid_request_error' },
  'fault-bad-request': { category: 'bad_request', retryable: false, status: 400, code: 'invalid_request_error' },
  'fault-429': { category: 'rate_limit', retryable: true, status: 429, retryAfterMs: 7000, code: 'rate_limit_error' },
  'fault-429-ms': { category: 'rate_limit', retryable: true, status: 429, retryAfterMs: 1500, code: 'rate_limit_error' },
  'fault-500': { category: 'server', retryable: true, status: 500, code: 'api_error' },
  'fault-502': { category: 'server', retryable: true, status: 502 },
  'fault-503': { category: 'overloaded', retryable: true, status: 503 },
  'fault-529': { category: 'overloaded', retryable: true, status: 529, code: 'overloaded_error' },
  'fault-midstream': {
    category: 'overloaded',
    retryable: true,
    code: 'overloaded_error',
    partial: true,
    usage: { inputTokens: 50, outputTokens: 1 },
  },
  'fault-reset': { category: 'network', retryable: true, partial: true, usage: { inputTokens: 50, outputTokens: 1 } },
  'fault-reset-before-output': { category: 'network', retryable: true, usage: { inputTokens: 50, outputTokens: 1 } },
  'fault-malformed': { category: 'protocol', retryable: true, partial: true },
  'fault-stall': { category: 'timeout', retryable: true, partial: true },
  'fault-no-stop': { category: 'protocol', retryable: true, partial: true, usage: { inputTokens: 50, outputTokens: 9 } },
};

describe('anthropic adapter: faults', () => {
  let rig: Rig;
  // A short idle timeout so the stall scenario ends quickly through the real timeout path.
  before(async () => {
    rig = await startRig({ idleTimeoutMs: 150 });
  });
  after(async () => rig.close());

  it('covers every fault scenario the simulator offers', () => {
    assert.deepEqual(Object.keys(EXPECTED).sort(), Object.keys(FAULT_SCENARIOS).sort());
  });

  for (const [name, x] of Object.entries(EXPECTED)) {
    it(`sim/${name} → ${x.category}${x.partial ? ' after partial output' : ''}`, async () => {
      const c = await rig.run(`sim/${name}`);
      const err = c.error;
      assert.ok(err, 'an error event');
      assert.equal(err.category, x.category, err.message);
      assert.equal(err.retryable, x.retryable);
      assert.equal(err.status, x.status);
      assert.equal(err.provider, 'anthropic');
      if (x.retryAfterMs !== undefined) assert.equal(err.retryAfterMs, x.retryAfterMs);
      if (x.code !== undefined) assert.equal(err.code, x.code);
      assert.equal(err.outputStarted, x.partial === true);
      assert.equal(c.text, x.partial ? partialText() : '');
      if (x.usage) {
        assert.equal(c.usage?.inputTokens, x.usage.inputTokens);
        assert.equal(c.usage?.outputTokens, x.usage.outputTokens);
      }
      assert.deepEqual(c.finish, { reason: 'error', rawReason: undefined });
      assert.equal(c.events[c.events.length - 1].type, 'finish');
      assert.ok(!JSON.stringify(c.events).includes(SENTINEL_KEY) && !err.message.includes(SENTINEL_KEY));
      assert.ok(err.message.length > 20, 'a message a user can act on');
    });
  }

  it('names the HTML page in the 502 message instead of dumping it', async () => {
    const c = await rig.run('sim/fault-502');
    assert.match(c.error!.message, /HTML error page/);
    assert.doesNotMatch(c.error!.message, /<html/);
  });

  it('abort mid-stream closes the socket and finishes as cancelled', async () => {
    const ac = new AbortController();
    const aborted = rig.sim.waitForClientAbort();
    const stream = anthropicAdapter.streamChat(rig.ctx, {
      model: 'sim/slow-drip',
      messages: [{ role: 'user', content: 'Hi' }],
      signal: ac.signal,
    });
    const c = await collect(stream, (e) => {
      if (e.type === 'text-delta') ac.abort();
    });
    await aborted;
    assert.equal(c.error?.category, 'cancelled');
    assert.equal(c.error?.retryable, false);
    assert.equal(c.error?.outputStarted, true);
    assert.equal(c.finish?.reason, 'cancelled');
    assert.equal(c.text, 'token0 ');
  });

  it('a refused connection is a retryable network error before output', async () => {
    const http = new HttpClient({ connectTimeoutMs: 1000 });
    try {
      const ctx = { descriptor: { ...ANTHROPIC_PRESET, baseUrl: await refusedUrl() }, http, apiKey: SENTINEL_KEY };
      const c = await collect(anthropicAdapter.streamChat(ctx, { model: 'x', messages: [{ role: 'user', content: 'Hi' }] }));
      assert.equal(c.error?.category, 'network');
      assert.equal(c.error?.retryable, true);
      assert.equal(c.error?.outputStarted, false);
    } finally {
      await http.close();
    }
  });

  it('never echoes the key, even when the upstream puts it in its error message', async () => {
    const sim = await SimServer.start(() => anthropicError(401, 'authentication_error', `invalid x-api-key: ${SENTINEL_KEY}`));
    const http = new HttpClient();
    try {
      const ctx = { descriptor: { ...ANTHROPIC_PRESET, baseUrl: sim.url }, http, apiKey: SENTINEL_KEY };
      const c = await collect(anthropicAdapter.streamChat(ctx, { model: 'x', messages: [{ role: 'user', content: 'Hi' }] }));
      assert.equal(c.error?.category, 'auth');
      assert.match(c.error!.message, /invalid x-api-key/);
      assert.ok(!c.error!.message.includes(SENTINEL_KEY));
      assert.ok(!JSON.stringify(c.events).includes(SENTINEL_KEY));
    } finally {
      await http.close();
      await sim.close();
    }
  });

  it('the simulator rejects a wrong key like the real API', async () => {
    const other = await startRig({}, { apiKey: 'sk-ant-test-SENTINEL-other' });
    try {
      const c = await other.run('sim/ok');
      assert.equal(c.error?.category, 'auth');
    } finally {
      await other.close();
    }
  });
});
