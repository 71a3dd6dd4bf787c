import * as assert from 'node:assert/strict';
import { retryDelay, DEFAULT_RETRY_OPTIONS } from '../../../src/core/router/backoff';
import { ep, fail, ok } from './fakes';
import { drain, rig } from './setup';

const M = 'acme/model';
const req = { models: [M], messages: [{ role: 'user' as const, content: 'hi' }] };

describe('Router: retries', () => {
  it('retries the last host honouring retry-after, and succeeds', async () => {
    const r = rig({ endpoints: [ep('a', 'm', M)] });
    r.adapter.script('a:m', fail('rate_limit', { status: 429, retryAfterMs: 1000 }), ok('after the wait'));
    const out = await drain(r.router.route(req));
    assert.equal(out.text, 'after the wait');
    assert.deepEqual(r.waits, [1000]);
    assert.deepEqual(
      out.real.map((a) => [a.retry, a.outcome]),
      [
        [0, 'failed'],
        [1, 'success'],
      ],
    );
    assert.ok(out.real[1].startedAt - out.real[0].startedAt >= 1000);
  });

  it('falls back now instead of waiting when retry-after is over 60 s, and fails when no host is left', async () => {
    const r = rig({ endpoints: [ep('a', 'm', M), ep('b', 'm', M)], deps: { preferences: () => ({ global: { sort: 'price' } }) } });
    r.adapter.script('a:m', fail('rate_limit', { status: 429, retryAfterMs: 120_000 }));
    const two = await drain(r.router.route(req));
    assert.equal(two.report.servedBy?.provider, 'b');
    assert.deepEqual(r.waits, []);
    const alone = rig({ endpoints: [ep('a', 'm', M)] });
    alone.adapter.script('a:m', fail('rate_limit', { status: 429, retryAfterMs: 120_000 }));
    const out = await drain(alone.router.route(req));
    assert.equal(out.real.length, 1);
    assert.match(out.error?.message ?? '', /wait 120 s, longer than the 60 s/);
    assert.deepEqual(alone.waits, []);
  });

  it('a host that asked to wait moves down for later requests until then', async () => {
    const r = rig({ endpoints: [ep('a', 'm', M), ep('b', 'm', M)], deps: { preferences: () => ({ global: { sort: 'price' } }) } });
    r.adapter.script('a:m', fail('rate_limit', { status: 429, retryAfterMs: 20_000 }), ok('a again'));
    await drain(r.router.route(req));
    const soon = await drain(r.router.route(req));
    assert.equal(soon.real[0].endpoint.provider, 'b');
    r.clock.advance(21_000);
    const later = await drain(r.router.route(req));
    assert.equal(later.text, 'a again');
  });

  it('backs off exponentially with full jitter, capped', () => {
    const o = DEFAULT_RETRY_OPTIONS;
    assert.equal(
      retryDelay(0, undefined, () => 0.999, o),
      Math.floor(0.999 * 500),
    );
    assert.equal(
      retryDelay(3, undefined, () => 0.5, o),
      2000,
    );
    assert.equal(
      retryDelay(10, undefined, () => 0.999, o),
      Math.floor(0.999 * 8000),
    );
    assert.equal(
      retryDelay(0, undefined, () => 0, o),
      0,
    );
    assert.equal(
      retryDelay(0, 3000, () => 0.1, o),
      3000,
      'never sooner than retry-after',
    );
    assert.equal(
      retryDelay(0, 60_001, () => 0.1, o),
      undefined,
    );
  });

  it('retries on network errors with growing backoff up to the attempt limit, then reports every try', async () => {
    const r = rig({ endpoints: [ep('a', 'm', M)], random: () => 0.999 });
    r.adapter.script('a:m', fail('network'));
    const out = await drain(r.router.route({ ...req, maxAttempts: 3 }));
    assert.deepEqual(r.waits, [499, 999]);
    assert.deepEqual(
      out.real.map((a) => a.retry),
      [0, 1, 2],
    );
    assert.equal(out.error?.category, 'network');
  });

  it('stops retrying when the next wait would overrun the total time budget', async () => {
    const r = rig({ endpoints: [ep('a', 'm', M)], deps: { retry: { totalBudgetMs: 1500 } } });
    r.adapter.script('a:m', fail('overloaded', { status: 529, retryAfterMs: 1000 }));
    const out = await drain(r.router.route(req));
    assert.equal(out.real.length, 2);
    assert.match(out.error?.message ?? '', /retry budget/);
  });

  it('does not retry or fall back once cancelled', async () => {
    const r = rig({ endpoints: [ep('a', 'm', M), ep('b', 'm', M)] });
    r.adapter.script('a:m', fail('cancelled'));
    const out = await drain(r.router.route(req));
    assert.equal(out.real.length, 1);
    assert.equal(out.real[0].outcome, 'cancelled');
    assert.equal(
      out.events.at(-2)?.type === 'finish' && out.events.at(-2)?.type === 'finish' ? (out.events.at(-2) as { reason: string }).reason : '',
      'cancelled',
    );
    assert.equal(r.health.endpoint('a:m')?.errorRate, 0, 'a cancel says nothing about the host');
  });
});
