// The router's key lookups: a key lookup in the editor is a round trip to SecretStorage, so each
// provider is asked once, found or not, until its key changes.
import * as assert from 'node:assert/strict';
import { descriptor, ep } from './fakes';
import { drain, rig } from './setup';

const M = 'acme/model';
const req = { models: [M], messages: [{ role: 'user' as const, content: 'hi' }] };

describe('router key lookups', () => {
  it('asks for a provider without a key once, not on every request, until its key changes', async () => {
    const asked: string[] = [];
    const keys = new Map<string, string>();
    const r = rig({
      endpoints: [ep('local', 'm', M)],
      descriptors: [descriptor('local', { local: true })],
      deps: {
        keyOf: async (id) => {
          asked.push(id);
          return keys.get(id);
        },
      },
    });
    for (let i = 0; i < 3; i++) assert.equal((await drain(r.router.route(req))).error, undefined);
    assert.deepEqual(asked, ['local'], 'one lookup for three requests');
    keys.set('local', 'sk-test-SENTINEL-optional-key-0001');
    r.router.keyChanged('local');
    await drain(r.router.route(req));
    assert.deepEqual(asked, ['local', 'local'], 'asked again once the key changed');
    assert.equal(r.adapter.calls.at(-1)?.apiKey, 'sk-test-SENTINEL-optional-key-0001');
    await drain(r.router.route(req));
    assert.equal(asked.length, 2, 'a found key is kept too');
  });

  it('a lookup that fails is asked again next time (it says nothing about the key)', async () => {
    let calls = 0;
    const r = rig({
      endpoints: [ep('local', 'm', M)],
      descriptors: [descriptor('local', { local: true })],
      deps: {
        keyOf: async () => {
          calls++;
          throw new Error('secret storage unavailable');
        },
      },
    });
    await drain(r.router.route(req));
    await drain(r.router.route(req));
    assert.equal(calls, 2);
  });
});
