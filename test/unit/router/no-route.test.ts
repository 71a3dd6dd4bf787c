// When no endpoint can even be tried, the error says why per host and what the user can do,
// with a category the chat uses to offer the right action (set a key, wait, change the request).
import * as assert from 'node:assert/strict';
import { ProviderError } from '../../../src/core/errors';
import { ep } from './fakes';
import { drain, rig } from './setup';

const M = 'acme/model';
const req = { models: [M], messages: [{ role: 'user' as const, content: 'hi' }] };
const tools = [{ name: 'lookup', parameters: { type: 'object' } }];

describe('Router: the error when no endpoint can be tried', () => {
  it('every host without a key or with a rejected one: auth, with the command to set a key', async () => {
    const r = rig({ endpoints: [ep('a', 'm', M), ep('b', 'm', M)], keys: { b: 'sk-test-SENTINEL-b' } });
    r.adapter.script('b:m', [
      { type: 'error', error: new ProviderError({ category: 'auth', provider: 'b', message: 'bad key', status: 401 }) },
      { type: 'finish', reason: 'error' },
    ]);
    await drain(r.router.route(req));
    const out = await drain(r.router.route(req));
    assert.equal(out.error?.category, 'auth');
    assert.equal(out.error?.retryable, false);
    assert.equal(out.error?.provider, 'switchboard');
    assert.equal(
      out.error?.message,
      'No endpoint can serve acme/model. a:m: no key; b:m: key was rejected; skipped until the key changes. Set a key with "Switchboard: Set API Key".',
    );
    assert.equal(out.real.length, 0);
  });

  it('a missing key next to another reason is not an auth problem', async () => {
    const r = rig({ endpoints: [ep('a', 'm', M), ep('b', 'm', M)], keys: { b: 'sk-test-SENTINEL-b' } });
    const out = await drain(r.router.route({ ...req, preferences: { ignore: ['b'] } }));
    assert.equal(out.error?.category, 'not_found');
    assert.match(
      out.error?.message ?? '',
      /a:m: no key; b:m: in the "ignore" providers\. Check the model name and the routing preferences/,
    );
  });

  it('hosts that cannot call tools: bad_request, asking for another model', async () => {
    const r = rig({ endpoints: [ep('a', 'm', M), ep('b', 'm', M)] });
    const out = await drain(r.router.route({ ...req, tools }));
    assert.equal(out.error?.category, 'bad_request');
    assert.equal(
      out.error?.message,
      'No endpoint can serve acme/model. a:m: cannot call tools; b:m: cannot call tools. Pick a model with a host that can call tools or answer in a JSON schema.',
    );
  });

  it('a host without tools next to one without a key is not a bad request', async () => {
    const r = rig({
      endpoints: [ep('a', 'm', M), ep('b', 'm', M, { capabilities: { images: false, reasoning: false, tools: true } })],
      keys: {},
    });
    r.keys.set('a', 'sk-test-SENTINEL-a');
    const out = await drain(r.router.route({ ...req, tools }));
    assert.equal(out.error?.category, 'not_found');
  });

  it('a model the catalog does not know: not_found, named as such', async () => {
    const r = rig({ endpoints: [ep('a', 'm', M)] });
    const out = await drain(r.router.route({ ...req, models: ['nobody/knows', 'nor/this'] }));
    assert.equal(out.error?.category, 'not_found');
    assert.equal(
      out.error?.message,
      'No endpoint can serve nobody/knows, nor/this. nobody/knows: not in the catalog; nor/this: not in the catalog. Check the model name and the routing preferences (only, ignore, max price, data policy, allowed providers).',
    );
  });

  const down = new ProviderError({ category: 'network', provider: 'x', message: 'down' });

  /** A rig where another request claims a's probe between this one's plan and its first call. */
  function probeTakenOfA(providers: string[]) {
    const claimed = { other: false };
    const r = rig({
      endpoints: providers.map((p) => ep(p, 'm', M)),
      deps: {
        budgetGate: () => {
          claimed.other = r.health.acquire({ provider: 'a', modelId: 'm' });
          return { action: 'allow' };
        },
      },
    });
    const trip = (provider: string) => {
      for (let i = 0; i < 3; i++) r.health.recordFailure({ provider, modelId: 'm' }, down);
    };
    return { r, claimed, trip };
  }

  /** Routes once and checks nothing was called and the error is `overloaded` with this message. */
  async function assertOverloaded(t: ReturnType<typeof probeTakenOfA>, message: string) {
    const out = await drain(t.r.router.route(req));
    assert.equal(t.claimed.other, true);
    assert.equal(out.real.length, 0);
    assert.equal(out.error?.category, 'overloaded');
    assert.equal(out.error?.message, message);
  }

  it('while hosts recover and another request holds the probe: overloaded, saying hosts are probed again', async () => {
    const t = probeTakenOfA(['a', 'b']);
    t.trip('a');
    t.r.clock.advance(10_000);
    t.trip('b');
    t.r.clock.advance(20_000);
    await assertOverloaded(
      t,
      'No endpoint can serve acme/model. b:m: circuit open; next probe in 10 s; a:m: circuit open. Every host is failing right now; Switchboard will probe them again shortly.',
    );
  });

  it('the only host, whose probe another request takes after the plan: overloaded, naming the open circuit', async () => {
    const t = probeTakenOfA(['a']);
    t.trip('a');
    t.r.clock.advance(30_000);
    await assertOverloaded(
      t,
      'No endpoint can serve acme/model. a:m: circuit open. Every host is failing right now; Switchboard will probe them again shortly.',
    );
  });
});
