// What the budget hooks promise the router: a downgrade that fits the prompt, holds that end with
// the route, and a workspace that can tighten what the user set, never loosen it.
import * as assert from 'node:assert/strict';
import { mergeBudgetLevels } from '../../../src/core/budgets';
import { ep, fail } from '../router/fakes';
import { big, drain, errorOf, gateOver, request, routed } from './budget-rig';
import { MemorySpend } from './spend-fake';

describe('budget hooks and levels', () => {
  it('a failed route ends its hold, though a failed attempt keeps it for a retry', async () => {
    const spend = new MemorySpend(0);
    const gate = gateOver(spend, { dailyUsd: 1 });
    const r = routed(spend, gate);
    r.adapter.script('openai:big', fail('auth'));
    const events = await drain(r.router.route(request));
    assert.equal((errorOf(events) as { error: { category: string } }).error.category, 'auth');
    assert.equal(gate.reservations.size, 0);
    assert.equal(gate.reservations.heldUsd(), 0);
  });

  it('downgrades only to a model whose context holds the prompt', async () => {
    const long = { ...request, messages: [{ role: 'user' as const, content: 'word '.repeat(400) }] };
    const tiny = ep('groq', 'tiny', 'groq/tiny', { price: { inputPerMTok: 0.01, outputPerMTok: 0.02 }, contextWindow: 50 });
    const small = ep('groq', 'small', 'groq/small', { price: { inputPerMTok: 0.1, outputPerMTok: 0.4 }, contextWindow: 128_000 });
    const spend = new MemorySpend(1);
    const r = routed(spend, gateOver(spend, { dailyUsd: 1, action: 'downgrade' }), [big, tiny, small]);
    await drain(r.router.route(long));
    assert.deepEqual(
      r.adapter.calls.map((c) => `${c.provider}:${c.model}`),
      ['groq:small'],
    );
  });

  it('a workspace can set a per-workspace limit the user never set', () => {
    const merged = mergeBudgetLevels({ warnAt: 0.8, action: 'warn' }, { perWorkspace: { dailyUsd: 3 } });
    assert.deepEqual(merged.perWorkspace, { dailyUsd: 3 });
    const both = mergeBudgetLevels({ warnAt: 0.8, action: 'warn', perWorkspace: { monthlyUsd: 9 } }, {});
    assert.deepEqual(both.perWorkspace, { monthlyUsd: 9 });
  });

  it('a workspace can make the action stricter, never laxer', () => {
    assert.equal(mergeBudgetLevels({ warnAt: 0.8, action: 'warn' }, { action: 'block' }).action, 'block');
    assert.equal(mergeBudgetLevels({ warnAt: 0.8, action: 'block' }, { action: 'warn' }).action, 'block');
    assert.equal(mergeBudgetLevels({ warnAt: 0.8, action: 'block' }, {}).action, 'block');
  });
});

describe('budget hooks when no host or no replacement exists', () => {
  it('a request no host can serve gets the route’s own error, not a budget message about replacements', async () => {
    const small = ep('groq', 'small', 'groq/small', { price: { inputPerMTok: 0.1, outputPerMTok: 0.4 }, contextWindow: 128_000 });
    for (const action of ['downgrade', 'block'] as const) {
      const spend = new MemorySpend(1);
      const gate = gateOver(spend, { dailyUsd: 1, action });
      const r = routed(spend, gate, [big, small]);
      const events = await drain(r.router.route({ ...request, models: ['nobody/none'] }));
      const err = (errorOf(events) as { error: { category: string; message: string } }).error;
      assert.notEqual(err.category, 'budget', err.message);
      assert.match(err.message, /nobody\/none/);
      assert.equal(r.adapter.calls.length, 0);
      assert.equal(gate.reservations.size, 0);
    }
  });

  it('at a downgrade limit with no priced or local model to move to, blocks and says so', async () => {
    const unpriced = ep('openai', 'big', 'openai/big', { contextWindow: 128_000 });
    const spend = new MemorySpend(1);
    const r = routed(spend, gateOver(spend, { dailyUsd: 1, action: 'downgrade' }), [unpriced]);
    const err = (errorOf(await drain(r.router.route(request))) as { error: { category: string; message: string } }).error;
    assert.equal(err.category, 'budget');
    assert.match(err.message, /no cheaper or local model you can reach can serve this request/);
    assert.equal(r.adapter.calls.length, 0);
  });
});
