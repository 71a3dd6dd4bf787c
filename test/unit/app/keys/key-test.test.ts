import * as assert from 'node:assert/strict';
import { HttpClient } from '../../../../src/core/http/client';
import type { SecretStore } from '../../../../src/core/platform';
import { buildRegistry } from '../../../../src/core/providers/build-registry';
import { KeyRing } from '../../../../src/app/keys/key-ring';
import { testProviderKey } from '../../../../src/app/keys/key-test';
import { jsonError, SimServer, type Router } from '../../../sim/server';

const SENTINEL = 'sk-test-SENTINEL-keytest-00000000001';

function memorySecrets(): SecretStore {
  const m = new Map<string, string>();
  return { get: async (k) => m.get(k), store: async (k, v) => void m.set(k, v), delete: async (k) => void m.delete(k) };
}

describe('testProviderKey', () => {
  let sim: SimServer;
  const http = new HttpClient({ connectTimeoutMs: 1000, firstByteTimeoutMs: 2000, idleTimeoutMs: 2000 });
  afterEach(async () => sim?.close());
  after(async () => http.close());

  async function setup(route: Router) {
    sim = await SimServer.start(route);
    const registry = buildRegistry({ providers: { openai: { baseUrl: `${sim.url}/v1` } }, customProviders: [] });
    const keys = new KeyRing(memorySecrets(), { keysFromEnvironment: () => false });
    return { registry, keys, deps: { keys, registry: () => registry, http: () => http } };
  }

  it('counts the models the key can list and sends the key only to the provider', async () => {
    const { registry, keys, deps } = await setup((r) =>
      r.path === '/v1/models'
        ? {
            status: 200,
            headers: { 'content-type': 'application/json' },
            steps: [{ kind: 'write', data: JSON.stringify({ data: [{ id: 'gpt-a' }, { id: 'gpt-b' }] }) }],
          }
        : undefined,
    );
    await keys.set('openai', SENTINEL);
    const r = await testProviderKey(deps, registry.get('openai')!);
    assert.deepEqual(r, { ok: true, models: 2 });
    assert.equal(sim.requests[0].headers.authorization, `Bearer ${SENTINEL}`);
  });

  it('reports a rejected key as auth with advice, and the message never holds the key', async () => {
    const { registry, keys, deps } = await setup(() =>
      jsonError(401, {
        error: { message: `Incorrect API key provided: ${SENTINEL}`, type: 'invalid_request_error', code: 'invalid_api_key' },
      }),
    );
    await keys.set('openai', SENTINEL);
    const r = await testProviderKey(deps, registry.get('openai')!);
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.category, 'auth');
    assert.match(r.message, /Set API Key/);
    assert.ok(!r.message.includes(SENTINEL), r.message);
  });

  it('says no key is set without calling anything', async () => {
    const { registry, deps } = await setup(() => undefined);
    const r = await testProviderKey(deps, registry.get('openai')!);
    assert.deepEqual(r, { ok: false, message: 'No key is set for OpenAI.', category: 'auth' });
    assert.equal(sim.requests.length, 0);
  });
});
