// The attempt loop and the route around it at their edges: attempt and time limits, unknown
// context windows, cancellation, budget decisions, observers that throw, and affinity reports.
import * as assert from 'node:assert/strict';
import type { RouteReport } from '../../../src/core/router/types';
import { ep, fail, ok } from './fakes';
import { drain, rig } from './setup';

const M = 'acme/model';
const req = { models: [M], messages: [{ role: 'user' as const, content: 'hi' }], preferences: { sort: 'price' as const } };

describe('Router: limits of the attempt loop', () => {
  it('with one attempt allowed, a transient failure is neither waited on nor retried', async () => {
    const r = rig({ endpoints: [ep('a', 'm', M)] });
    r.adapter.script('a:m', fail('server', { status: 500 }), ok());
    const out = await drain(r.router.route({ ...req, maxAttempts: 1 }));
    assert.deepEqual(r.waits, []);
    assert.equal(out.real.length, 1);
    assert.equal(out.error?.message, 'fake server Gave up after 1 attempts (the maximum).');
  });

  it('a retry that starts exactly at the end of the time budget is still made, the next is not', async () => {
    const r = rig({ endpoints: [ep('a', 'm', M)], deps: { health: undefined, retry: { totalBudgetMs: 2000 } } });
    r.adapter.script('a:m', fail('overloaded', { status: 503, retryAfterMs: 1000 }));
    const out = await drain(r.router.route(req));
    assert.deepEqual(r.waits, [1000, 1000]);
    assert.equal(out.real.length, 3);
    assert.equal(out.error?.message, 'fake overloaded No time left to retry within the 2 s retry budget.');
  });

  it('a retry-after just over a minute is named rounded up, in seconds', async () => {
    const r = rig({ endpoints: [ep('a', 'm', M)] });
    r.adapter.script('a:m', fail('rate_limit', { status: 429, retryAfterMs: 60_001 }));
    const out = await drain(r.router.route(req));
    assert.equal(
      out.error?.message,
      'fake rate_limit It asked to wait 61 s, longer than the 60 s Switchboard waits, and no other host is available.',
    );
    assert.deepEqual(r.waits, []);
  });

  it('after a context-length error at a host of unknown window, hosts of unknown window are skipped and a larger one serves', async () => {
    const long = { role: 'user' as const, content: 'x'.repeat(4001) };
    const r = rig({
      endpoints: [
        ep('a', 'm', M, { price: { inputPerMTok: 1, outputPerMTok: 1 } }),
        ep('b', 'm', M, { price: { inputPerMTok: 2, outputPerMTok: 2 } }),
        ep('c', 'm', M, { price: { inputPerMTok: 3, outputPerMTok: 3 }, contextWindow: 1002 }),
      ],
    });
    r.adapter.script('a:m', fail('context_length', { status: 400 }));
    const out = await drain(r.router.route({ ...req, messages: [long] }));
    assert.equal(out.report.servedBy?.provider, 'c');
    const b = out.report.attempts.find((a) => a.endpoint.provider === 'b');
    assert.equal(b?.outcome, 'skipped');
    assert.equal(b?.reason, 'context window unknown is not larger than 1001');
    assert.equal(r.adapter.callsTo('b:m'), 0);
  });

  it('counts an image as a thousand characters when estimating the prompt after a context-length error', async () => {
    const r = rig({
      endpoints: [
        ep('a', 'm', M, { price: { inputPerMTok: 1, outputPerMTok: 1 } }),
        ep('b', 'm', M, { price: { inputPerMTok: 2, outputPerMTok: 2 }, contextWindow: 251 }),
        ep('c', 'm', M, { price: { inputPerMTok: 3, outputPerMTok: 3 }, contextWindow: 252 }),
      ],
    });
    r.adapter.script('a:m', fail('context_length', { status: 400 }));
    // 1,000 characters for the image and 4 of text: 251 tokens.
    const messages = [
      { role: 'user' as const, content: [{ type: 'image' as const, mediaType: 'image/png', data: 'AAAA' }] },
      { role: 'user' as const, content: [{ type: 'text' as const, text: 'abcd' }] },
    ];
    const out = await drain(r.router.route({ ...req, messages }));
    assert.equal(out.report.servedBy?.provider, 'c');
    assert.equal(out.report.attempts.find((a) => a.endpoint.provider === 'b')?.reason, 'context window 251 is not larger than 251');
  });
});

describe('Router: hosts that cannot serve and hosts that asked to wait', () => {
  it('a host out of credits is not retried, even when it is the only one', async () => {
    const r = rig({ endpoints: [ep('a', 'm', M)] });
    r.adapter.script('a:m', fail('payment', { status: 402 }), ok());
    const out = await drain(r.router.route(req));
    assert.equal(r.adapter.callsTo('a:m'), 1);
    assert.deepEqual(r.waits, []);
    assert.equal(out.error?.category, 'payment');
  });

  it('after the attempt limit no further host is listed as skipped', async () => {
    const r = rig({ endpoints: ['a', 'b', 'c'].map((p) => ep(p, 'm', M)) });
    for (const p of ['a', 'b', 'c']) r.adapter.script(`${p}:m`, fail('server', { status: 500 }));
    const out = await drain(r.router.route({ ...req, maxAttempts: 2 }));
    assert.deepEqual(
      out.report.attempts.map((a) => [a.endpoint.provider, a.outcome]),
      [
        ['a', 'failed'],
        ['b', 'failed'],
      ],
    );
  });

  it('a failure without a retry-after does not spoil a later retry-after at the same host', async () => {
    const r = rig({ endpoints: [ep('a', 'm', M, { price: { inputPerMTok: 1, outputPerMTok: 1 } }), ep('b', 'm', M)] });
    r.adapter.script('a:m', fail('server', { status: 500 }), fail('rate_limit', { status: 429, retryAfterMs: 20_000 }), ok());
    await drain(r.router.route(req));
    await drain(r.router.route(req));
    const third = await drain(r.router.route(req));
    assert.equal(third.real[0].endpoint.provider, 'b', 'a asked to wait 20 s: it goes after b until then');
  });
});

describe('Router: moving on from a host whose breaker opened during the request', () => {
  it('starts the next host at retry 0, so its too-small window is still checked', async () => {
    const r = rig({
      endpoints: [
        ep('x', 'm', M, { price: { inputPerMTok: 1, outputPerMTok: 1 }, contextWindow: 4000 }),
        ep('a', 'm', M, { price: { inputPerMTok: 2, outputPerMTok: 2 }, contextWindow: 8000 }),
        ep('b', 'm', M, { price: { inputPerMTok: 3, outputPerMTok: 3 }, contextWindow: 4000 }),
      ],
    });
    r.adapter.script('x:m', fail('context_length', { status: 400 }));
    r.adapter.script('a:m', fail('server', { status: 503 }));
    const out = await drain(r.router.route({ ...req, maxAttempts: 10 }));
    assert.equal(r.adapter.callsTo('a:m'), 3, 'retried at a until its breaker opened');
    assert.equal(r.adapter.callsTo('b:m'), 0);
    assert.deepEqual(
      out.report.attempts.slice(-2).map((a) => [a.endpoint.provider, a.outcome, a.reason]),
      [
        ['a', 'skipped', 'circuit open'],
        ['b', 'skipped', 'context window 4000 is not larger than 4000'],
      ],
    );
  });
});

describe('Router: cancellation', () => {
  it('a request whose signal is already aborted calls nothing and ends cancelled', async () => {
    const r = rig({ endpoints: [ep('a', 'm', M)] });
    const ctrl = new AbortController();
    ctrl.abort();
    const out = await drain(r.router.route({ ...req, signal: ctrl.signal }));
    assert.equal(r.adapter.calls.length, 0);
    assert.equal(out.error?.category, 'cancelled');
    assert.equal(out.error?.message, 'Request cancelled.');
    assert.deepEqual(out.events.at(-2), { type: 'finish', reason: 'cancelled' });
  });

  it('aborting during a retry wait stops the route without another call', async () => {
    const ctrl = new AbortController();
    const r = rig({
      endpoints: [ep('a', 'm', M)],
      deps: {
        sleep: async () => {
          ctrl.abort();
          throw new Error('aborted');
        },
      },
    });
    r.adapter.script('a:m', fail('server', { status: 500 }), ok());
    const out = await drain(r.router.route({ ...req, signal: ctrl.signal }));
    assert.equal(r.adapter.calls.length, 1);
    assert.equal(out.error?.category, 'cancelled');
    assert.deepEqual(out.events.at(-2), { type: 'finish', reason: 'cancelled' });
  });

  it('aborting the signal mid-answer aborts the call in flight', async () => {
    const ctrl = new AbortController();
    const r = rig({ endpoints: [ep('a', 'm', M)] });
    r.adapter.script('a:m', ok('one two three'));
    let seen: AbortSignal | undefined;
    for await (const ev of r.router.route({ ...req, signal: ctrl.signal })) {
      if (ev.type === 'text-delta') {
        seen = r.adapter.calls[0].request.signal;
        ctrl.abort();
      }
    }
    assert.equal(seen?.aborted, true);
  });
});

describe('Router: the budget step', () => {
  it('a downgrade without a model to use keeps the plan and reports the action', async () => {
    const r = rig({ endpoints: [ep('a', 'm', M)], deps: { budgetGate: () => ({ action: 'downgrade', message: 'Over budget.' }) } });
    const out = await drain(r.router.route(req));
    assert.equal(out.report.servedBy?.provider, 'a');
    assert.deepEqual(out.report.budgetAction, { action: 'downgrade', message: 'Over budget.' });
  });

  it('a downgrade goes to the one model named, never on to comparable models', async () => {
    const r = rig({
      endpoints: [ep('a', 'm', M), ep('cheap', 'mini', 'acme/mini')],
      deps: {
        budgetGate: () => ({ action: 'downgrade', message: 'Using acme/mini.', downgradeTo: 'acme/mini' }),
        preferences: () => ({ global: { comparableModels: { 'acme/mini': [M] } } }),
      },
    });
    r.adapter.script('cheap:mini', fail('server', { status: 500 }));
    const out = await drain(r.router.route({ ...req, allowComparableFallback: true, maxAttempts: 2 }));
    assert.equal(r.adapter.callsTo('a:m'), 0);
    assert.equal(out.error?.category, 'server');
  });

  it('the gate sees the request and the route it belongs to', async () => {
    const seen: string[] = [];
    const r = rig({
      endpoints: [ep('a', 'm', M)],
      deps: {
        budgetGate: (plan, request, ctx) => {
          seen.push(`${plan.candidates.length} ${request.models.join()} ${ctx.workspaceId} ${ctx.origin} ${ctx.conversationId}`);
          return { action: 'allow' };
        },
      },
    });
    const out = await drain(r.router.route({ ...req, workspaceId: 'ws', origin: 'chat', conversationId: 'c' }));
    assert.deepEqual(seen, [`1 ${M} ws chat c`]);
    assert.equal(out.report.budgetAction, undefined, 'allow is not reported');
  });
});

describe('Router: plan', () => {
  it('plans with the keys it has, without calling any host', async () => {
    const r = rig({ endpoints: [ep('a', 'm', M), ep('b', 'm', M)], keys: { b: 'sk-test-SENTINEL-b' } });
    const plan = await r.router.plan(req);
    assert.deepEqual(
      plan.candidates.map((c) => c.key),
      ['b:m'],
    );
    assert.deepEqual(
      plan.skipped.map((s) => [s.key, s.code]),
      [['a:m', 'no-key']],
    );
    assert.equal(r.adapter.calls.length, 0);
  });
});

describe('Router: observers and the report', () => {
  it('an attempt observer and a report observer that throw do not break the answer, and the route still ends once', async () => {
    let ended = 0;
    const r = rig({
      endpoints: [ep('a', 'm', M)],
      deps: {
        onAttempt: () => {
          throw new Error('ledger full');
        },
        onRouteReport: () => {
          throw new Error('observer broke');
        },
        onRouteEnd: () => void ended++,
      },
    });
    const out = await drain(r.router.route(req));
    assert.equal(out.text, 'hello world');
    assert.equal(ended, 1);
  });

  it('the report names the sort strategy in force', async () => {
    const r = rig({ endpoints: [ep('a', 'm', M)], deps: { preferences: () => ({ workspace: { sort: 'throughput' } }) } });
    assert.equal((await drain(r.router.route({ models: [M], messages: req.messages }))).report.strategy, 'throughput');
  });

  it('a conversation that moves to another model reports a new affinity, not a switch', async () => {
    const r = rig({ endpoints: [ep('a', 'm', M), ep('b', 'n', 'acme/other')] });
    const conv = { ...req, conversationId: 'c1' };
    await drain(r.router.route(conv));
    const other = await drain(r.router.route({ ...conv, models: ['acme/other'] }));
    assert.equal(other.report.affinity, 'new');
    const back = await drain(r.router.route(conv));
    assert.equal(back.report.affinity, 'new', 'the conversation is now on the other model');
  });

  it('a turn that no host served leaves the conversation on its endpoint', async () => {
    const r = rig({
      endpoints: [
        ep('a', 'm', M, { price: { inputPerMTok: 2, outputPerMTok: 2 } }),
        ep('b', 'm', M, { price: { inputPerMTok: 1, outputPerMTok: 1 } }),
      ],
    });
    const conv = { ...req, conversationId: 'c1' };
    r.adapter.script('b:m', ok(), fail('server', { status: 500 }), ok());
    assert.equal((await drain(r.router.route(conv))).report.servedBy?.provider, 'b');
    const failed = await drain(r.router.route({ ...conv, maxAttempts: 1 }));
    assert.equal(failed.report.servedBy, undefined);
    const next = await drain(r.router.route(conv));
    assert.equal(next.report.affinity, 'kept');
  });

  it('a failed probe says it was tried as the probe, after its own reason', async () => {
    const r = rig({ endpoints: [ep('a', 'm', M)] });
    r.adapter.script('a:m', fail('network'));
    for (let i = 0; i < 3; i++) await drain(r.router.route({ ...req, maxAttempts: 1 }));
    const out = await drain(r.router.route({ ...req, maxAttempts: 1 }));
    assert.equal(out.real[0].reason, "fake network (every host's circuit was open; tried as the probe)");
  });

  it('the route report is the last event and the one handed to the observer', async () => {
    const reports: RouteReport[] = [];
    const r = rig({ endpoints: [ep('a', 'm', M)], deps: { onRouteReport: (rep) => reports.push(rep) } });
    const out = await drain(r.router.route(req));
    assert.deepEqual(reports, [out.report]);
  });
});
