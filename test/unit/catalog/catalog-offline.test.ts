import * as assert from 'node:assert/strict';
import { sortCost } from '../../../src/core/catalog/catalog-index';
import { canonicalFor, idVariants } from '../../../src/core/catalog/canonical-ids';
import { CURATED_MODELS } from '../../../src/core/catalog/curated-aliases';
import { ModelCatalog } from '../../../src/core/catalog/model-catalog';

const NOW = Date.UTC(2026, 10, 25, 20, 0, 0);
const LLAMA = 'meta-llama/llama-3.3-70b-instruct';

describe('catalog offline (bundled data only)', () => {
  let catalog: ModelCatalog;
  before(async () => {
    catalog = await ModelCatalog.create({ clock: { now: () => NOW } });
  });

  it('knows every curated model, each with its hosts under their own ids', () => {
    const models = new Set(catalog.models());
    for (const m of CURATED_MODELS) assert.ok(models.has(m.canonical), m.canonical);
    const llama = catalog.endpointsOf(LLAMA);
    const byProvider = Object.fromEntries(llama.map((e) => [e.provider, e.modelId]));
    assert.equal(byProvider.groq, 'llama-3.3-70b-versatile');
    assert.equal(byProvider.together, 'meta-llama/Llama-3.3-70B-Instruct-Turbo');
    assert.equal(byProvider.cerebras, 'llama-3.3-70b');
    assert.equal(byProvider.openrouter, LLAMA);
    assert.equal(byProvider.fireworks, 'accounts/fireworks/models/llama-v3p3-70b-instruct');
    assert.ok(catalog.models().length > 500, 'the bundled OpenRouter list contributes hundreds of models');
  });

  it('lists hosts cheapest first, unpriced last, and one endpoint per host', () => {
    const list = catalog.endpointsOf(LLAMA);
    const costs = list.map(sortCost);
    assert.deepEqual(
      costs,
      [...costs].sort((a, b) => a - b),
    );
    assert.equal(list.at(-1)!.price, undefined, 'fireworks has no bundled price for this model');
    assert.equal(new Set(list.map((e) => e.provider)).size, list.length);
    const groq = list.find((e) => e.provider === 'groq')!;
    assert.deepEqual([groq.price?.inputPerMTok, groq.price?.outputPerMTok], [0.59, 0.79]);
  });

  it('cheapestReachable respects reachability', () => {
    const all = catalog.cheapestReachable(LLAMA, () => true)!;
    assert.equal(all.provider, catalog.endpointsOf(LLAMA)[0].provider);
    const onlyGroqCerebras = catalog.cheapestReachable(LLAMA, (p) => p === 'groq' || p === 'cerebras')!;
    assert.equal(onlyGroqCerebras.provider, 'groq');
    assert.equal(catalog.cheapestReachable(LLAMA, (p) => p === 'cerebras')!.provider, 'cerebras');
    assert.equal(
      catalog.cheapestReachable(LLAMA, () => false),
      undefined,
    );
    assert.equal(
      catalog.cheapestReachable('nobody/nothing', () => true),
      undefined,
    );
  });

  it('resolves canonical, pinned and host-specific refs', () => {
    const canon = catalog.resolve('anthropic/claude-sonnet-4.5')!;
    assert.equal(canon.pinned, false);
    assert.deepEqual(canon.endpoints.map((e) => e.provider).sort(), ['anthropic', 'openrouter']);
    const pinned = catalog.resolve('groq:llama-3.3-70b-versatile')!;
    assert.equal(pinned.pinned, true);
    assert.equal(pinned.canonicalModel, LLAMA);
    assert.deepEqual(
      pinned.endpoints.map((e) => [e.provider, e.modelId]),
      [['groq', 'llama-3.3-70b-versatile']],
    );
    // An OpenRouter id with a variant suffix is a canonical id, not a pinned ref.
    const free = catalog.resolve('meta-llama/llama-3.3-70b-instruct:free');
    assert.ok(free === undefined || free.pinned === false);
    assert.equal(catalog.resolve('claude-sonnet-4-5')?.canonicalModel, 'anthropic/claude-sonnet-4.5');
    assert.equal(catalog.resolve('nobody/nothing'), undefined);
  });

  it('pins unknown ids: dated snapshots priced by the vendor table, unknown hosts unpriced, local free', () => {
    const dated = catalog.pinned('anthropic', 'claude-sonnet-4-5-20250929');
    assert.equal(dated.canonicalModel, 'anthropic/claude-sonnet-4.5');
    assert.equal(dated.price?.inputPerMTok, 3);
    assert.equal(dated.capabilities.reasoning, true);
    // No endpoint of that canonical model yet, but the vendor table's prefix rule prices the snapshot.
    const snapshot = catalog.pinned('mistral', 'mistral-large-2411');
    assert.equal(
      catalog.endpointsOf(snapshot.canonicalModel).some((e) => e.provider === 'mistral'),
      false,
    );
    assert.equal(snapshot.price?.inputPerMTok, catalog.pinned('mistral', 'mistral-large-latest').price?.inputPerMTok);
    const custom = catalog.pinned('my-vllm', 'qwen2.5-coder-32b');
    assert.equal(custom.price, undefined);
    assert.equal(custom.canonicalModel, 'my-vllm/qwen2.5-coder-32b');
    const local = catalog.pinned('ollama', 'llama3.3:70b');
    assert.deepEqual(local.price, { inputPerMTok: 0, outputPerMTok: 0 });
  });

  it('gives picker rows with hosts, cheapest price, context window and capabilities', () => {
    const row = catalog.listing().find((r) => r.model === 'anthropic/claude-sonnet-4.5')!;
    assert.equal(row.displayName, 'Claude Sonnet 4.5');
    assert.deepEqual(row.hosts.sort(), ['anthropic', 'openrouter']);
    assert.deepEqual([row.inputPerMTok, row.outputPerMTok], [3, 15]);
    assert.ok(row.contextWindow! >= 200_000);
    assert.deepEqual(row.capabilities, { images: true, reasoning: true, tools: true });
    const reachable = catalog.listing((p) => p === 'groq');
    assert.ok(reachable.length > 0 && reachable.every((r) => r.hosts.every((h) => h === 'groq')));
  });

  it('lists hosts with prices for a model', () => {
    const hosts = catalog.hostsWithPrices(LLAMA);
    assert.ok(hosts.length >= 5);
    assert.ok(
      hosts.every((h) => h.via === undefined),
      'no upstream hosts until they are fetched',
    );
  });

  it('reprices when a time-of-day window flips (DeepSeek peak hours)', async () => {
    let now = Date.UTC(2026, 10, 25, 16, 29, 0);
    const c = await ModelCatalog.create({ clock: { now: () => now } });
    const peak = c.endpointsOf('deepseek/deepseek-chat').find((e) => e.provider === 'deepseek')!.price!.inputPerMTok;
    now = Date.UTC(2026, 10, 25, 16, 31, 0);
    const offPeak = c.endpointsOf('deepseek/deepseek-chat').find((e) => e.provider === 'deepseek')!.price!.inputPerMTok;
    assert.ok(offPeak < peak, `${offPeak} < ${peak}`);
  });

  it('applies data policy and local traits from provider facts', async () => {
    const c = await ModelCatalog.create({ clock: { now: () => NOW }, providerTraits: { groq: { dataPolicy: 'no-training' } } });
    assert.equal(c.pinned('groq', 'llama-3.3-70b-versatile').dataPolicy, 'no-training');
    assert.equal(c.pinned('openai', 'gpt-4o').dataPolicy, undefined);
  });
});

describe('canonical ids', () => {
  it('maps host ids to OpenRouter-style canonical ids', () => {
    assert.equal(canonicalFor('anthropic', 'claude-sonnet-4-5'), 'anthropic/claude-sonnet-4.5');
    assert.equal(canonicalFor('anthropic', 'claude-sonnet-4-5-20250929'), 'anthropic/claude-sonnet-4.5');
    assert.equal(canonicalFor('groq', 'llama-3.3-70b-versatile'), LLAMA);
    assert.equal(canonicalFor('fireworks', 'accounts/fireworks/models/llama-v3p3-70b-instruct'), LLAMA);
    assert.equal(canonicalFor('openai', 'gpt-4o'), 'openai/gpt-4o');
    assert.equal(canonicalFor('gemini', 'gemini-2.5-pro'), 'google/gemini-2.5-pro');
    assert.equal(canonicalFor('openrouter', 'qwen/qwen3-coder'), 'qwen/qwen3-coder');
    assert.equal(canonicalFor('anthropic', 'claude-opus-4-6', new Set(['anthropic/claude-opus-4.6'])), 'anthropic/claude-opus-4.6');
    assert.equal(canonicalFor('groq', 'some-new-model'), 'groq/some-new-model');
    assert.equal(canonicalFor('fireworks', 'accounts/fireworks/models/some-new-model'), 'fireworks/some-new-model');
    assert.equal(canonicalFor('openai', 'gpt-9-preview'), 'openai/gpt-9-preview');
    assert.equal(canonicalFor('openrouter', 'openrouter/auto'), 'openrouter/auto', "OpenRouter's ids are canonical as they are");
    assert.equal(canonicalFor('openrouter', 'auto'), 'auto');
  });

  it('treats dotted/dashed versions and date suffixes as spellings of one id', () => {
    assert.deepEqual(idVariants('claude-opus-4-1-20250805'), [
      'claude-opus-4-1-20250805',
      'claude-opus-4-1',
      'claude-opus-4.1-20250805',
      'claude-opus-4.1',
    ]);
    assert.deepEqual(idVariants('gpt-4o-2024-08-06').slice(0, 2), ['gpt-4o-2024-08-06', 'gpt-4o']);
  });
});
