// Property: however requests sent together are admitted and settled, a `block` budget is never
// exceeded by more than one request's estimation error.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { BudgetGate, BudgetGuard, ReservationBook, type BudgetConfig } from '../../../src/core/budgets';
import { MemorySpend } from './spend-fake';

interface Req {
  /** Estimate as a fraction of the limit. */
  estimate: number;
  /** Fraction of the estimate actually charged (the estimate is the upper end of the range). */
  charged: number;
  fails: boolean;
}

const reqArb: fc.Arbitrary<Req> = fc.record({
  estimate: fc.double({ min: 0, max: 0.6, noNaN: true }),
  charged: fc.double({ min: 0.5, max: 1, noNaN: true }),
  fails: fc.boolean(),
});

const scenario = fc.record({
  limit: fc.double({ min: 0.01, max: 3, noNaN: true }),
  startFraction: fc.double({ min: 0, max: 1, noNaN: true }),
  requests: fc.array(reqArb, { minLength: 1, maxLength: 12 }),
  /** Picks which ready step (an admission or a settlement) happens next. */
  picks: fc.array(fc.nat(), { minLength: 24, maxLength: 24 }),
  /** One request may cost more than its estimate by this much. */
  overrun: fc.option(fc.record({ index: fc.nat(), usd: fc.double({ min: 0, max: 0.5, noNaN: true }) }), { nil: undefined }),
  scope: fc.constantFrom('global', 'workspace'),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

/** Plays one interleaving of admissions and settlements; returns the settled spend. */
function play(s: Scenario): { spent: number; limit: number; overrun: number } {
  const start = s.limit * s.startFraction;
  const spend = new MemorySpend(s.scope === 'global' ? start : 0);
  if (s.scope === 'workspace') spend.add(start, 'ws');
  const cfg: BudgetConfig =
    s.scope === 'global'
      ? { warnAt: 0.8, action: 'block', dailyUsd: s.limit }
      : { warnAt: 0.8, action: 'block', perWorkspace: { dailyUsd: s.limit } };
  const gate = new BudgetGate(new BudgetGuard(spend, () => cfg), new ReservationBook(() => 0));
  const overIndex = s.overrun ? s.overrun.index % s.requests.length : -1;
  const ready: Array<{ kind: 'admit' | 'settle'; i: number }> = s.requests.map((_, i) => ({ kind: 'admit', i }));
  let step = 0;
  while (ready.length) {
    const [next] = ready.splice(s.picks[step++ % s.picks.length] % ready.length, 1);
    const r = s.requests[next.i];
    const estimate = r.estimate * s.limit;
    const key = `r${next.i}`;
    if (next.kind === 'admit') {
      if (gate.admit({ key, workspace: 'ws', estimateUsd: estimate }).action === 'allow') ready.push({ kind: 'settle', i: next.i });
      continue;
    }
    if (r.fails) {
      gate.settled(key, 'failed');
    } else {
      spend.add(estimate * r.charged + (next.i === overIndex ? s.overrun!.usd : 0), 'ws');
      gate.settled(key, 'success');
    }
    gate.ended(key);
  }
  return { spent: spend.total(s.scope === 'global' ? undefined : 'ws'), limit: s.limit, overrun: s.overrun?.usd ?? 0 };
}

describe('budgets (property)', () => {
  it("random concurrent request sets never exceed a block limit by more than one request's estimation error", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const r = play(s);
        assert.ok(r.spent <= r.limit + r.overrun + 1e-9, `spent ${r.spent} against limit ${r.limit} (+${r.overrun} overrun)`);
      }),
      { numRuns: 500 },
    );
  });

  it('with estimates that hold, the limit itself is never crossed', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const r = play({ ...s, overrun: undefined, requests: s.requests.map((q) => ({ ...q, charged: 1 })) });
        assert.ok(r.spent <= r.limit + 1e-9, `spent ${r.spent} against limit ${r.limit}`);
      }),
      { numRuns: 300 },
    );
  });

  it('what was admitted is what fits: every admitted request had room when it came', () => {
    // Guards against a gate that passes the properties above by refusing everything.
    const spend = new MemorySpend(0);
    const gate = new BudgetGate(new BudgetGuard(spend, () => ({ warnAt: 0.8, action: 'block', dailyUsd: 1 })));
    const admitted = [0.3, 0.3, 0.3, 0.3].filter((e, i) => gate.admit({ key: `k${i}`, estimateUsd: e }).action === 'allow');
    assert.equal(admitted.length, 3);
  });
});
