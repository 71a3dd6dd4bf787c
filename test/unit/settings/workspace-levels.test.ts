// A repository's .vscode/settings.json may tighten the user's budgets, never loosen them, and
// cannot set prices at all.
import * as assert from 'node:assert/strict';
import { readSettings, type SettingsSource } from '../../../src/core/settings/read-settings';
import type { SettingName } from '../../../src/core/settings/schema';

/** What VS Code gives: `get` deep-merges workspace over user over default; `levels` is inspect(). */
function vscodeLike(user: Partial<Record<SettingName, unknown>>, workspace: Partial<Record<SettingName, unknown>>): SettingsSource {
  const defaults: Partial<Record<SettingName, unknown>> = { budgets: { warnAt: 0.8, action: 'warn' } };
  const merged = (n: SettingName) => {
    const layers = [defaults[n], user[n], workspace[n]].filter((v) => v !== undefined);
    if (layers.every((l) => l && typeof l === 'object' && !Array.isArray(l)))
      return layers.length ? Object.assign({}, ...layers) : undefined;
    return layers[layers.length - 1];
  };
  return { get: merged, levels: (n) => ({ user: user[n], workspace: workspace[n] }) };
}

const override = { provider: 'openai', model: 'gpt-4o', inputPerMTok: 0, outputPerMTok: 0 };

describe('workspace settings levels', () => {
  it("a workspace cannot turn the user's block into warn or raise a limit", () => {
    const r = readSettings(
      vscodeLike({ budgets: { dailyUsd: 5, action: 'block' } }, { budgets: { dailyUsd: 500, action: 'warn', warnAt: 1 } }),
    );
    assert.deepEqual(r.settings.budgets, { dailyUsd: 5, action: 'block', warnAt: 0.8 });
  });

  it('a workspace field the schema does not know is named and ignored; its other tighter fields still hold', () => {
    const r = readSettings(
      vscodeLike({ budgets: { dailyUsd: 10, action: 'warn' } }, { budgets: { dailyUsd: 2, dailyLimit: 1, action: 'block' } }),
    );
    assert.deepEqual(r.settings.budgets, { dailyUsd: 2, action: 'block', warnAt: 0.8 });
    assert.deepEqual(r.problems, [{ setting: 'switchboard.budgets (workspace)', message: 'unknown field(s) "dailyLimit"' }]);
  });

  it('a workspace can tighten every part of a budget', () => {
    const r = readSettings(
      vscodeLike(
        { budgets: { dailyUsd: 5, action: 'warn' } },
        { budgets: { dailyUsd: 2, monthlyUsd: 20, warnAt: 0.5, action: 'downgrade', perWorkspace: { dailyUsd: 1 } } },
      ),
    );
    assert.deepEqual(r.settings.budgets, { dailyUsd: 2, monthlyUsd: 20, warnAt: 0.5, action: 'downgrade', perWorkspace: { dailyUsd: 1 } });
  });

  it('price overrides come from user settings only, and the workspace attempt is reported', () => {
    const r = readSettings(
      vscodeLike({ priceOverrides: [{ ...override, inputPerMTok: 2, outputPerMTok: 8 }] }, { priceOverrides: [override] }),
    );
    assert.deepEqual(r.settings.priceOverrides, [{ ...override, inputPerMTok: 2, outputPerMTok: 8 }]);
    const p = r.problems.find((x) => x.setting === 'switchboard.priceOverrides');
    assert.ok(p, JSON.stringify(r.problems));
    assert.match(p.message, /workspace.*user settings only/);
  });

  it("without a workspace value nothing is reported and the user's values stand", () => {
    const r = readSettings(vscodeLike({ budgets: { monthlyUsd: 30, action: 'block' }, priceOverrides: [override] }, {}));
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.settings.budgets, { monthlyUsd: 30, action: 'block', warnAt: 0.8 });
    assert.deepEqual(r.settings.priceOverrides, [override]);
  });

  it('an invalid workspace budget field is reported and cannot loosen anything', () => {
    const r = readSettings(vscodeLike({ budgets: { dailyUsd: 5, action: 'block' } }, { budgets: { dailyUsd: -1, action: 'never' } }));
    assert.deepEqual(r.settings.budgets, { dailyUsd: 5, action: 'block', warnAt: 0.8 });
    assert.ok(r.problems.some((p) => p.setting.startsWith('switchboard.budgets')));
  });

  it('a typo inside perWorkspace is named and ignored; the per-workspace tightening beside it holds', () => {
    const r = readSettings(
      vscodeLike(
        { budgets: { perWorkspace: { dailyUsd: 10, monthlyUsd: 100 } } },
        { budgets: { perWorkspace: { dailyUsd: 2, dailyLimit: 1 } } },
      ),
    );
    assert.deepEqual(r.settings.budgets.perWorkspace, { dailyUsd: 2, monthlyUsd: 100 });
    assert.deepEqual(r.problems, [{ setting: 'switchboard.budgets (workspace).perWorkspace', message: 'unknown field(s) "dailyLimit"' }]);
  });

  it('an invalid perWorkspace limit is reported and the valid one beside it still tightens', () => {
    const r = readSettings(
      vscodeLike(
        { budgets: { perWorkspace: { dailyUsd: 10, monthlyUsd: 100 } } },
        { budgets: { perWorkspace: { dailyUsd: -1, monthlyUsd: 30 } } },
      ),
    );
    assert.deepEqual(r.settings.budgets.perWorkspace, { dailyUsd: 10, monthlyUsd: 30 });
    assert.deepEqual(
      r.problems.map((p) => p.setting),
      ['switchboard.budgets (workspace).perWorkspace.dailyUsd'],
    );
  });

  it('a perWorkspace that is not an object is reported and leaves the user limits in force', () => {
    const r = readSettings(vscodeLike({ budgets: { perWorkspace: { dailyUsd: 10 } } }, { budgets: { perWorkspace: 1, dailyUsd: 3 } }));
    assert.deepEqual(r.settings.budgets, { dailyUsd: 3, warnAt: 0.8, action: 'warn', perWorkspace: { dailyUsd: 10 } });
    assert.deepEqual(
      r.problems.map((p) => p.setting),
      ['switchboard.budgets (workspace).perWorkspace'],
    );
  });

  it("a typo inside a workspace's routing maxPrice is named; the bound beside it and the other preferences hold", () => {
    const r = readSettings(
      vscodeLike({}, { routing: { maxPrice: { inputPerMTok: 1, outputPerMtok: 2 }, noTraining: true, only: ['groq'] } }),
    );
    assert.deepEqual(r.routingLevels.workspace, { maxPrice: { inputPerMTok: 1 }, noTraining: true, only: ['groq'] });
    assert.deepEqual(r.problems, [{ setting: 'switchboard.routing (workspace).maxPrice', message: 'unknown field(s) "outputPerMtok"' }]);
  });
});
