import * as assert from 'node:assert/strict';
import { ReservationBook, RESERVATION_TTL_MS } from '../../../src/core/budgets';
import type { RouterEvent } from '../../../src/core/router/types';
import { ep, fail } from '../router/fakes';
import { big, BOUND, drain, errorOf, ESTIMATE, gateOver, request, routed } from './budget-rig';
import { MemorySpend } from './spend-fake';

describe('BudgetGate reservations', () => {
  it('five requests sent together do not all pass a nearly spent block budget', async () => {
    // Room for exactly two estimates below the $1 limit.
    const spend = new MemorySpend(1 - 2.5 * ESTIMATE);
    const gate = gateOver(spend, { dailyUsd: 1 });
    const r = routed(spend, gate);
    const runs = await Promise.all(Array.from({ length: 5 }, () => drain(r.router.route(request))));
    const blocked = runs.filter(
      (ev) => errorOf(ev)?.type === 'error' && (errorOf(ev) as { error: { category: string } }).error.category === 'budget',
    );
    assert.equal(r.adapter.calls.length, 2, 'only the requests whose estimates fit were sent');
    assert.equal(blocked.length, 3);
    assert.ok(spend.total() <= 1, `spend ${spend.total()} stays within the limit`);
    assert.match((errorOf(blocked[0]) as { error: { message: string } }).error.message, /held by requests in flight/);
    assert.equal(gate.reservations.size, 0, 'every hold ended with its request');
  });

  it('a settled request frees its hold: the next one is judged on the actual cost', async () => {
    const spend = new MemorySpend(1 - 1.5 * ESTIMATE);
    const gate = gateOver(spend, { dailyUsd: 1 });
    const r = routed(spend, gate);
    await drain(r.router.route(request));
    // The answer cost far less than its estimate, so a second request still fits.
    await drain(r.router.route(request));
    assert.equal(r.adapter.calls.length, 2);
  });

  it('a request sent as another finishes is judged on that answer’s recorded cost, not on the cost and its hold', async () => {
    const spend = new MemorySpend(1 - 1.5 * ESTIMATE);
    const gate = gateOver(spend, { dailyUsd: 1 });
    const r = routed(spend, gate);
    const held: number[] = [];
    let second: RouterEvent[] = [];
    // The answer's attempt is reported once its cost is in the ledger, before its stream closes.
    for await (const ev of r.router.route(request)) {
      if (ev.type !== 'attempt') continue;
      held.push(gate.reservations.heldUsd());
      second = await drain(r.router.route(request));
    }
    assert.deepEqual(held, [0], 'the settled answer holds nothing beside its recorded cost');
    assert.equal(errorOf(second), undefined, JSON.stringify(errorOf(second)));
    assert.equal(r.adapter.calls.length, 2);
  });

  it('holds the estimate across a retry and releases it when the request ends', async () => {
    const spend = new MemorySpend(0);
    const gate = gateOver(spend, { dailyUsd: 1 });
    const r = routed(spend, gate);
    r.adapter.script('openai:big', fail('server', { retryable: true }), fail('server', { retryable: true }));
    const held: number[] = [];
    for await (const ev of r.router.route(request)) if (ev.type === 'attempt') held.push(gate.reservations.heldUsd());
    assert.ok(held.length >= 2, JSON.stringify(held));
    for (const h of held) assert.equal(h, BOUND, 'a failed attempt keeps the hold for the retry');
    assert.equal(gate.reservations.heldUsd(), 0);
  });

  it('a consumer that stops reading ends the hold', async () => {
    const spend = new MemorySpend(0);
    const gate = gateOver(spend, { dailyUsd: 1 });
    const r = routed(spend, gate);
    for await (const ev of r.router.route(request)) if (ev.type === 'text-delta') break;
    assert.equal(gate.reservations.size, 0);
  });

  it('per-workspace holds count only against that workspace', () => {
    const spend = new MemorySpend(0);
    const gate = gateOver(spend, { perWorkspace: { dailyUsd: 1 } });
    assert.deepEqual(gate.admit({ key: 'a', workspace: 'one', estimateUsd: 0.6 }), { action: 'allow' });
    assert.deepEqual(gate.admit({ key: 'b', workspace: 'two', estimateUsd: 0.6 }), { action: 'allow' });
    assert.equal(gate.admit({ key: 'c', workspace: 'one', estimateUsd: 0.6 }).action, 'block');
  });

  it('a hold whose request never ended expires instead of blocking the budget for the day', () => {
    let t = 0;
    const book = new ReservationBook(() => t);
    const gate = gateOver(new MemorySpend(0), { dailyUsd: 1 }, book);
    gate.admit({ key: 'lost', estimateUsd: 0.9 });
    assert.equal(gate.admit({ key: 'next', estimateUsd: 0.2 }).action, 'block');
    t += RESERVATION_TTL_MS;
    assert.deepEqual(gate.admit({ key: 'next', estimateUsd: 0.2 }), { action: 'allow' });
  });

  it('a released reservation does not end a newer hold under the same key', () => {
    const book = new ReservationBook(() => 0);
    const old = book.reserve('k', 1, undefined);
    book.reserve('k', 2, undefined);
    old.release();
    assert.equal(book.heldUsd(), 2);
  });
});

describe('BudgetGate downgrade', () => {
  const cheap = ep('groq', 'small', 'groq/small', { price: { inputPerMTok: 0.1, outputPerMTok: 0.4 }, contextWindow: 128_000 });
  const local = ep('ollama', 'llama3', 'meta/llama3', { contextWindow: 128_000 });

  it('routes to the cheapest capable model when one exists', async () => {
    const spend = new MemorySpend(1);
    const r = routed(spend, gateOver(spend, { dailyUsd: 1, action: 'downgrade' }), [big, cheap]);
    const events = await drain(r.router.route(request));
    assert.deepEqual(
      r.adapter.calls.map((c) => `${c.provider}:${c.model}`),
      ['groq:small'],
    );
    const report = events.find((e) => e.type === 'route-report');
    assert.match(report?.type === 'route-report' ? report.report.budgetAction!.message : '', /Routing to groq:small/);
  });

  it('prefers a local model and holds nothing for it', () => {
    const spend = new MemorySpend(1);
    const gate = gateOver(spend, { dailyUsd: 1, action: 'downgrade' });
    const d = gate.admit({ key: 'a', estimateUsd: 0.5, downgrade: () => ({ ref: 'ollama:llama3', estimateUsd: 0, local: true }) });
    assert.equal(d.action, 'downgrade');
    assert.match((d as { message: string }).message, /Routing to ollama:llama3 \(a local model, at no cost\)/);
    assert.equal(gate.reservations.heldUsd(), 0);
    void local;
  });

  it('blocks, saying why, when nothing cheaper or local can serve', async () => {
    const spend = new MemorySpend(1);
    const r = routed(spend, gateOver(spend, { dailyUsd: 1, action: 'downgrade' }), [big]);
    const events = await drain(r.router.route(request));
    assert.equal(r.adapter.calls.length, 0, 'the original request is not sent');
    const err = errorOf(events) as { error: { category: string; message: string } };
    assert.equal(err.error.category, 'budget');
    assert.match(err.error.message, /Nothing was sent.*"downgrade".*openai:big is already the cheapest capable model/);
    assert.doesNotMatch(err.error.message, /Routing to/);
  });

  it('blocks when no reachable model fits at all', () => {
    const gate = gateOver(new MemorySpend(1), { dailyUsd: 1, action: 'downgrade' });
    const d = gate.admit({ key: 'a', estimateUsd: 0.5, downgrade: () => undefined });
    assert.equal(d.action, 'block');
    assert.match((d as { message: string }).message, /no cheaper or local model you can reach can serve this request/);
  });

  it('a priced replacement for an unpriced first choice is a downgrade; an unpriced one is not', () => {
    const gate = gateOver(new MemorySpend(1), { dailyUsd: 1, action: 'downgrade' });
    assert.equal(
      gate.admit({ key: 'a', estimateUsd: undefined, downgrade: () => ({ ref: 'groq:small', estimateUsd: 0.001, local: false }) }).action,
      'downgrade',
    );
    assert.equal(
      gate.admit({ key: 'b', estimateUsd: 0.5, downgrade: () => ({ ref: 'x:y', estimateUsd: undefined, local: false }) }).action,
      'block',
    );
  });
});
