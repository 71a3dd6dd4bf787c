// switchboard.modelChains and switchboard.languageModelPinnedHosts through the settings reader.
import * as assert from 'node:assert/strict';
import { readSettings } from '../../../src/core/settings/read-settings';
import type { SettingName } from '../../../src/core/settings/schema';

const read = (values: Partial<Record<SettingName, unknown>>) => readSettings({ get: (n) => values[n] });

describe('modelChains setting', () => {
  it('defaults to no chains and no pinned hosts', () => {
    const r = read({});
    assert.deepEqual(r.settings.modelChains, {});
    assert.equal(r.settings.languageModelPinnedHosts, false);
  });

  it('keeps valid chains in order', () => {
    const r = read({ modelChains: { coding: ['anthropic/claude-sonnet-4.5', 'openai/gpt-5', 'groq:llama-3.3-70b-versatile'] } });
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.settings.modelChains.coding, ['anthropic/claude-sonnet-4.5', 'openai/gpt-5', 'groq:llama-3.3-70b-versatile']);
  });

  it('drops only the bad chain and names it', () => {
    const r = read({ modelChains: { coding: ['openai/gpt-5'], empty: [], bad: 'openai/gpt-5' } });
    assert.deepEqual(r.settings.modelChains, { coding: ['openai/gpt-5'] });
    const named = [...new Set(r.problems.map((p) => p.setting))].sort();
    assert.deepEqual(named, ['switchboard.modelChains.bad', 'switchboard.modelChains.empty']);
  });

  it('rejects a chain longer than 8 models', () => {
    const r = read({ modelChains: { long: Array.from({ length: 9 }, (_, i) => `m/${i}`) } });
    assert.deepEqual(r.settings.modelChains, {});
    assert.match(r.problems[0].message, /at most 8/);
  });
});
