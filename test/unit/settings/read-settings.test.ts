import * as assert from 'node:assert/strict';
import { formatProblems, NO_PROVIDER, readSettings, type SettingsSource } from '../../../src/core/settings/read-settings';
import type { SettingName } from '../../../src/core/settings/schema';

function source(
  values: Partial<Record<SettingName, unknown>>,
  levels?: Record<string, { user?: unknown; workspace?: unknown }>,
): SettingsSource {
  return { get: (n) => values[n], levels: levels ? (n) => levels[n] ?? {} : undefined };
}

describe('readSettings', () => {
  it('gives defaults and no problems when nothing is set', () => {
    const r = readSettings(source({}));
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.settings.providers, {});
    assert.equal(r.settings.budgets.warnAt, 0.8);
    assert.equal(r.settings.budgets.action, 'warn');
    assert.equal(r.settings.timeouts.firstByteMs, 120_000);
    assert.equal(r.settings.keysFromEnvironment, false);
    assert.equal(r.settings.logPrompts, false);
  });

  it('keeps valid values', () => {
    const r = readSettings(
      source({
        providers: { openai: { baseUrl: 'http://127.0.0.1:9/v1' }, gemini: { enabled: false } },
        budgets: { dailyUsd: 2, monthlyUsd: 30, warnAt: 0.5, action: 'block' },
        timeouts: { connectMs: 500, firstByteMs: 1000, idleMs: 2000 },
      }),
    );
    assert.deepEqual(r.problems, []);
    assert.equal(r.settings.providers.openai.baseUrl, 'http://127.0.0.1:9/v1');
    assert.equal(r.settings.providers.gemini.enabled, false);
    assert.equal(r.settings.budgets.action, 'block');
    assert.equal(r.settings.timeouts.idleMs, 2000);
  });

  it('names the bad setting and field, ignores only that setting', () => {
    const r = readSettings(source({ budgets: { dailyUsd: 1, warnAt: 3 }, confirmAboveUsd: 0.5, logPrompts: 'yes' }));
    const names = r.problems.map((p) => p.setting).sort();
    assert.deepEqual(names, ['switchboard.budgets.warnAt', 'switchboard.logPrompts']);
    assert.match(r.problems.find((p) => p.setting === 'switchboard.budgets.warnAt')!.message, /at most 1/);
    assert.equal(r.settings.budgets.dailyUsd, 1, 'the good fields of the setting are kept');
    assert.equal(r.settings.budgets.warnAt, 0.8, 'the bad field falls back to its default');
    assert.equal(r.settings.confirmAboveUsd, 0.5, 'other settings keep working');
    assert.equal(r.settings.logPrompts, false);
  });

  it('rejects a base URL that is not http(s) and unknown fields', () => {
    const r = readSettings(source({ providers: { openai: { baseUrl: 'file:///etc/passwd' } }, timeouts: { connectMs: 1000, bogus: 1 } }));
    assert.ok(r.problems.some((p) => p.setting === 'switchboard.providers.openai.baseUrl'));
    const t = r.problems.find((p) => p.setting === 'switchboard.timeouts');
    assert.ok(t, formatProblems(r.problems));
    assert.match(t.message, /"bogus"/);
    assert.equal(r.settings.timeouts.connectMs, 1000, 'the known field next to an unknown one is kept');
    assert.deepEqual(
      r.settings.providers,
      { openai: { enabled: false } },
      'a provider with a bad base URL is off, never sent to its default host',
    );
    assert.ok(r.problems.some((p) => p.setting === 'switchboard.providers.openai' && /turned off/.test(p.message)));
  });

  it('salvages values handed out as read-only proxies, as VS Code does, without throwing', () => {
    const readOnly = <T extends object>(o: T): T =>
      new Proxy(o, {
        get: (t, k) => {
          const v = Reflect.get(t, k);
          return v && typeof v === 'object' ? readOnly(v) : v;
        },
        set: () => {
          throw new Error('read-only');
        },
      });
    const r = readSettings(
      source({
        budgets: readOnly({ monthlyUsd: 10, warnAt: 2, action: 'block' }),
        routing: readOnly({ sort: 'cheapest', ignore: ['openrouter'] }),
      }),
    );
    assert.deepEqual(r.settings.budgets, { monthlyUsd: 10, warnAt: 0.8, action: 'block' });
    assert.deepEqual(r.settings.routing, { ignore: ['openrouter'] });
  });

  it('keeps a budget’s limit and action when another field is wrong', () => {
    const r = readSettings(source({ budgets: { monthlyUsd: 10, warnAt: 2, action: 'block' } }));
    assert.deepEqual(r.settings.budgets, { monthlyUsd: 10, warnAt: 0.8, action: 'block' });
  });

  it('keeps the valid entries of routing lists, and an unreadable "only" allows no provider', () => {
    const r = readSettings(source({ routing: { sort: 'cheapest', ignore: ['openrouter', 'Bad Id'] } }));
    assert.deepEqual(r.settings.routing, { ignore: ['openrouter'] });
    const only = readSettings(source({ routing: { only: ['Not Valid'] } }));
    assert.deepEqual(only.settings.routing.only, [NO_PROVIDER]);
    const levels = readSettings(source({}, { routing: { workspace: { only: 'ollama', sort: 'price' } } }));
    assert.deepEqual(levels.routingLevels.workspace, { sort: 'price', only: [NO_PROVIDER] });
  });

  it('a workspace allow-list that cannot be read allows no provider, never every one', () => {
    assert.deepEqual(readSettings(source({ workspaceAllowedProviders: ['ollama', 'Bad Id'] })).settings.workspaceAllowedProviders, [
      'ollama',
    ]);
    const bad = readSettings(source({ workspaceAllowedProviders: 'ollama' }));
    assert.deepEqual(bad.settings.workspaceAllowedProviders, [NO_PROVIDER]);
    assert.ok(bad.problems.some((p) => /no provider is used/.test(p.message)));
    assert.deepEqual(readSettings(source({ workspaceAllowedProviders: [] })).settings.workspaceAllowedProviders, []);
  });

  it('refuses a custom provider that takes a built-in provider’s id', () => {
    const r = readSettings(
      source({ customProviders: [{ id: 'openai', displayName: 'Mine', family: 'openai', baseUrl: 'http://127.0.0.1:1/v1' }] }),
      { builtInProviderIds: new Set(['openai']) },
    );
    assert.deepEqual(r.settings.customProviders, []);
    assert.match(r.problems[0].message, /built-in provider.*switchboard\.providers\.openai\.baseUrl/);
  });

  it('drops only the bad rows of a table and reports their index', () => {
    const r = readSettings(
      source({
        customProviders: [
          { id: 'local-vllm', displayName: 'vLLM', family: 'openai', baseUrl: 'http://127.0.0.1:8000/v1' },
          { id: 'bad', displayName: 'Bad', family: 'cohere', baseUrl: 'http://x' },
          { id: 'local-vllm', displayName: 'dup', family: 'openai', baseUrl: 'http://127.0.0.1:8001/v1' },
        ],
        priceOverrides: [{ provider: 'openai', model: 'gpt-x', inputPerMTok: -1, outputPerMTok: 2 }],
      }),
    );
    assert.deepEqual(
      r.settings.customProviders.map((p) => p.displayName),
      ['vLLM'],
    );
    assert.ok(r.problems.some((p) => p.setting === 'switchboard.customProviders[1].family' && /"openai"/.test(p.message)));
    assert.ok(r.problems.some((p) => p.setting === 'switchboard.customProviders[2].id' && /twice/.test(p.message)));
    assert.ok(r.problems.some((p) => p.setting === 'switchboard.priceOverrides[0].inputPerMTok'));
    assert.deepEqual(r.settings.priceOverrides, []);
  });

  it('reads routing per level and reports a bad workspace level', () => {
    const r = readSettings(
      source({ routing: { sort: 'price' } }, { routing: { user: { sort: 'latency', noTraining: true }, workspace: { sort: 'cheapest' } } }),
    );
    assert.equal(r.routingLevels.user.sort, 'latency');
    assert.deepEqual(r.routingLevels.workspace, {});
    assert.ok(r.problems.some((p) => p.setting.startsWith('switchboard.routing (workspace)')));
  });

  it('formats problems as one readable line', () => {
    const s = formatProblems([
      { setting: 'switchboard.a', message: 'x' },
      { setting: 'switchboard.b', message: 'y' },
    ]);
    assert.equal(s, 'switchboard.a: x; switchboard.b: y');
  });
});
