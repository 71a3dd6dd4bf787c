// Planning rules at their edges: which hosts a preference leaves out, and in what order the
// rest are tried.
import * as assert from 'node:assert/strict';
import type { Endpoint } from '../../../src/core/catalog/types';
import { ProviderError } from '../../../src/core/errors';
import { HealthBoard } from '../../../src/core/health/health-board';
import type { ProviderDescriptor } from '../../../src/core/providers/descriptor';
import { mergePreferences } from '../../../src/core/router/preferences';
import { planRoute, type PlanContext } from '../../../src/core/router/route-plan';
import type { RoutePreferences } from '../../../src/core/router/types';
import { descriptor, ep, FakeClock, MemoryCatalog } from './fakes';

const M = 'acme/model';
const down = new ProviderError({ category: 'network', provider: 'x', message: 'down' });

function plan(endpoints: Endpoint[], prefs: RoutePreferences = {}, extra: Partial<PlanContext> = {}, ds: ProviderDescriptor[] = []) {
  const byId = new Map(ds.map((d) => [d.id, d]));
  for (const e of endpoints) if (!byId.has(e.provider)) byId.set(e.provider, descriptor(e.provider));
  return planRoute({ models: [M] }, mergePreferences(prefs), {
    catalog: new MemoryCatalog(endpoints),
    descriptorOf: (id) => byId.get(id),
    hasKey: () => true,
    isKeyBad: () => false,
    ...extra,
  });
}
const providers = (p: ReturnType<typeof plan>) => p.candidates.map((c) => c.endpoint.provider);
const skips = (p: ReturnType<typeof plan>) => Object.fromEntries(p.skipped.map((s) => [s.endpoint.provider, s.reason]));

describe('planRoute: preferences at their edges', () => {
  it('a max output price leaves out a host over it, and a host exactly at it stays', () => {
    const p = plan(
      [
        ep('over', 'm', M, { price: { inputPerMTok: 1, outputPerMTok: 4.01 } }),
        ep('at', 'm', M, { price: { inputPerMTok: 9, outputPerMTok: 4 } }),
      ],
      { maxPrice: { outputPerMTok: 4 } },
    );
    assert.deepEqual(providers(p), ['at']);
    assert.deepEqual(skips(p), { over: 'output $4.01/MTok is over the max $4' });
  });

  it('a max input price: exactly at it stays, over it is named with both prices', () => {
    const p = plan(
      [
        ep('over', 'm', M, { price: { inputPerMTok: 2.5, outputPerMTok: 1 } }),
        ep('at', 'm', M, { price: { inputPerMTok: 2, outputPerMTok: 99 } }),
      ],
      { maxPrice: { inputPerMTok: 2 } },
    );
    assert.deepEqual(providers(p), ['at']);
    assert.deepEqual(skips(p), { over: 'input $2.5/MTok is over the max $2' });
  });

  it('a max price set on output only still leaves out an unpriced host; a local one stays', () => {
    const p = plan([ep('unpriced', 'm', M), ep('local', 'm', M)], { maxPrice: { outputPerMTok: 10 } }, {}, [
      descriptor('local', { local: true }),
    ]);
    assert.deepEqual(providers(p), ['local']);
    assert.deepEqual(skips(p), { unpriced: 'price unknown and a max price is set' });
  });

  it('without a max price an unpriced host is planned', () => {
    assert.deepEqual(providers(plan([ep('unpriced', 'm', M)])), ['unpriced']);
  });

  it('no-training keeps hosts the catalog or the provider vouch for, and local ones', () => {
    const p = plan(
      [
        ep('catalog-says-no', 'm', M, { dataPolicy: 'no-training' }),
        ep('provider-says-no', 'm', M),
        ep('local', 'm', M),
        ep('unknown', 'm', M, { dataPolicy: 'unknown' }),
        ep('provider-unsure', 'm', M),
      ],
      { noTraining: true },
      {},
      [
        descriptor('provider-says-no', { dataPolicy: { trainsOnData: 'no' } }),
        descriptor('local', { local: true }),
        descriptor('provider-unsure', { dataPolicy: { trainsOnData: 'unknown' } }),
      ],
    );
    assert.deepEqual(providers(p).sort(), ['catalog-says-no', 'local', 'provider-says-no']);
    assert.deepEqual(Object.keys(skips(p)).sort(), ['provider-unsure', 'unknown']);
    assert.equal(p.skipped[0].code, 'trains-on-data');
  });

  it('a provider without a descriptor is named as not configured', () => {
    const p = planRoute({ models: [M] }, mergePreferences(), {
      catalog: new MemoryCatalog([ep('gone', 'm', M)]),
      descriptorOf: () => undefined,
      hasKey: () => true,
      isKeyBad: () => false,
    });
    assert.deepEqual(skips(p), { gone: 'provider gone is not configured or disabled' });
    assert.equal(p.skipped[0].code, 'provider-disabled');
  });

  it('a keyless provider is planned without a key; a provider needing one is not', () => {
    const p = plan([ep('needs', 'm', M), ep('optional', 'm', M)], {}, { hasKey: () => false }, [
      descriptor('optional', { keyRequired: false }),
    ]);
    assert.deepEqual(providers(p), ['optional']);
    assert.equal(p.skipped[0].code, 'no-key');
  });
});

describe('planRoute: breakers and the last-resort probe', () => {
  it('names when an open breaker lets its next probe through, rounded up to the second', () => {
    const clock = new FakeClock();
    const health = new HealthBoard({ clock });
    for (let i = 0; i < 3; i++) health.recordFailure({ provider: 'a', modelId: 'm' }, down);
    clock.advance(500);
    const p = plan([ep('a', 'm', M), ep('b', 'm', M)], {}, { health, now: clock.now() });
    assert.deepEqual(skips(p), { a: 'circuit open; next probe in 30 s' });
    assert.equal(p.skipped[0].code, 'breaker-open');
  });

  it('with every host open, the one whose cooldown ends first is the probe, and only it', () => {
    const clock = new FakeClock();
    const health = new HealthBoard({ clock });
    for (let i = 0; i < 3; i++) health.recordFailure({ provider: 'late', modelId: 'm' }, down);
    clock.advance(5_000);
    for (let i = 0; i < 3; i++) health.recordFailure({ provider: 'early', modelId: 'm' }, down);
    // late: open until +30 s, its probe fails and doubles its cooldown; early opens 5 s later.
    clock.advance(25_000);
    health.acquire({ provider: 'late', modelId: 'm' });
    health.recordFailure({ provider: 'late', modelId: 'm' }, down);
    const p = plan([ep('late', 'm', M), ep('early', 'm', M), ep('b', 'm', M)], { ignore: ['b'] }, { health, now: clock.now() });
    assert.deepEqual(
      p.candidates.map((c) => [c.endpoint.provider, c.lastResort]),
      [['early', true]],
    );
    assert.deepEqual(
      p.skipped.map((s) => s.endpoint.provider),
      ['late', 'b'],
    );
  });

  it('a probe is not promoted when hosts are left out for other reasons only', () => {
    const p = plan([ep('a', 'm', M)], { ignore: ['a'] });
    assert.deepEqual(p.candidates, []);
  });
});

describe('planRoute: conversation affinity', () => {
  const three = [
    ep('a', 'm', M, { price: { inputPerMTok: 1, outputPerMTok: 1 } }),
    ep('b', 'm', M, { price: { inputPerMTok: 2, outputPerMTok: 2 } }),
    ep('c', 'm', M, { price: { inputPerMTok: 3, outputPerMTok: 3 } }),
  ];

  it('moves the affinity host to the front and keeps the others in their order', () => {
    assert.deepEqual(providers(plan(three, { sort: 'price' }, { affinityKey: 'c:m' })), ['c', 'a', 'b']);
  });

  it('leaves the order alone while the affinity host is low on headroom', () => {
    const health = new HealthBoard({ clock: new FakeClock() });
    health.recordRateLimit({ provider: 'b', modelId: 'm' }, { requestsLimit: 100, requestsRemaining: 1 });
    assert.deepEqual(providers(plan(three, { sort: 'price' }, { affinityKey: 'b:m', health })), ['a', 'c', 'b']);
  });
});
