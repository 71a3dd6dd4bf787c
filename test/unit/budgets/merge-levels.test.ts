import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { mergeBudgetLevels, type BudgetConfig } from '../../../src/core/budgets';

const user: BudgetConfig = { dailyUsd: 5, monthlyUsd: 50, warnAt: 0.8, action: 'downgrade', perWorkspace: { dailyUsd: 2 } };

describe('mergeBudgetLevels', () => {
  it('takes the lower limit, the lower warnAt and the stricter action', () => {
    assert.deepEqual(
      mergeBudgetLevels(user, { dailyUsd: 9, monthlyUsd: 10, warnAt: 0.9, action: 'warn', perWorkspace: { dailyUsd: 1, monthlyUsd: 3 } }),
      {
        dailyUsd: 5,
        monthlyUsd: 10,
        warnAt: 0.8,
        action: 'downgrade',
        perWorkspace: { dailyUsd: 1, monthlyUsd: 3 },
      },
    );
    assert.equal(mergeBudgetLevels(user, { action: 'block' }).action, 'block');
    assert.equal(mergeBudgetLevels({ ...user, action: 'warn' }, { action: 'downgrade' }).action, 'downgrade');
    assert.equal(mergeBudgetLevels({ ...user, action: 'block' }, { action: 'downgrade' }).action, 'block');
  });

  it('a limit only the workspace sets applies; one only the user sets stays', () => {
    assert.deepEqual(mergeBudgetLevels({ warnAt: 0.8, action: 'warn', monthlyUsd: 30 }, { dailyUsd: 1 }), {
      dailyUsd: 1,
      monthlyUsd: 30,
      warnAt: 0.8,
      action: 'warn',
    });
  });

  it('a limit of 0 from the workspace is the strictest of all', () => {
    assert.equal(mergeBudgetLevels(user, { dailyUsd: 0 }).dailyUsd, 0);
  });

  it('never loosens anything the user set (property)', () => {
    const limit = fc.option(fc.double({ min: 0, max: 1000, noNaN: true }), { nil: undefined });
    const cfg = fc.record({
      dailyUsd: limit,
      monthlyUsd: limit,
      warnAt: fc.double({ min: 0.01, max: 1, noNaN: true }),
      action: fc.constantFrom('warn' as const, 'block' as const, 'downgrade' as const),
      perWorkspace: fc.option(fc.record({ dailyUsd: limit, monthlyUsd: limit }), { nil: undefined }),
    });
    const rank = { warn: 0, downgrade: 1, block: 2 };
    fc.assert(
      fc.property(
        cfg,
        fc.record({
          dailyUsd: limit,
          monthlyUsd: limit,
          warnAt: fc.option(fc.double({ min: 0.01, max: 1, noNaN: true }), { nil: undefined }),
          action: fc.option(fc.constantFrom('warn' as const, 'block' as const, 'downgrade' as const), { nil: undefined }),
        }),
        (u, w) => {
          const m = mergeBudgetLevels(u, w);
          for (const k of ['dailyUsd', 'monthlyUsd'] as const) if (u[k] !== undefined) assert.ok(m[k]! <= u[k]!);
          for (const k of ['dailyUsd', 'monthlyUsd'] as const)
            if (u.perWorkspace?.[k] !== undefined) assert.ok(m.perWorkspace![k]! <= u.perWorkspace[k]!);
          assert.ok(m.warnAt <= u.warnAt);
          assert.ok(rank[m.action] >= rank[u.action]);
        },
      ),
    );
  });
});
