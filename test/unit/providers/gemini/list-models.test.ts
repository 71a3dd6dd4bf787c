import { strict as assert } from 'node:assert';
import { ProviderError } from '../../../../src/core/errors';
import type { HttpClient } from '../../../../src/core/http/client';
import { geminiAdapter } from '../../../../src/core/providers/gemini/adapter';
import { GEMINI_FAULTS, geminiRouter } from '../../../sim/gemini';
import { SimServer, type Router } from '../../../sim/server';
import { SENTINEL_KEY, simContext, testClient } from './helpers';

describe('gemini listModels', () => {
  let http: HttpClient;
  before(() => {
    http = testClient();
  });
  after(() => http.close());

  async function withSim<T>(route: Router, fn: (sim: SimServer) => Promise<T>): Promise<T> {
    const sim = await SimServer.start(route);
    try {
      return await fn(sim);
    } finally {
      await sim.close();
    }
  }

  it('follows pages, keeps only generateContent models and strips models/', () =>
    withSim(geminiRouter(), async (sim) => {
      const models = await geminiAdapter.listModels(simContext(sim.url, http));
      assert.deepEqual(
        models.map((m) => m.id),
        ['gemini-2.5-pro', 'gemini-2.5-flash', 'gemini-2.0-flash-lite', 'sim-hello', 'sim-thinking'],
      );
      assert.deepEqual(models[0], { id: 'gemini-2.5-pro', displayName: 'Gemini 2.5 Pro', contextWindow: 1048576, maxOutputTokens: 65536 });
      assert.equal(sim.requests.length, 2);
      assert.equal(sim.requests[0].path, '/v1beta/models');
      assert.ok(Number(sim.requests[0].query.get('pageSize')) > 0);
      assert.equal(sim.requests[1].query.get('pageToken'), 'page-2');
      assert.equal(sim.requests[0].headers['x-goog-api-key'], SENTINEL_KEY);
      assert.ok(!sim.requests[0].rawBody);
    }));

  it('throws a typed auth error for a bad key', () =>
    withSim(geminiRouter(), async (sim) => {
      const err = await geminiAdapter.listModels(simContext(sim.url, http, 'sk-test-SENTINEL-INVALID-key')).catch((e: unknown) => e);
      assert.ok(err instanceof ProviderError);
      assert.equal(err.category, 'auth');
      assert.equal(err.status, 400);
    }));

  it('throws typed errors for an HTTP failure and for garbage', async () => {
    await withSim(
      () => GEMINI_FAULTS['503'].scenario({} as never),
      async (sim) => {
        const err = await geminiAdapter.listModels(simContext(sim.url, http)).catch((e: unknown) => e);
        assert.ok(err instanceof ProviderError);
        assert.equal(err.category, 'overloaded');
        assert.equal(err.retryable, true);
      },
    );
    await withSim(
      () => ({ status: 200, headers: { 'content-type': 'application/json' }, steps: [{ kind: 'write', data: '{"models": 7}' }] }),
      async (sim) => {
        const err = await geminiAdapter.listModels(simContext(sim.url, http)).catch((e: unknown) => e);
        assert.ok(err instanceof ProviderError);
        assert.equal(err.category, 'protocol');
      },
    );
  });

  it('stops following a listing that never ends', () =>
    withSim(
      () => ({ status: 200, steps: [{ kind: 'write', data: JSON.stringify({ models: [], nextPageToken: 'again' }) }] }),
      async (sim) => {
        assert.deepEqual(await geminiAdapter.listModels(simContext(sim.url, http)), []);
        assert.ok(sim.requests.length > 1 && sim.requests.length <= 20, `${sim.requests.length} pages`);
      },
    ));
});
