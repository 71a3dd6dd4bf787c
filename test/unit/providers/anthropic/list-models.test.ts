// GET /v1/models through the adapter: pagination, normalization, errors.
import * as assert from 'node:assert/strict';
import { ProviderError } from '../../../../src/core/errors';
import { HttpClient } from '../../../../src/core/http/client';
import { anthropicAdapter } from '../../../../src/core/providers/anthropic/adapter';
import { ANTHROPIC_PRESET } from '../../../../src/core/providers/anthropic/preset';
import { defaultSimModels } from '../../../sim/anthropic';
import { SimServer, type Scenario } from '../../../sim/server';
import { SENTINEL_KEY, startRig } from './harness';

describe('anthropic listModels', () => {
  it('follows after_id pagination to the end and normalizes each model', async () => {
    const rig = await startRig({}, { pageSize: 3 });
    try {
      const models = await anthropicAdapter.listModels(rig.ctx);
      const all = defaultSimModels();
      const active = all.filter((m) => m.lifecycle !== 'retired');
      assert.deepEqual(
        models.map((m) => m.id),
        active.map((m) => m.id),
      );
      assert.deepEqual(models[0], {
        id: 'claude-sim-sonnet',
        displayName: 'Claude Sim Sonnet',
        contextWindow: 200_000,
        maxOutputTokens: 64_000,
      });
      const gets = rig.sim.requests.filter((r) => r.method === 'GET');
      assert.equal(gets.length, Math.ceil(all.length / 3));
      assert.equal(gets[0].query.get('after_id'), null);
      assert.equal(gets[1].query.get('after_id'), all[2].id);
      assert.equal(gets[0].path, '/v1/models');
      assert.equal(gets[0].headers['x-api-key'], SENTINEL_KEY);
      assert.equal(gets[0].headers['anthropic-version'], '2023-06-01');
    } finally {
      await rig.close();
    }
  });

  it('throws a typed auth error for a rejected key, without the key', async () => {
    const rig = await startRig({}, { apiKey: 'sk-ant-test-SENTINEL-the-right-one' });
    try {
      await assert.rejects(anthropicAdapter.listModels(rig.ctx), (e: unknown) => {
        assert.ok(e instanceof ProviderError);
        assert.equal(e.category, 'auth');
        assert.equal(e.status, 401);
        assert.ok(!e.message.includes(SENTINEL_KEY));
        return true;
      });
    } finally {
      await rig.close();
    }
  });

  async function withServer(
    route: () => Scenario,
    fn: (ctx: Parameters<typeof anthropicAdapter.listModels>[0], sim: SimServer) => Promise<void>,
  ) {
    const sim = await SimServer.start(route);
    const http = new HttpClient();
    try {
      await fn({ descriptor: { ...ANTHROPIC_PRESET, baseUrl: sim.url }, http, apiKey: SENTINEL_KEY }, sim);
    } finally {
      await http.close();
      await sim.close();
    }
  }
  const json = (body: unknown): Scenario => ({
    status: 200,
    headers: { 'content-type': 'application/json' },
    steps: [{ kind: 'write', data: JSON.stringify(body) }],
  });

  it('stops when a server repeats the same cursor instead of looping forever', async () => {
    const page = { data: [{ id: 'm1', display_name: null, created_at: '2025-01-01T00:00:00Z' }], has_more: true, last_id: 'm1' };
    await withServer(
      () => json(page),
      async (ctx, sim) => {
        const models = await anthropicAdapter.listModels(ctx);
        assert.deepEqual(
          models.map((m) => m.displayName),
          ['m1'],
        );
        assert.equal(sim.requests.length, 2);
      },
    );
  });

  it('a listing in the wrong shape is a protocol error', async () => {
    await withServer(
      () => json({ models: [] }),
      async (ctx) => {
        await assert.rejects(anthropicAdapter.listModels(ctx), (e: unknown) => e instanceof ProviderError && e.category === 'protocol');
      },
    );
  });
});
