// Hosts that answer in ways the streaming protocol does not expect, yet legally: a compressed
// body, one JSON answer to a streaming request, an event that never ends.
import * as assert from 'node:assert/strict';
import { HttpClient } from '../../../../src/core/http/client';
import { openaiAdapter } from '../../../../src/core/providers/openai/adapter';
import type { ChatRequest } from '../../../../src/core/types';
import { compressed, jsonError, SimServer, type SimEncoding } from '../../../sim/server';
import { openaiRouter, textStream, UTF8_PIECES } from '../../../sim/openai';
import { fold, run, SENTINEL_KEY, simDescriptor } from './helpers';

describe('openai adapter: wire quirks', () => {
  let sim: SimServer;
  let base: string;
  before(async () => {
    sim = await SimServer.start(openaiRouter());
    base = `${sim.url}/v1`;
  });
  after(() => sim.close());

  describe('content encoding', () => {
    it('asks for gzip, deflate and br, as the SDKs do', async () => {
      await run(base, 'sim/text');
      const ae = String(sim.requests.at(-1)?.headers['accept-encoding'] ?? '');
      for (const e of ['gzip', 'deflate', 'br']) assert.ok(ae.split(/\s*,\s*/).includes(e), `accept-encoding: ${ae}`);
    });

    for (const enc of ['gzip', 'deflate', 'br'] as SimEncoding[]) {
      it(`decodes a ${enc}-encoded SSE stream written in 7-byte pieces`, async () => {
        const f = await run(base, `sim/${enc}`);
        assert.equal(f.error, undefined, f.error?.message);
        assert.equal(f.text, UTF8_PIECES.join(''));
        assert.equal(f.finish, 'stop');
        assert.ok(f.usage);
      });
    }

    it('decodes a gzip-encoded error body, so the error is classified from it', async () => {
      const s = await SimServer.start(() =>
        compressed(
          jsonError(
            429,
            { error: { message: 'Slow down', type: 'rate_limit_error', code: 'rate_limit_exceeded' } },
            { 'retry-after': '3' },
          ),
          'gzip',
        ),
      );
      try {
        const f = await run(`${s.url}/v1`, 'm');
        assert.equal(f.error?.category, 'rate_limit');
        assert.equal(f.error?.code, 'rate_limit_exceeded');
        assert.match(f.error?.message ?? '', /Slow down/);
      } finally {
        await s.close();
      }
    });
  });

  describe('a JSON answer to a streaming request', () => {
    it('is read as the complete answer: text, usage, finish reason, and no error', async () => {
      const f = await run(base, 'sim/json-answer');
      assert.equal(f.error, undefined, f.error?.message);
      assert.equal(f.text, 'Hello from the simulator.');
      assert.equal(f.finish, 'stop');
      assert.deepEqual(f.usage && [f.usage.inputTokens, f.usage.outputTokens, f.usage.cacheReadTokens], [12, 5, 4]);
      assert.equal(f.metadata[0]?.requestId, 'req_sim_json');
      assert.equal(f.metadata[0]?.modelId, 'sim/json-answer');
    });

    it('keeps a length finish reason and reasoning of a JSON answer', async () => {
      const s = await SimServer.start(
        openaiRouter({
          scenarios: {
            cut: () => ({
              status: 200,
              headers: { 'content-type': 'application/json; charset=utf-8' },
              steps: [
                {
                  kind: 'write',
                  data: JSON.stringify({
                    id: 'x',
                    model: 'm',
                    choices: [
                      { index: 0, message: { role: 'assistant', content: 'Cut', reasoning_content: 'thinking' }, finish_reason: 'length' },
                    ],
                  }),
                },
              ],
            }),
          },
        }),
      );
      try {
        const f = await run(`${s.url}/v1`, 'sim/cut');
        assert.equal(f.error, undefined, f.error?.message);
        assert.equal(f.text, 'Cut');
        assert.equal(f.reasoning, 'thinking');
        assert.equal(f.finish, 'length');
      } finally {
        await s.close();
      }
    });

    it('an event stream mislabelled application/json is still read as a stream', async () => {
      const s = await SimServer.start(
        openaiRouter({
          scenarios: { mislabelled: () => ({ ...textStream({ pieces: ['a', 'b'] }), headers: { 'content-type': 'application/json' } }) },
        }),
      );
      try {
        const f = await run(`${s.url}/v1`, 'sim/mislabelled');
        assert.equal(f.error, undefined, f.error?.message);
        assert.equal(f.text, 'ab');
      } finally {
        await s.close();
      }
    });
  });

  describe('one SSE event without end', () => {
    it('is cut at the configured bound as a protocol error that is not retried', async () => {
      const http = new HttpClient({ idleTimeoutMs: 3_000 });
      try {
        const req: ChatRequest = { model: 'sim/oversized-event', messages: [{ role: 'user', content: 'hi' }] };
        const started = Date.now();
        const f = await fold(
          openaiAdapter.streamChat({ descriptor: simDescriptor(base), http, apiKey: SENTINEL_KEY, maxSseEventBytes: 64 * 1024 }, req),
        );
        assert.equal(f.error?.category, 'protocol');
        assert.equal(f.error?.retryable, false);
        assert.match(f.error?.message ?? '', /64 KiB/);
        assert.equal(f.finish, 'error');
        assert.ok(Date.now() - started < 2_500, 'stopped at the bound, not by the idle timeout');
      } finally {
        await http.close();
      }
    });
  });
});
