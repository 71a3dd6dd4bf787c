import * as assert from 'node:assert/strict';
import { ModelCatalog } from '../../../src/core/catalog/model-catalog';
import { validatePriceOverrides } from '../../../src/core/catalog/price-overrides';

const NOW = Date.UTC(2026, 10, 25, 20, 0, 0);
const LLAMA = 'meta-llama/llama-3.3-70b-instruct';

describe('price overrides', () => {
  it('reports each bad entry with the setting name and keeps the good ones', () => {
    const { overrides, problems } = validatePriceOverrides(
      [
        { provider: 'groq', model: 'llama-3.3-70b-versatile', inputPerMTok: 0.3, outputPerMTok: 0.4 },
        { provider: 'nosuch', model: 'x', inputPerMTok: 1, outputPerMTok: 1 },
        { provider: 'openai', model: 'gpt-4o', inputPerMTok: -1, outputPerMTok: 1 },
        { provider: 'openai', model: 'gpt-4o' },
        'gpt-4o is cheap',
      ],
      new Set(['groq', 'openai']),
    );
    assert.equal(overrides.length, 1);
    assert.deepEqual(
      problems.map((p) => p.setting),
      ['switchboard.priceOverrides[1]', 'switchboard.priceOverrides[2]', 'switchboard.priceOverrides[3]', 'switchboard.priceOverrides[4]'],
    );
    assert.match(problems[0].message, /unknown provider "nosuch"/);
    assert.match(problems[1].message, /inputPerMTok/);
    assert.match(problems[2].message, /outputPerMTok/);
    assert.match(problems[2].message, /^inputPerMTok: .+; outputPerMTok: .+; entry ignored\.$/);
    assert.match(problems[3].message, /^entry: .+; entry ignored\.$/);
  });

  it('rejects a non-array setting as a whole, and treats absence as no overrides', () => {
    assert.deepEqual(validatePriceOverrides(undefined, new Set()), { overrides: [], problems: [] });
    assert.deepEqual(validatePriceOverrides(null, new Set()), { overrides: [], problems: [] });
    const r = validatePriceOverrides({ groq: 1 }, new Set(['groq']));
    assert.equal(r.overrides.length, 0);
    assert.equal(r.problems[0].setting, 'switchboard.priceOverrides');
    assert.match(r.problems[0].message, /^must be an array/);
  });

  it('a negotiated price wins over bundled and live data and re-sorts the hosts', async () => {
    const c = await ModelCatalog.create({ clock: { now: () => NOW } });
    const before = c.cheapestReachable(LLAMA, (p) => p === 'groq' || p === 'cerebras')!;
    assert.equal(before.provider, 'groq');
    const problems = c.setPriceOverrides([
      { provider: 'cerebras', model: 'llama-3.3-70b', inputPerMTok: 0.1, outputPerMTok: 0.1, cacheReadPerMTok: 0.01 },
      { provider: 'nosuch', model: 'llama', inputPerMTok: 0, outputPerMTok: 0 },
    ]);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].setting, 'switchboard.priceOverrides[1]');
    const after = c.cheapestReachable(LLAMA, (p) => p === 'groq' || p === 'cerebras')!;
    assert.equal(after.provider, 'cerebras');
    assert.equal(after.source, 'override');
    assert.deepEqual([after.price?.inputPerMTok, after.price?.cacheReadPerMTok], [0.1, 0.01]);
    assert.equal(c.pinned('cerebras', 'llama-3.3-70b').price?.inputPerMTok, 0.1);
  });

  it('an override may name the canonical model, and may add a model the catalog did not know', async () => {
    const c = await ModelCatalog.create({ clock: { now: () => NOW }, knownProviders: ['my-vllm'] });
    const problems = c.setPriceOverrides([
      { provider: 'anthropic', model: 'anthropic/claude-sonnet-4.5', inputPerMTok: 2.4, outputPerMTok: 12 },
      { provider: 'my-vllm', model: 'qwen2.5-coder-32b', inputPerMTok: 0.05, outputPerMTok: 0.05 },
    ]);
    assert.deepEqual(problems, []);
    assert.equal(c.endpointsOf('anthropic/claude-sonnet-4.5').find((e) => e.provider === 'anthropic')!.price?.inputPerMTok, 2.4);
    assert.equal(c.pinned('my-vllm', 'qwen2.5-coder-32b').price?.outputPerMTok, 0.05);
    assert.ok(c.models().includes('my-vllm/qwen2.5-coder-32b'));
    // Clearing the setting restores the table prices.
    c.setPriceOverrides([]);
    assert.equal(c.pinned('anthropic', 'claude-sonnet-4-5').price?.inputPerMTok, 3);
  });
});
