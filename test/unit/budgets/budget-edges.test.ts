// Budget behaviours at their edges: a $0 limit, periods, holds in messages, downgrades that must
// hold money, and which outcomes end a hold.
import * as assert from 'node:assert/strict';
import {
  BudgetGate,
  BudgetGuard,
  chooseDowngrade,
  mergeBudgetLevels,
  ReservationBook,
  RESERVATION_TTL_MS,
} from '../../../src/core/budgets';
import type { BudgetConfig, SpendView } from '../../../src/core/budgets';
import type { CatalogView, Endpoint } from '../../../src/core/catalog/types';
import type { Totals } from '../../../src/core/ledger/aggregates';

/** Spend per period and workspace, recording the instant each read was asked about. */
class PeriodSpend implements SpendView {
  readonly asked: (number | undefined)[] = [];
  constructor(private readonly usd: Record<string, number>) {}
  spent(period: string, opts: { at?: number; workspace?: string } = {}): Totals {
    this.asked.push(opts.at);
    return { usd: this.usd[`${period}:${opts.workspace ?? '*'}`] ?? 0 } as Totals;
  }
}

const guardOf = (spend: SpendView, config: Partial<BudgetConfig>, now = () => 1_000) =>
  new BudgetGuard(spend, () => ({ warnAt: 0.8, action: 'block', ...config }), now);
const messageOf = (d: unknown) => (d as { message: string }).message;

describe('BudgetGuard edges', () => {
  it('reads day and month spend separately, at the guard clock, and reports each line', () => {
    const spend = new PeriodSpend({ 'day:*': 0.5, 'month:*': 9.5, 'day:ws': 0.1 });
    const guard = guardOf(spend, { dailyUsd: 1, monthlyUsd: 10, perWorkspace: { dailyUsd: 0.2 } }, () => 42);
    assert.deepEqual(guard.status('ws'), {
      lines: [
        { scope: 'global', period: 'day', spentUsd: 0.5, limitUsd: 1, ratio: 0.5, state: 'ok' },
        { scope: 'global', period: 'month', spentUsd: 9.5, limitUsd: 10, ratio: 0.95, state: 'warn' },
        { scope: 'workspace', period: 'day', spentUsd: 0.1, limitUsd: 0.2, ratio: 0.5, state: 'ok' },
      ],
      worst: 'warn',
    });
    assert.deepEqual([...new Set(spend.asked)], [42]);
    assert.equal(guard.status().lines.length, 2, 'workspace lines only for a workspace');
  });

  it('the worst state is the worst line, wherever it is', () => {
    const guard = guardOf(new PeriodSpend({ 'day:*': 2, 'month:*': 8.5 }), { dailyUsd: 1, monthlyUsd: 10 });
    assert.equal(guard.status().worst, 'over');
    const reversed = guardOf(new PeriodSpend({ 'day:*': 0.9, 'month:*': 11 }), { dailyUsd: 1, monthlyUsd: 10 });
    assert.equal(reversed.status().worst, 'over');
  });

  it('a $0 limit is reached with nothing spent: it blocks everything', () => {
    const guard = guardOf(new PeriodSpend({}), { dailyUsd: 0 });
    assert.equal(guard.status().lines[0].state, 'over');
    assert.equal(guard.check(undefined).action, 'block');
    const spent = guardOf(new PeriodSpend({ 'day:*': 0.01 }), { dailyUsd: 0 });
    assert.equal(spent.status().lines[0].ratio, Infinity);
  });

  it('is limited only when some limit applies to the request', () => {
    assert.equal(guardOf(new PeriodSpend({}), {}).limited(), false);
    assert.equal(guardOf(new PeriodSpend({}), { monthlyUsd: 5 }).limited(), true);
    assert.equal(guardOf(new PeriodSpend({}), { dailyUsd: 0 }).limited(), true);
    const perWs = guardOf(new PeriodSpend({}), { perWorkspace: { monthlyUsd: 5 } });
    assert.equal(perWs.limited(), false);
    assert.equal(perWs.limited('ws'), true);
    assert.equal(guardOf(new PeriodSpend({}), { perWorkspace: {} }).limited('ws'), false);
  });

  it('counts money held by requests in flight as spent, and says so', () => {
    const guard = guardOf(new PeriodSpend({ 'month:*': 1 }), { monthlyUsd: 2 });
    assert.equal(guard.check(undefined, 0, () => 0.99).action, 'allow');
    const d = guard.check(undefined, 0, () => 1);
    assert.equal(d.action, 'block');
    assert.match(
      messageOf(d),
      /^\$1\.00 spent and \$1\.00 held by requests in flight reach monthly budget of \$2\.00\. Nothing was sent\./,
    );
  });

  it('asks for the held money of the workspace for a workspace line, and of everyone for a global one', () => {
    const asked: (string | undefined)[] = [];
    const guard = guardOf(new PeriodSpend({}), { dailyUsd: 10, perWorkspace: { dailyUsd: 1 } });
    const d = guard.check('ws', 0.5, (w) => {
      asked.push(w);
      return w === 'ws' ? 0.6 : 0;
    });
    assert.deepEqual(asked, [undefined, 'ws']);
    assert.match(
      messageOf(d),
      /with \$0\.00 spent and \$0\.60 held by requests in flight today, that could pass this workspace's daily budget of \$1\.00/,
    );
  });

  it('names the month for a monthly line and says what happens next for each action', () => {
    const spend = new PeriodSpend({ 'month:*': 9 });
    const warn = guardOf(spend, { monthlyUsd: 10, action: 'warn' }).check(undefined, 2);
    assert.equal(warn.action, 'warn');
    assert.equal(
      messageOf(warn),
      'This request could cost up to $2.00; with $9.00 spent this month, that could pass the monthly budget of $10.00. Sending anyway (switchboard.budgets action is "warn").',
    );
    const down = guardOf(spend, { monthlyUsd: 10, action: 'downgrade' }).check(undefined, 2);
    assert.equal(
      (down as { reason: string }).reason,
      'This request could cost up to $2.00; with $9.00 spent this month, that could pass the monthly budget of $10.00.',
    );
    assert.match(messageOf(down), / Routing to the cheapest capable model instead\.$/);
  });

  it('warns with the rounded share of every line past its warning fraction', () => {
    const guard = guardOf(new PeriodSpend({ 'day:*': 0.856, 'month:*': 8.1 }), { dailyUsd: 1, monthlyUsd: 10 });
    assert.deepEqual(guard.check(undefined), {
      action: 'allow',
      warnings: ['86% of daily budget of $1.00 used.', '81% of monthly budget of $10.00 used.'],
    });
  });
});

describe('BudgetGate edges', () => {
  const gate = (config: Partial<BudgetConfig>, spend: Record<string, number> = {}, book = new ReservationBook(() => 0)) =>
    new BudgetGate(guardOf(new PeriodSpend(spend), config), book);

  it('a warned request is sent and holds its estimate', () => {
    const g = gate({ dailyUsd: 1, action: 'warn' }, { 'day:*': 0.9 });
    const d = g.admit({ key: 'a', estimateUsd: 0.2 });
    assert.equal(d.action, 'warn');
    assert.match(messageOf(d), /could cost up to \$0\.20/);
    assert.equal(g.reservations.heldUsd(), 0.2);
  });

  it('a blocked request holds nothing', () => {
    const g = gate({ dailyUsd: 1 }, { 'day:*': 1 });
    assert.equal(g.admit({ key: 'a', estimateUsd: 0.2 }).action, 'block');
    assert.equal(g.reservations.size, 0);
  });

  it('a priced downgrade holds its own estimate and says what it may cost', () => {
    const g = gate({ dailyUsd: 1, action: 'downgrade' }, { 'day:*': 0.9 });
    const d = g.admit({ key: 'a', estimateUsd: 0.5, downgrade: () => ({ ref: 'groq:small', estimateUsd: 0.05, local: false }) });
    assert.deepEqual(d, {
      action: 'downgrade',
      message:
        'This request could cost up to $0.50; with $0.90 spent today, that could pass the daily budget of $1.00. Routing to groq:small (estimated up to $0.05), the cheapest capable model, instead.',
      downgradeTo: 'groq:small',
    });
    assert.equal(g.reservations.heldUsd(), 0.05);
  });

  it('a replacement that costs as much as the first choice is no downgrade; it blocks naming the first choice', () => {
    const g = gate({ dailyUsd: 1, action: 'downgrade' }, { 'day:*': 1 });
    const d = g.admit({
      key: 'a',
      estimateUsd: 0.5,
      firstChoice: 'openai:big',
      downgrade: () => ({ ref: 'x:y', estimateUsd: 0.5, local: false }),
    });
    assert.equal(d.action, 'block');
    assert.equal(
      messageOf(d),
      '$1.00 spent reaches daily budget of $1.00. Nothing was sent: the switchboard.budgets action is "downgrade", but openai:big is already the cheapest capable model you can reach, and no local model can serve it. Raise the limit, add a local model, or wait for the next period.',
    );
    const unnamed = g.admit({ key: 'b', estimateUsd: 0.5, downgrade: () => ({ ref: 'x:y', estimateUsd: 0.6, local: false }) });
    assert.match(messageOf(unnamed), /but the requested model is already the cheapest/);
  });

  it('ends a hold when an attempt succeeds, is partial or is cancelled, and keeps it for a retry after a failure', () => {
    for (const outcome of ['success', 'partial', 'cancelled']) {
      const g = gate({ dailyUsd: 10 });
      g.admit({ key: 'a', estimateUsd: 0.3 });
      g.settled('a', outcome);
      assert.equal(g.reservations.heldUsd(), 0, outcome);
    }
    const g = gate({ dailyUsd: 10 });
    g.admit({ key: 'a', estimateUsd: 0.3 });
    g.settled('a', 'error');
    assert.equal(g.reservations.heldUsd(), 0.3);
    g.ended('a');
    assert.equal(g.reservations.heldUsd(), 0);
  });

  it('without any limit, a request is allowed and tracked but holds nothing', () => {
    const g = gate({});
    assert.deepEqual(g.admit({ key: 'a', estimateUsd: 5 }), { action: 'allow' });
    assert.equal(g.reservations.size, 1);
    assert.equal(g.reservations.heldUsd(), 0);
  });
});

describe('ReservationBook edges', () => {
  it('holds nothing for an estimate that is negative or not a number', () => {
    const book = new ReservationBook(() => 0);
    for (const usd of [-1, NaN, Infinity]) assert.equal(book.reserve(String(usd), usd, undefined).usd, 0);
    assert.equal(book.heldUsd(), 0);
  });

  it('a hold lives until just before its time-to-live, and not at it', () => {
    let t = 100;
    const book = new ReservationBook(() => t);
    book.reserve('a', 1, 'ws');
    t += RESERVATION_TTL_MS - 1;
    assert.equal(book.heldUsd('ws'), 1);
    assert.equal(book.size, 1);
    t += 1;
    assert.equal(book.size, 0);
  });

  it('sums one workspace or everyone', () => {
    const book = new ReservationBook(() => 0);
    book.reserve('a', 1, 'one');
    book.reserve('b', 2, 'two');
    book.reserve('c', 4, undefined);
    assert.equal(book.heldUsd('one'), 1);
    assert.equal(book.heldUsd(), 7);
    book.release('b');
    assert.equal(book.heldUsd(), 5);
  });
});

describe('chooseDowngrade edges', () => {
  const ep = (provider: string, contextWindow: number | undefined, inP = 1): Endpoint => ({
    canonicalModel: `x/${provider}`,
    provider,
    modelId: provider,
    price: { inputPerMTok: inP, outputPerMTok: inP },
    capabilities: { images: false, reasoning: false, tools: true },
    source: 'bundled',
    contextWindow,
  });
  const catalogOf = (all: Endpoint[]): CatalogView => ({
    endpointsOf: (m) => all.filter((e) => e.canonicalModel === m),
    pinned: () => undefined as unknown as Endpoint,
    models: () => all.map((e) => e.canonicalModel),
  });

  it('a context window exactly the prompt size fits; a smaller one does not; an unknown one is given the benefit', () => {
    const reach = () => true;
    const local = () => false;
    assert.equal(chooseDowngrade(catalogOf([ep('exact', 8000)]), reach, local, { minContextTokens: 8000 })?.provider, 'exact');
    assert.equal(chooseDowngrade(catalogOf([ep('small', 7999)]), reach, local, { minContextTokens: 8000 }), undefined);
    assert.equal(chooseDowngrade(catalogOf([ep('unknown', undefined)]), reach, local, { minContextTokens: 8000 })?.provider, 'unknown');
  });

  it('of two equally priced endpoints keeps the first, and counts output price too', () => {
    const a = ep('a', undefined, 1);
    const b = ep('b', undefined, 1);
    assert.equal(
      chooseDowngrade(
        catalogOf([a, b]),
        () => true,
        () => false,
      )?.provider,
      'a',
    );
    const cheapIn = { ...ep('cheapin', undefined), price: { inputPerMTok: 0.1, outputPerMTok: 10 } };
    const even = { ...ep('even', undefined), price: { inputPerMTok: 1, outputPerMTok: 1 } };
    assert.equal(
      chooseDowngrade(
        catalogOf([cheapIn, even]),
        () => true,
        () => false,
      )?.provider,
      'even',
    );
  });
});

describe('mergeBudgetLevels edges', () => {
  it('merges the per-workspace limits too, and keeps the user action when the workspace is laxer', () => {
    const merged = mergeBudgetLevels(
      { warnAt: 0.8, action: 'block', perWorkspace: { dailyUsd: 2 } },
      { action: 'warn', warnAt: 0.9, perWorkspace: { dailyUsd: 1, monthlyUsd: 20 } },
    );
    assert.deepEqual(merged, { warnAt: 0.8, action: 'block', perWorkspace: { dailyUsd: 1, monthlyUsd: 20 } });
  });

  it('adds no limits neither level set', () => {
    const merged = mergeBudgetLevels({ warnAt: 0.8, action: 'warn' }, { action: 'downgrade' });
    assert.deepEqual(merged, { warnAt: 0.8, action: 'downgrade' });
  });
});

describe('budget edges found by mutation', () => {
  const gate = (config: Partial<BudgetConfig>, spend: Record<string, number> = {}) =>
    new BudgetGate(guardOf(new PeriodSpend(spend), config), new ReservationBook(() => 0));

  it('releasing a reservation ends its own hold', () => {
    const book = new ReservationBook(() => 0);
    book.reserve('k', 1, undefined).release();
    assert.equal(book.heldUsd(), 0);
  });

  it('at a downgrade limit with no way to find a replacement, blocks instead of failing', () => {
    assert.equal(gate({ dailyUsd: 1, action: 'downgrade' }, { 'day:*': 1 }).admit({ key: 'a', estimateUsd: 0.5 }).action, 'block');
  });

  it('a local replacement is always a downgrade, even unpriced; an unpriced remote one never is', () => {
    const g = gate({ dailyUsd: 1, action: 'downgrade' }, { 'day:*': 1 });
    const local = g.admit({ key: 'a', estimateUsd: 0, downgrade: () => ({ ref: 'ollama:x', estimateUsd: undefined, local: true }) });
    assert.equal(local.action, 'downgrade');
    const remote = g.admit({ key: 'b', estimateUsd: undefined, downgrade: () => ({ ref: 'x:y', estimateUsd: undefined, local: false }) });
    assert.equal(remote.action, 'block');
  });

  it('a $0 limit with nothing spent stands at exactly 100%', () => {
    assert.equal(guardOf(new PeriodSpend({}), { dailyUsd: 0 }).status().lines[0].ratio, 1);
  });
});
