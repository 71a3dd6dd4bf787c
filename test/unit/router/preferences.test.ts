import * as assert from 'node:assert/strict';
import { mergePreferences } from '../../../src/core/router/preferences';

describe('mergePreferences', () => {
  it('fills defaults: balanced, 4 attempts, no comparable fallback', () => {
    const p = mergePreferences();
    assert.equal(p.sort, 'balanced');
    assert.equal(p.maxAttempts, 4);
    assert.equal(p.allowComparableFallback, false);
    assert.equal(p.noTraining, false);
    assert.equal(p.only, undefined);
  });

  it('lets later levels override scalars and each max-price bound separately', () => {
    const p = mergePreferences(
      { sort: 'price', maxPrice: { inputPerMTok: 5, outputPerMTok: 20 }, maxAttempts: 6 },
      { sort: 'latency', maxPrice: { outputPerMTok: 10 } },
      { sort: 'throughput' },
    );
    assert.equal(p.sort, 'throughput');
    assert.deepEqual(p.maxPrice, { inputPerMTok: 5, outputPerMTok: 10 });
    assert.equal(p.maxAttempts, 6);
  });

  it('adds up ignore lists and lets the request replace `only`', () => {
    const p = mergePreferences({ ignore: ['a'], only: ['a', 'b'] }, { ignore: ['b'] }, { ignore: ['a', 'c'], only: ['c'] });
    assert.deepEqual([...p.ignore].sort(), ['a', 'b', 'c']);
    assert.deepEqual(p.only, ['c']);
  });

  it('never lets a later level widen the allow-list or drop noTraining', () => {
    const p = mergePreferences(
      { noTraining: true, allowedProviders: ['ollama', 'lmstudio', 'openai'] },
      { allowedProviders: ['ollama', 'lmstudio'] },
      { noTraining: false, allowedProviders: ['openai', 'ollama'] },
    );
    assert.equal(p.noTraining, true);
    assert.deepEqual(p.allowedProviders, ['ollama']);
  });

  it('merges comparable models per model and lets the request switch the fallback on', () => {
    const p = mergePreferences(
      { comparableModels: { a: ['b'], x: ['y'] } },
      { comparableModels: { a: ['c'] } },
      { allowComparableFallback: true },
    );
    assert.deepEqual(p.comparableModels, { a: ['c'], x: ['y'] });
    assert.equal(p.allowComparableFallback, true);
  });
});

describe('mergePreferences: attempt limits', () => {
  it('ignores an attempt limit below one and rounds a fractional one down', () => {
    assert.equal(mergePreferences({ maxAttempts: 3 }, { maxAttempts: 0 }).maxAttempts, 3);
    assert.equal(mergePreferences({ maxAttempts: -2 }).maxAttempts, 4);
    assert.equal(mergePreferences({ maxAttempts: 1 }).maxAttempts, 1);
    assert.equal(mergePreferences({ maxAttempts: 2.7 }).maxAttempts, 2);
  });

  it('a later level can switch the comparable fallback back off', () => {
    assert.equal(mergePreferences({ allowComparableFallback: true }, { allowComparableFallback: false }).allowComparableFallback, false);
    assert.equal(mergePreferences({ allowComparableFallback: true }, {}).allowComparableFallback, true);
  });

  it('a level without an ignore list ignores nothing', () => {
    assert.deepEqual(mergePreferences({}, { sort: 'price' }).ignore, []);
  });

  it('a level without an allow-list leaves the earlier one in force', () => {
    assert.deepEqual(mergePreferences({ allowedProviders: ['a', 'b'] }, {}, { ignore: ['c'] }).allowedProviders, ['a', 'b']);
    assert.equal(mergePreferences({}).allowedProviders, undefined);
  });
});
