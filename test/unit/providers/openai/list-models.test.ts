// listModels against the simulator: under any base path, with auth, and its failures.
import * as assert from 'node:assert/strict';
import { HttpClient } from '../../../../src/core/http/client';
import { openaiAdapter } from '../../../../src/core/providers/openai/adapter';
import { SimServer, jsonError } from '../../../sim/server';
import { openaiRouter } from '../../../sim/openai';
import { SENTINEL_KEY, simDescriptor } from './helpers';

describe('openai listModels', () => {
  let sim: SimServer;
  const http = new HttpClient();
  before(async () => {
    sim = await SimServer.start((req) =>
      req.path.startsWith('/broken/')
        ? jsonError(401, { error: { message: `bad key ${SENTINEL_KEY}`, code: 'invalid_api_key' } })
        : openaiRouter()(req),
    );
  });
  after(async () => {
    await http.close();
    await sim.close();
  });

  for (const prefix of ['/v1', '/api/v1', '/openai/v1']) {
    it(`lists models under ${prefix}`, async () => {
      const models = await openaiAdapter.listModels({ descriptor: simDescriptor(sim.url + prefix), http, apiKey: SENTINEL_KEY });
      assert.equal(sim.requests.at(-1)?.path, `${prefix}/models`);
      assert.equal(sim.requests.at(-1)?.headers.authorization, `Bearer ${SENTINEL_KEY}`);
      const first = models[0];
      assert.deepEqual(first, { id: 'sim-model', displayName: 'sim-model', contextWindow: 128000, maxOutputTokens: 16384 });
      assert.ok(models.some((m) => m.id === 'sim/fault-503' && m.contextWindow === 32768));
    });
  }

  it('throws a typed, redacted error on 401', async () => {
    await assert.rejects(
      openaiAdapter.listModels({ descriptor: simDescriptor(sim.url + '/broken/v1'), http, apiKey: SENTINEL_KEY }),
      (e: Error & { category?: string }) => e.category === 'auth' && !e.message.includes(SENTINEL_KEY),
    );
  });
});
