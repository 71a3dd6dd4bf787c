import * as assert from 'node:assert/strict';
import type { HealthChange } from '../../../src/core/health/types';
import { ep, fail, ok } from './fakes';
import { drain, rig } from './setup';

const M = 'acme/model';
const req = { models: [M], messages: [{ role: 'user' as const, content: 'hi' }], preferences: { sort: 'price' as const } };

describe('Router + health board', () => {
  it('opens the breaker after 3 failures, skips the host without calling it, probes after the cooldown', async () => {
    const r = rig({ endpoints: [ep('a', 'm', M), ep('b', 'm', M)] });
    const changes: HealthChange[] = [];
    r.health.onDidChange((c) => changes.push(c));
    r.adapter.script(
      'a:m',
      fail('server', { status: 500 }),
      fail('server', { status: 500 }),
      fail('server', { status: 500 }),
      ok('a is back'),
    );
    for (let i = 0; i < 3; i++) await drain(r.router.route(req));
    assert.equal(r.health.breakerState('a:m'), 'open');
    assert.ok(changes.some((c) => c.kind === 'breaker' && c.to === 'open'));
    assert.ok(changes.some((c) => c.kind === 'state' && c.provider === 'a' && c.to === 'down'));

    const whileOpen = await drain(r.router.route(req));
    assert.equal(r.adapter.callsTo('a:m'), 3, 'no call while the breaker is open');
    assert.equal(whileOpen.report.attempts[0].outcome, 'skipped');
    assert.match(whileOpen.report.attempts[0].reason ?? '', /circuit open/);
    assert.equal(whileOpen.report.servedBy?.provider, 'b');

    r.clock.advance(30_000);
    assert.equal(r.health.breakerState('a:m'), 'half-open');
    const probe = await drain(r.router.route(req));
    assert.equal(probe.text, 'a is back');
    assert.equal(r.health.breakerState('a:m'), 'closed');
    assert.ok(changes.some((c) => c.kind === 'breaker' && c.from === 'half-open' && c.to === 'closed'));
  });

  it('a failed probe reopens the breaker with a doubled cooldown', async () => {
    const r = rig({ endpoints: [ep('a', 'm', M), ep('b', 'm', M)] });
    r.adapter.script('a:m', fail('network'));
    for (let i = 0; i < 3; i++) await drain(r.router.route(req));
    r.clock.advance(30_000);
    const probe = await drain(r.router.route(req));
    assert.equal(probe.real[0].endpoint.provider, 'a');
    assert.equal(probe.report.servedBy?.provider, 'b');
    assert.equal(r.health.breakerState('a:m'), 'open');
    assert.equal(r.health.reopensAt('a:m'), r.clock.now() + 60_000);
  });

  it('when every host is open the request becomes the probe of one of them', async () => {
    const r = rig({ endpoints: [ep('a', 'm', M)] });
    r.adapter.script('a:m', fail('network'), fail('network'), fail('network'), ok('recovered'));
    for (let i = 0; i < 3; i++) await drain(r.router.route({ ...req, maxAttempts: 1 }));
    assert.equal(r.health.breakerState('a:m'), 'open');
    const out = await drain(r.router.route(req));
    assert.equal(out.text, 'recovered');
    assert.match(out.real[0].reason ?? '', /tried as the probe/);
    assert.equal(r.health.breakerState('a:m'), 'closed');
  });

  it('feeds TTFT, throughput and rate-limit headroom from real traffic into the board', async () => {
    const r = rig({ endpoints: [ep('a', 'm', M)] });
    r.adapter.script(
      'a:m',
      ok('one two three', {
        type: 'response-metadata',
        provider: 'a',
        rateLimit: { requestsLimit: 100, requestsRemaining: 40, tokensLimit: 1000, tokensRemaining: 900 },
      }),
    );
    await drain(r.router.route(req));
    const h = r.health.endpoint('a:m')!;
    assert.equal(h.ttftMs.samples, 1);
    assert.equal(h.headroom, 0.4);
    assert.equal(h.calls, 1);
    assert.equal(r.health.snapshot().overall, 'ok');
  });
});

describe('Router: affinity, budgets, compare', () => {
  const two = [ep('a', 'm', M), ep('b', 'm', M)];

  it('keeps a conversation on its endpoint while healthy and shows a switch', async () => {
    const r = rig({ endpoints: two });
    const conv = { ...req, conversationId: 'c1' };
    assert.equal((await drain(r.router.route(conv))).report.affinity, 'new');
    const kept = await drain(r.router.route(conv));
    assert.equal(kept.report.affinity, 'kept');
    assert.equal(kept.report.servedBy?.provider, 'a');
    r.adapter.script('a:m', fail('overloaded', { status: 529 }));
    const switched = await drain(r.router.route(conv));
    assert.equal(switched.report.affinity, 'switched');
    assert.equal(switched.report.servedBy?.provider, 'b');
    r.adapter.script('a:m', ok());
    assert.equal(
      (await drain(r.router.route(conv))).report.servedBy?.provider,
      'b',
      'stays on the new endpoint: its cache is the warm one now',
    );
  });

  it('budget gate: block stops before any call, warn is reported, downgrade routes to the cheaper model', async () => {
    let decision: any = { action: 'block', message: 'Daily budget of $1.00 reached.' };
    const r = rig({ endpoints: [...two, ep('cheap', 'mini', 'acme/mini')], deps: { budgetGate: () => decision } });
    const blocked = await drain(r.router.route(req));
    assert.equal(blocked.error?.category, 'budget');
    assert.equal(r.adapter.calls.length, 0);
    assert.deepEqual(blocked.report.budgetAction, { action: 'block', message: 'Daily budget of $1.00 reached.' });
    decision = { action: 'warn', message: '80% of the daily budget used.' };
    const warned = await drain(r.router.route(req));
    assert.equal(warned.report.budgetAction?.action, 'warn');
    assert.equal(warned.text, 'hello world');
    decision = { action: 'downgrade', message: 'Over budget: using acme/mini.', downgradeTo: 'acme/mini' };
    const down = await drain(r.router.route(req));
    assert.equal(down.report.servedBy?.provider, 'cheap');
  });

  it('aborts the in-flight call when the consumer stops reading', async () => {
    const r = rig({ endpoints: two });
    let signal: AbortSignal | undefined;
    for await (const ev of r.router.route(req)) {
      signal = r.adapter.calls[0]?.request.signal;
      if (ev.type === 'text-delta') break;
    }
    assert.equal(signal?.aborted, true);
  });

  it('compare runs 2-4 independent lanes, each with its own report, TTFT, throughput and cost', async () => {
    const r = rig({
      endpoints: [ep('a', 'm', 'one/x'), ep('b', 'm', 'two/y'), ep('c', 'm', 'two/y')],
      deps: { priceOf: (u) => ({ usd: u.inputTokens * 1e-6 + u.outputTokens * 2e-6, status: 'exact' }) },
    });
    r.adapter.script('b:m', fail('server', { status: 500 }));
    r.adapter.script('c:m', ok('from c'));
    const lanes = r.router.compare(['one/x', 'two/y'], { messages: req.messages, conversationId: 'conv' });
    const { interleave } = await import('../../../src/core/router/compare');
    const seen = new Set<number>();
    for await (const { lane } of interleave(lanes)) seen.add(lane);
    const [x, y] = await Promise.all(lanes.map((l) => l.result));
    assert.deepEqual([...seen].sort(), [0, 1]);
    assert.equal(x.text, 'hello world');
    assert.equal(y.text, 'from c');
    assert.equal(y.report?.servedBy?.provider, 'c');
    assert.equal(y.report?.attempts.length, 2);
    assert.ok(Math.abs((x.charge?.usd ?? 0) - 18e-6) < 1e-12);
    assert.equal(typeof x.ttftMs, 'number');
    assert.equal(x.report?.affinity, undefined, 'lanes leave the conversation affinity alone');
    assert.throws(() => r.router.compare(['one/x'], { messages: req.messages }), RangeError);
  });
});
