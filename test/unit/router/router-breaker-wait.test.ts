import * as assert from 'node:assert/strict';
import { ep, fail } from './fakes';
import { drain, rig } from './setup';

const M = 'acme/model';
const req = { models: [M], messages: [{ role: 'user' as const, content: 'hi' }] };

describe('Router: no wait for an attempt the breaker will refuse', () => {
  it('with the default 4 attempts, the third failure opens the breaker and the router stops without sleeping again', async () => {
    const r = rig({ endpoints: [ep('a', 'm', M)] });
    r.adapter.script('a:m', fail('rate_limit', { status: 429, retryAfterMs: 3000 }));
    const out = await drain(r.router.route(req));
    assert.equal(r.adapter.callsTo('a:m'), 3);
    assert.equal(r.health.breakerState('a:m'), 'open');
    assert.deepEqual(r.waits, [3000, 3000], 'two waits for two retries; none before the skipped fourth');
    assert.equal(out.report.attempts.at(-1)?.outcome, 'skipped');
    assert.match(out.report.attempts.at(-1)?.reason ?? '', /circuit open/);
  });

  it('a retry hint near the cooldown is not waited out when the breaker refuses the retry', async () => {
    const r = rig({ endpoints: [ep('a', 'm', M)] });
    r.adapter.script('a:m', fail('server', { status: 500, retryAfterMs: 29_000 }));
    await drain(r.router.route(req));
    assert.equal(r.adapter.callsTo('a:m'), 3);
    assert.deepEqual(r.waits, [29_000, 29_000]);
  });

  it('still waits when the breaker lets the retry through as its probe by then', async () => {
    const r = rig({ endpoints: [ep('a', 'm', M)], deps: { retry: { totalBudgetMs: 200_000 } } });
    r.adapter.script('a:m', fail('server', { status: 500, retryAfterMs: 30_000 }));
    await drain(r.router.route(req));
    assert.equal(r.adapter.callsTo('a:m'), 4, 'the fourth call is the half-open probe');
    assert.deepEqual(r.waits, [30_000, 30_000, 30_000]);
  });
});
