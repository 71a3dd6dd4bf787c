import * as assert from 'node:assert/strict';
import type { ErrorCategory } from '../../../src/core/errors';
import { ep, fail, ok } from './fakes';
import { drain, rig } from './setup';

const M = 'acme/model';
const three = [
  ep('a', 'm-a', M, { contextWindow: 8_000 }),
  ep('b', 'm-b', M, { contextWindow: 32_000 }),
  ep('c', 'm-c', M, { contextWindow: 200_000 }),
];
const req = { models: [M], messages: [{ role: 'user' as const, content: 'hi' }], preferences: { sort: 'latency' as const } };

describe('Router: fallback rules', () => {
  const transient: [ErrorCategory, number | undefined][] = [
    ['network', undefined],
    ['timeout', 408],
    ['rate_limit', 429],
    ['server', 500],
    ['server', 502],
    ['overloaded', 503],
    ['overloaded', 529],
    ['protocol', undefined],
  ];
  for (const [category, status] of transient) {
    it(`falls back on ${category}${status ? ` (${status})` : ''} without waiting`, async () => {
      const r = rig({ endpoints: three });
      r.adapter.script('a:m-a', fail(category, { status, retryable: true }));
      const out = await drain(r.router.route(req));
      assert.equal(out.text, 'hello world');
      assert.equal(out.report.servedBy?.provider, 'b');
      assert.deepEqual(
        out.real.map((a) => [a.endpoint.provider, a.outcome, a.errorCategory, a.fallback]),
        [
          ['a', 'failed', category, false],
          ['b', 'success', undefined, true],
        ],
      );
      assert.equal(out.report.attempts[0].status, status);
      assert.deepEqual(r.waits, []);
      assert.equal(out.events.filter((e) => e.type === 'error').length, 0, 'a failure that was recovered is not shown as an error');
      assert.equal(r.health.endpoint('a:m-a')?.lastError?.category, category);
    });
  }

  for (const [category, status] of [
    ['bad_request', 400],
    ['auth', 401],
    ['permission', 403],
    ['content_policy', 400],
  ] as const) {
    it(`never falls back on ${category} (${status})`, async () => {
      const r = rig({ endpoints: three });
      r.adapter.script('a:m-a', fail(category, { status }));
      const out = await drain(r.router.route(req));
      assert.equal(out.real.length, 1);
      assert.equal(out.error?.category, category);
      assert.equal(out.events.at(-2)?.type, 'finish');
      assert.equal(out.report.servedBy, undefined);
      assert.equal(r.health.endpoint('a:m-a')?.breaker, 'closed');
    });
  }

  it('marks a rejected key bad and skips that provider until the key changes', async () => {
    const r = rig({ endpoints: three });
    r.adapter.script('a:m-a', fail('auth', { status: 401 }), ok('fresh key works'));
    await drain(r.router.route(req));
    assert.deepEqual(r.router.badKeyProviders(), ['a']);
    const second = await drain(r.router.route(req));
    assert.equal(second.report.servedBy?.provider, 'b');
    assert.match(second.report.attempts[0].reason ?? '', /rejected/);
    assert.equal(r.adapter.callsTo('a:m-a'), 1);
    r.keys.set('a', 'sk-test-SENTINEL-new');
    r.router.keyChanged('a');
    const third = await drain(r.router.route({ ...req, preferences: { sort: 'price' } }));
    assert.equal(third.text, 'fresh key works');
    assert.equal(r.adapter.calls.at(-1)?.apiKey, 'sk-test-SENTINEL-new');
  });

  it('on context_length falls back only to a host with a larger window', async () => {
    const r = rig({ endpoints: [three[1], three[0], three[2]] });
    r.adapter.script('b:m-b', fail('context_length', { status: 400 }));
    const out = await drain(r.router.route({ ...req, preferences: { sort: 'price' } }));
    assert.equal(out.report.servedBy?.provider, 'c');
    const skippedA = out.report.attempts.find((a) => a.endpoint.provider === 'a');
    assert.equal(skippedA?.outcome, 'skipped');
    assert.match(skippedA?.reason ?? '', /not larger than 32000/);
  });

  it('moves to the next host on 404 and 402 without retrying', async () => {
    const r = rig({ endpoints: three });
    r.adapter.script('a:m-a', fail('not_found', { status: 404 }));
    r.adapter.script('b:m-b', fail('payment', { status: 402 }));
    const out = await drain(r.router.route(req));
    assert.equal(out.report.servedBy?.provider, 'c');
    assert.equal(out.real.length, 3);
  });

  it('stops after maxAttempts and never tries an endpoint twice except for retries', async () => {
    const five = ['a', 'b', 'c', 'd', 'e'].map((p) => ep(p, `m-${p}`, M));
    const r = rig({ endpoints: five });
    for (const e of five) r.adapter.script(`${e.provider}:${e.modelId}`, fail('server', { status: 500 }));
    const out = await drain(r.router.route({ ...req, maxAttempts: 3 }));
    assert.equal(out.real.length, 3);
    assert.equal(new Set(out.real.map((a) => a.endpoint.provider)).size, 3);
    assert.equal(out.error?.category, 'server');
    assert.match(out.error?.message ?? '', /Gave up after 3 attempts/);
  });

  it('falls back through a list of models in order (like OpenRouter `models`)', async () => {
    const r = rig({ endpoints: [ep('a', 'x', 'one/x'), ep('b', 'y', 'two/y')] });
    r.adapter.script('a:x', fail('overloaded', { status: 529 }));
    const out = await drain(r.router.route({ ...req, models: ['one/x', 'two/y'] }));
    assert.equal(out.report.servedBy?.canonicalModel, 'two/y');
    assert.equal(out.report.comparableFallback, undefined);
  });

  it('moves to a configured comparable model when every host is down, and says so', async () => {
    const r = rig({
      endpoints: [ep('a', 'x', 'one/x'), ep('b', 'y', 'two/y')],
      deps: { preferences: () => ({ global: { comparableModels: { 'one/x': ['two/y'] } } }) },
    });
    r.adapter.script('a:x', fail('overloaded', { status: 529 }));
    const off = await drain(r.router.route({ ...req, models: ['one/x'] }));
    assert.equal(off.error?.category, 'overloaded');
    const on = await drain(r.router.route({ ...req, models: ['one/x'], allowComparableFallback: true }));
    assert.deepEqual(on.report.comparableFallback, { from: 'one/x', to: 'two/y' });
    assert.equal(on.text, 'hello world');
  });

  it('records every real attempt through onAttempt, and skips only as attempt events', async () => {
    const r = rig({ endpoints: three, keys: { a: 'sk-test-SENTINEL-a', c: 'sk-test-SENTINEL-c' } });
    r.adapter.script('a:m-a', fail('server', { status: 500 }));
    const out = await drain(r.router.route(req));
    assert.deepEqual(
      r.recorded.map((a) => `${a.endpoint.provider}:${a.outcome}`),
      ['a:failed', 'c:success'],
    );
    assert.deepEqual(
      out.events
        .filter((e) => e.type === 'attempt')
        .map((e) => e.type === 'attempt' && `${e.attempt.endpoint.provider}:${e.attempt.outcome}`),
      ['b:skipped', 'a:failed', 'c:success'],
    );
  });

  it('explains why nothing could be tried', async () => {
    const r = rig({ endpoints: three, keys: {} });
    const out = await drain(r.router.route(req));
    assert.equal(out.error?.category, 'auth');
    assert.match(out.error?.message ?? '', /a:m-a: no key/);
    const unknown = await drain(r.router.route({ ...req, models: ['nobody/knows'] }));
    assert.equal(unknown.error?.category, 'not_found');
  });
});

describe('Router: keys', () => {
  it('sends an optional key to a keyless provider when one is stored, and none otherwise', async () => {
    const { descriptor } = await import('./fakes');
    const r = rig({
      endpoints: [ep('local', 'm', M), ep('proxy', 'm', 'x/y')],
      descriptors: [descriptor('local', { local: true }), descriptor('proxy', { keyRequired: false })],
      keys: { proxy: 'sk-test-SENTINEL-proxy' },
    });
    await drain(r.router.route({ ...req, models: [M] }));
    await drain(r.router.route({ ...req, models: ['x/y'] }));
    assert.deepEqual(
      r.adapter.calls.map((c) => [c.provider, c.apiKey]),
      [
        ['local', undefined],
        ['proxy', 'sk-test-SENTINEL-proxy'],
      ],
    );
  });
});
