import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BudgetGuard, chooseDowngrade, type BudgetConfig } from '../../../src/core/budgets';
import type { CatalogView, Endpoint } from '../../../src/core/catalog/types';
import { SpendLedger } from '../../../src/core/ledger';
import { entry } from '../ledger/fixtures/entry';

const NOW = new Date(2026, 10, 25, 15).getTime();

function setup(config: Partial<BudgetConfig>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-budget-'));
  const ledger = new SpendLedger({ dir, clock: { now: () => NOW } });
  ledger.load();
  const cfg: BudgetConfig = { warnAt: 0.8, action: 'warn', ...config };
  return {
    ledger,
    guard: new BudgetGuard(
      ledger,
      () => cfg,
      () => NOW,
    ),
  };
}

describe('BudgetGuard', () => {
  it('allows under the warning threshold and warns above it', () => {
    const { ledger, guard } = setup({ dailyUsd: 1 });
    ledger.append(entry('a', { costUsd: 0.5 }));
    assert.deepEqual(guard.check(undefined), { action: 'allow', warnings: [] });
    ledger.append(entry('b', { costUsd: 0.35 }));
    const d = guard.check(undefined);
    assert.equal(d.action, 'allow');
    assert.match((d as { warnings: string[] }).warnings[0], /85% of daily budget of \$1\.00/);
    assert.equal(guard.status().worst, 'warn');
  });

  for (const action of ['warn', 'block', 'downgrade'] as const) {
    it(`at the limit applies action "${action}" with a clear message`, () => {
      const { ledger, guard } = setup({ monthlyUsd: 2, action });
      ledger.append(entry('a', { costUsd: 2.01 }));
      const d = guard.check(undefined);
      assert.equal(d.action, action);
      const msg = (d as { message: string }).message;
      assert.match(msg, /reaches monthly budget of \$2\.00/);
      if (action === 'block') assert.match(msg, /Nothing was sent.*switchboard\.budgets/);
      if (action === 'downgrade') assert.match(msg, /cheapest capable model/);
      assert.equal(guard.status().worst, 'over');
    });
  }

  it('catches a single request whose estimate would cross the limit', () => {
    const { ledger, guard } = setup({ dailyUsd: 1, action: 'block' });
    ledger.append(entry('a', { costUsd: 0.3 }));
    assert.equal(guard.check(undefined, 0.5).action, 'allow');
    const d = guard.check(undefined, 0.8);
    assert.equal(d.action, 'block');
    assert.match(
      (d as { message: string }).message,
      /could cost up to \$0\.80; with \$0\.30 spent today, that could pass the daily budget of \$1\.00/,
    );
  });

  it('spend exactly equal to the limit blocks with "block"', () => {
    const { ledger, guard } = setup({ dailyUsd: 1, action: 'block' });
    ledger.append(entry('a', { costUsd: 0.5 }));
    ledger.append(entry('b', { costUsd: 0.5 }));
    assert.equal(guard.status().lines[0].spentUsd, 1);
    const d = guard.check(undefined);
    assert.equal(d.action, 'block');
    assert.match((d as { message: string }).message, /\$1\.00 spent reaches daily budget of \$1\.00\. Nothing was sent/);
  });

  it('an estimate that lands exactly on the limit is still allowed; one cent more is not', () => {
    const { ledger, guard } = setup({ dailyUsd: 1, action: 'block' });
    ledger.append(entry('a', { costUsd: 0.5 }));
    assert.equal(guard.check(undefined, 0.5).action, 'allow');
    assert.equal(guard.check(undefined, 0.51).action, 'block');
  });

  it('warns from exactly the warnAt fraction of a limit, not below it', () => {
    const { ledger, guard } = setup({ dailyUsd: 1, warnAt: 0.5 });
    ledger.append(entry('a', { costUsd: 0.499 }));
    assert.deepEqual(guard.check(undefined), { action: 'allow', warnings: [] });
    assert.equal(guard.status().worst, 'ok');
    ledger.append(entry('b', { costUsd: 0.001 }));
    assert.equal(guard.status().lines[0].state, 'warn');
    assert.deepEqual(guard.check(undefined), { action: 'allow', warnings: ['50% of daily budget of $1.00 used.'] });
  });

  it('the default warnAt of 0.8 is a fraction of the limit, checked per line', () => {
    const { ledger, guard } = setup({ dailyUsd: 1, monthlyUsd: 10 });
    ledger.append(entry('a', { costUsd: 0.8 }));
    const lines = guard.status().lines;
    assert.deepEqual(
      lines.map((l) => [l.period, l.state]),
      [
        ['day', 'warn'],
        ['month', 'ok'],
      ],
    );
  });

  it('per-workspace limits count only that workspace', () => {
    const { ledger, guard } = setup({ perWorkspace: { dailyUsd: 0.5 }, action: 'block' });
    ledger.append(entry('a', { costUsd: 0.6, workspace: 'other' }));
    assert.equal(guard.check('mine').action, 'allow');
    ledger.append(entry('b', { costUsd: 0.6, workspace: 'mine' }));
    const d = guard.check('mine');
    assert.equal(d.action, 'block');
    assert.match((d as { message: string }).message, /this workspace's daily budget/);
    assert.equal(guard.check(undefined).action, 'allow', 'no global limit set');
  });

  it('unpriced spend is counted as unpriced attempts, not as dollars', () => {
    const { ledger, guard } = setup({ dailyUsd: 1 });
    ledger.append(entry('a', { costUsd: undefined, costStatus: 'unpriced' }));
    assert.equal(guard.status().lines[0].spentUsd, 0);
    assert.equal(ledger.spent('day').unpricedAttempts, 1);
  });
});

describe('chooseDowngrade', () => {
  const ep = (provider: string, modelId: string, inP: number | undefined, over: Partial<Endpoint> = {}): Endpoint => ({
    canonicalModel: `x/${modelId}`,
    provider,
    modelId,
    price: inP === undefined ? undefined : { inputPerMTok: inP, outputPerMTok: inP * 4 },
    capabilities: { images: false, reasoning: false, tools: true },
    source: 'bundled',
    ...over,
  });
  const all = [
    ep('openai', 'big', 5),
    ep('groq', 'small', 0.1),
    ep('mystery', 'free?', undefined),
    ep('openai', 'vision', 0.4, { capabilities: { images: true, reasoning: false, tools: true } }),
    ep('ollama', 'llama3', 0),
  ];
  const catalog: CatalogView = {
    endpointsOf: (m) => all.filter((e) => e.canonicalModel === m),
    pinned: (p, m) => ep(p, m, undefined),
    models: () => [...new Set(all.map((e) => e.canonicalModel))],
  };

  it('prefers a reachable local model, then the cheapest priced one, never an unpriced one', () => {
    assert.equal(
      chooseDowngrade(
        catalog,
        () => true,
        (p) => p === 'ollama',
      )?.modelId,
      'llama3',
    );
    assert.equal(
      chooseDowngrade(
        catalog,
        (p) => p !== 'ollama',
        (p) => p === 'ollama',
      )?.modelId,
      'small',
    );
    assert.equal(
      chooseDowngrade(
        catalog,
        (p) => p === 'mystery',
        () => false,
      ),
      undefined,
    );
  });

  it('respects required capabilities', () => {
    assert.equal(
      chooseDowngrade(
        catalog,
        (p) => p !== 'ollama',
        () => false,
        { images: true },
      )?.modelId,
      'vision',
    );
  });
});
