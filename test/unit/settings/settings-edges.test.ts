// Edges of reading settings: what a bad value is reported as (once, by name), which good parts
// are kept, and which restrictions fail closed rather than open.
import * as assert from 'node:assert/strict';
import { NO_PROVIDER, readSettings, type SettingsSource } from '../../../src/core/settings/read-settings';
import type { SettingName } from '../../../src/core/settings/schema';

type Values = Partial<Record<SettingName, unknown>>;
const flat = (values: Values): SettingsSource => ({ get: (n) => values[n] });
/** A source that knows the user and workspace levels (as VS Code's inspect does); `get` is the workspace's over the user's. */
const levelled = (user: Values, workspace: Values): SettingsSource => ({
  get: (n) => workspace[n] ?? user[n],
  levels: (n) => ({ user: user[n], workspace: workspace[n] }),
});
const settingsOf = (r: ReturnType<typeof readSettings>) => r.problems.map((p) => p.setting);

describe('readSettings: reporting', () => {
  it('names the field and says what is wrong with it, in words', () => {
    const r = readSettings(
      flat({
        budgets: { warnAt: 'high', action: 'shout', colour: 1, extra: 2 },
        customProviders: [{ id: 'ok', displayName: 'Ok', family: 'openai', baseUrl: 'https://x.test/v1', keyRequired: 'no' }],
      }),
    );
    const byName = Object.fromEntries(r.problems.map((p) => [p.setting, p.message]));
    assert.equal(byName['switchboard.budgets.warnAt'], 'expected number');
    assert.equal(byName['switchboard.budgets.action'], 'must be one of "warn", "block", "downgrade"');
    assert.equal(byName['switchboard.budgets'], 'unknown field(s) "colour", "extra"');
    assert.equal(byName['switchboard.customProviders[0].keyRequired'], 'expected boolean');
  });

  it('an unset (null) value is the default and no problem', () => {
    const r = readSettings(flat({ defaultModel: null, budgets: null, workspaceAllowedProviders: null }));
    assert.deepEqual(r.problems, []);
    assert.equal(r.settings.defaultModel, '');
    assert.deepEqual(r.settings.workspaceAllowedProviders, []);
  });

  it('a value of the wrong type falls back to its default, whatever shape the default has', () => {
    const r = readSettings(flat({ defaultModel: 5 }));
    assert.equal(r.settings.defaultModel, '');
    assert.deepEqual(settingsOf(r), ['switchboard.defaultModel']);
  });

  it('a value JSON cannot copy is replaced by the default, not thrown', () => {
    const r = readSettings(flat({ budgets: { dailyUsd: 10n, warnAt: 0.5 } }));
    assert.deepEqual(r.settings.budgets, { warnAt: 0.8, action: 'warn' });
    assert.deepEqual(settingsOf(r), ['switchboard.budgets.dailyUsd']);
  });

  it('an allow-list that could not be read allows no provider, and says so', () => {
    const r = readSettings(flat({ workspaceAllowedProviders: ['Not An Id'] }));
    assert.deepEqual(r.settings.workspaceAllowedProviders, [NO_PROVIDER]);
    const last = r.problems.at(-1);
    assert.deepEqual(last, {
      setting: 'switchboard.workspaceAllowedProviders',
      message: 'no provider is used in this workspace until it is fixed',
    });
  });
});

describe('readSettings: table rows', () => {
  const template = { title: 'T', prompt: 'Say hi' };
  const builtIn = { builtInProviderIds: new Set(['openai', 'groq']) };

  it('a custom provider may not take a built-in id, and is told how to move that provider instead', () => {
    const row = { id: 'groq', displayName: 'G', family: 'openai', baseUrl: 'https://g.test/v1' };
    const r = readSettings(flat({ customProviders: [row] }), builtIn);
    assert.deepEqual(r.settings.customProviders, []);
    assert.deepEqual(r.problems, [
      {
        setting: 'switchboard.customProviders[0].id',
        message:
          '"groq" is a built-in provider; pick another id (to move groq itself, set switchboard.providers.groq.baseUrl); the entry is ignored',
      },
    ]);
  });

  it('other tables may use a built-in provider id as their own id', () => {
    const r = readSettings(flat({ promptTemplates: [{ id: 'openai', ...template }] }), builtIn);
    assert.deepEqual(r.problems, []);
    assert.equal(r.settings.promptTemplates.length, 1);
  });

  it('rows without an id are never duplicates of each other', () => {
    const row = { provider: 'openai', model: 'gpt-4o', inputPerMTok: 1, outputPerMTok: 2 };
    const r = readSettings(flat({ priceOverrides: [row, { ...row, model: 'gpt-4o-mini' }] }));
    assert.deepEqual(r.problems, []);
    assert.equal(r.settings.priceOverrides.length, 2);
  });
});

describe('readSettings: providers fail closed', () => {
  it('turns off only a provider whose base URL is invalid, and says so', () => {
    const r = readSettings(
      flat({
        providers: {
          groq: { baseUrl: 'ftp://mirror.test/?via=https://api.groq.com' },
          openai: { baseUrl: 'https://proxy.test/v1' },
          mistral: { enabled: 'yes' },
          'Bad Id': { baseUrl: 'nope' },
          cerebras: 'on',
        },
      }),
    );
    assert.deepEqual(r.settings.providers.groq, { enabled: false });
    assert.deepEqual(r.settings.providers.openai, { baseUrl: 'https://proxy.test/v1' });
    assert.equal(r.settings.providers.mistral?.enabled, undefined, 'a bad flag is dropped; the provider keeps its default host');
    assert.equal('Bad Id' in r.settings.providers, false);
    assert.equal('cerebras' in r.settings.providers, false);
    assert.deepEqual(
      r.problems.filter((p) => p.message.startsWith('turned off')),
      [{ setting: 'switchboard.providers.groq', message: 'turned off until its baseUrl is fixed' }],
    );
  });
});

describe('readSettings: routing fails closed', () => {
  it('an only list that lost every entry allows no provider; an empty or unset one allows all', () => {
    assert.deepEqual(readSettings(flat({ routing: { only: ['Bad Id'] } })).settings.routing.only, [NO_PROVIDER]);
    assert.deepEqual(readSettings(flat({ routing: { only: ['groq', 'Bad Id'] } })).settings.routing.only, ['groq']);
    assert.equal(readSettings(flat({ routing: { only: null, sort: 'fastest' } })).settings.routing.only, undefined);
    assert.deepEqual(readSettings(flat({ routing: { only: [], sort: 'fastest' } })).settings.routing.only, []);
    assert.deepEqual(readSettings(flat({ routing: 'price' })).settings.routing, {});
  });

  it('each level is read on its own, a bad one reported once with its level', () => {
    const user = { routing: { sort: 'price' } };
    const r = readSettings(levelled(user, { routing: { only: ['Bad Id'] } }));
    assert.deepEqual(r.routingLevels.user, { sort: 'price' });
    assert.deepEqual(r.routingLevels.workspace, { only: [NO_PROVIDER] });
    assert.deepEqual(settingsOf(r), ['switchboard.routing (workspace).only[0]'], 'named once, with the level that set it');
    const fromUser = readSettings(levelled({ routing: { only: ['Bad Id'] } }, { routing: { sort: 'price' } }));
    assert.deepEqual(settingsOf(fromUser), ['switchboard.routing (user).only[0]']);
    const wholeWorkspace = readSettings(levelled({ routing: { sort: 'price' } }, { routing: 'price' }));
    assert.deepEqual(settingsOf(wholeWorkspace), ['switchboard.routing (workspace)']);
    const wholeUser = readSettings(levelled({ routing: 'price' }, { routing: null }));
    assert.deepEqual(settingsOf(wholeUser), ['switchboard.routing (user)']);
    // VS Code merges object settings across levels: the effective value holds both levels' fields.
    const merged = (user: Values, workspace: Values): SettingsSource => ({
      get: (n) => (n === 'routing' ? { ...(user[n] as object), ...(workspace[n] as object) } : (workspace[n] ?? user[n])),
      levels: (n) => ({ user: user[n], workspace: workspace[n] }),
    });
    const mixed = readSettings(merged({ routing: { only: ['Bad Id'] } }, { routing: { sort: 'soon', noTraining: true } }));
    assert.deepEqual(settingsOf(mixed).sort(), ['switchboard.routing (user).only[0]', 'switchboard.routing (workspace).sort']);
    const both = readSettings(levelled({ routing: { sort: 'soon' } }, { routing: { only: ['groq'] } }));
    assert.deepEqual(settingsOf(both), ['switchboard.routing (user).sort']);
    assert.deepEqual(both.routingLevels.user, {});
    assert.deepEqual(both.routingLevels.workspace, { only: ['groq'] });
    const unset = readSettings(levelled({}, { routing: null }));
    assert.deepEqual(unset.routingLevels, { user: {}, workspace: {} });
    assert.deepEqual(unset.problems, []);
    const another = readSettings(levelled({ defaultModel: 5, routing: { sort: 'soon' } }, { routing: { only: ['groq'] } }));
    assert.deepEqual(
      settingsOf(another),
      ['switchboard.defaultModel', 'switchboard.routing (user).sort'],
      'a problem elsewhere hides nothing',
    );
  });

  it('without levels, the effective routing is the user level', () => {
    const r = readSettings(flat({ routing: { sort: 'latency' } }));
    assert.deepEqual(r.routingLevels, { user: { sort: 'latency' }, workspace: {} });
  });
});

describe('readSettings: budgets and prices by level', () => {
  const user = { budgets: { dailyUsd: 10, warnAt: 0.95, action: 'block' } };

  it('reads every other setting as usual when levels are known', () => {
    const r = readSettings(levelled({ defaultModel: 'openai/gpt-4o' }, { logPrompts: true }));
    assert.equal(r.settings.defaultModel, 'openai/gpt-4o');
    assert.equal(r.settings.logPrompts, true);
    assert.deepEqual(r.problems, []);
  });

  it('a bad user budget or price row is reported once', () => {
    const r = readSettings(levelled({ budgets: { dailyUsd: -1 } }, {}));
    assert.deepEqual(settingsOf(r), ['switchboard.budgets.dailyUsd']);
    const row = { provider: 'openai', model: 'gpt-4o', inputPerMTok: -1, outputPerMTok: 2 };
    const prices = readSettings(levelled({ priceOverrides: [row] }, {}));
    assert.deepEqual(settingsOf(prices), ['switchboard.priceOverrides[0].inputPerMTok']);
  });

  it('a workspace budget takes part only with the fields it set', () => {
    const r = readSettings(levelled(user, { budgets: { dailyUsd: 4 } }));
    assert.deepEqual(r.settings.budgets, { dailyUsd: 4, warnAt: 0.95, action: 'block' });
  });

  it('an invalid workspace field is left out, also inside a section, and the valid fields beside it still tighten', () => {
    const r = readSettings(levelled(user, { budgets: { dailyUsd: 4, warnAt: 7, perWorkspace: { dailyUsd: -1, monthlyUsd: 3 } } }));
    assert.deepEqual(r.settings.budgets, { dailyUsd: 4, warnAt: 0.95, action: 'block', perWorkspace: { monthlyUsd: 3 } });
    assert.deepEqual(settingsOf(r).sort(), [
      'switchboard.budgets (workspace).perWorkspace.dailyUsd',
      'switchboard.budgets (workspace).warnAt',
    ]);
  });

  it('a workspace budget that is not an object is ignored', () => {
    const r = readSettings(levelled(user, { budgets: 'cheap' }));
    assert.deepEqual(r.settings.budgets, user.budgets);
  });

  it('an empty or unset workspace price list is not reported as an attempt to set prices', () => {
    for (const ws of [[], null, undefined]) {
      const r = readSettings({ get: () => undefined, levels: (n) => (n === 'priceOverrides' ? { workspace: ws } : {}) });
      assert.deepEqual(r.problems, [], String(ws));
    }
  });
});
