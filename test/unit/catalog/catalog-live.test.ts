import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ModelCatalog, type ModelCatalogOptions } from '../../../src/core/catalog';
import { HttpClient } from '../../../src/core/http/client';
import type { ModelInfo } from '../../../src/core/types';
import { catalogFeedRouter, type CatalogFeedState } from '../../sim/openrouter-catalog';
import { SimServer } from '../../sim/server';

const LLAMA = 'meta-llama/llama-3.3-70b-instruct';
const MIN = 60_000;

/** Model lists as the adapters would return them. */
const LISTS: Record<string, ModelInfo[]> = {
  groq: [
    { id: 'llama-3.3-70b-versatile', displayName: 'Llama 3.3 70B Versatile', contextWindow: 131_072 },
    { id: 'openai/gpt-oss-120b', displayName: 'GPT OSS 120B', contextWindow: 131_072 },
    { id: 'groq/compound-beta', displayName: 'Compound Beta' },
  ],
  ollama: [{ id: 'llama3.3:70b', displayName: 'llama3.3:70b' }],
};

describe('catalog live (against the simulator)', () => {
  let sim: SimServer;
  let http: HttpClient;
  let state: CatalogFeedState;
  let now: number;
  let dir: string;
  const calls: string[] = [];
  const opts = (extra: Partial<ModelCatalogOptions> = {}): ModelCatalogOptions => ({
    clock: { now: () => now },
    http,
    openrouterBaseUrl: `${sim.url}/api/v1`,
    priceDataUrl: `${sim.url}/prices/data.json`,
    listModels: async (id) => {
      calls.push(id);
      if (!LISTS[id]) throw new Error(`${id}: 401 invalid key`);
      return LISTS[id];
    },
    liveProviders: () => ['groq', 'ollama'],
    ...extra,
  });
  const hits = (p: string): number => sim.requests.filter((r) => r.path === p).length;

  before(async () => {
    state = { models: 'ok', endpoints: 'ok', prices: 'ok' };
    sim = await SimServer.start(catalogFeedRouter(state));
    http = new HttpClient({ firstByteTimeoutMs: 5_000, idleTimeoutMs: 5_000 });
  });
  after(async () => {
    await http.close();
    await sim.close();
  });
  beforeEach(async () => {
    Object.assign(state, { models: 'ok', endpoints: 'ok', prices: 'ok' });
    now = Date.UTC(2026, 10, 25, 20, 0, 0);
    calls.length = 0;
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sb-catalog-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('adds OpenRouter models and provider lists; local models are free', async () => {
    const c = await ModelCatalog.create(opts());
    assert.ok(!c.models().includes('sim/brand-new-model'));
    const reports = await c.refresh();
    assert.deepEqual(reports.map((r) => [r.source, r.status]).sort(), [
      ['models:groq', 'updated'],
      ['models:ollama', 'updated'],
      ['openrouter', 'updated'],
    ]);
    const fresh = c.endpointsOf('sim/brand-new-model');
    assert.deepEqual(
      fresh.map((e) => [e.provider, e.price?.inputPerMTok, e.price?.outputPerMTok, e.source]),
      [['openrouter', 0.2, 0.6, 'live']],
    );
    assert.deepEqual(fresh[0].capabilities, { images: false, reasoning: false, tools: true, structuredOutput: false });
    // OpenRouter's live price for Llama replaces the bundled one.
    assert.deepEqual(c.pinned('openrouter', LLAMA).price, { inputPerMTok: 0.1, outputPerMTok: 0.32 });
    // A router priced -1 is unknown, not free.
    assert.equal(c.pinned('openrouter', 'openrouter/auto').price, undefined);
    const claude = c.pinned('openrouter', 'anthropic/claude-sonnet-4.5');
    assert.deepEqual([claude.price?.cacheReadPerMTok, claude.price?.cacheWritePerMTok, claude.maxOutputTokens], [0.3, 3.75, 64_000]);
    const local = c.pinned('ollama', 'llama3.3:70b');
    assert.deepEqual([local.source, local.price?.inputPerMTok, local.price?.outputPerMTok], ['live', 0, 0]);
    assert.ok(c.models().includes('ollama/llama3.3:70b'));
    // A live-only id with no price anywhere stays unpriced.
    assert.equal(c.pinned('groq', 'groq/compound-beta').price, undefined);
  });

  it("drops bundled-only endpoints a host's own list no longer has", async () => {
    const c = await ModelCatalog.create(opts());
    const before = c.models().filter((m) => c.endpointsOf(m).some((e) => e.provider === 'groq')).length;
    await c.refresh();
    const groqModels = c.models().filter((m) => c.endpointsOf(m).some((e) => e.provider === 'groq'));
    assert.ok(groqModels.length < before, `${groqModels.length} < ${before}`);
    assert.ok(groqModels.includes(LLAMA), 'curated hosts stay');
    assert.ok(groqModels.includes('openai/gpt-oss-120b'), 'listed models stay');
    // Still priced when pinned explicitly.
    assert.ok(c.pinned('groq', 'llama-3.1-8b-instant').price);
  });

  for (const mode of ['nonsense', 'garbage', 'error', 'html'] as const) {
    it(`keeps the last good data when the feed turns ${mode}`, async () => {
      const c = await ModelCatalog.create(opts());
      await c.refresh();
      state.models = mode;
      now += 60 * MIN;
      const [r] = (await c.refresh()).filter((x) => x.source === 'openrouter');
      assert.equal(r.status, 'failed');
      assert.ok(r.message && r.message.length > 0);
      assert.deepEqual(c.pinned('openrouter', 'sim/brand-new-model').price, { inputPerMTok: 0.2, outputPerMTok: 0.6 });
      assert.equal(c.problems().at(-1)!.source, 'openrouter');
    });
  }

  it('reports a failing provider list without losing the others', async () => {
    const c = await ModelCatalog.create(opts({ liveProviders: () => ['groq', 'mistral'] }));
    const reports = await c.refresh();
    assert.equal(reports.find((r) => r.source === 'models:mistral')!.status, 'failed');
    assert.match(
      c
        .problems()
        .map((p) => p.message)
        .join('\n'),
      /mistral: 401/,
    );
    assert.equal(reports.find((r) => r.source === 'models:groq')!.status, 'updated');
  });

  it('bounds the refresh rate per source and shares one fetch between concurrent callers', async () => {
    const c = await ModelCatalog.create(opts({ minRefreshIntervalMs: 15 * MIN }));
    const start = hits('/api/v1/models');
    const [a, b] = await Promise.all([c.refresh(), c.refresh()]);
    assert.equal(hits('/api/v1/models') - start, 1, 'single flight');
    assert.equal(calls.filter((x) => x === 'groq').length, 1);
    assert.deepEqual(
      a.find((r) => r.source === 'openrouter'),
      b.find((r) => r.source === 'openrouter'),
    );
    now += 10 * MIN;
    const skipped = await c.refresh();
    assert.ok(skipped.every((r) => r.status === 'skipped'));
    assert.equal(hits('/api/v1/models') - start, 1);
    // A failure counts as an attempt: a broken feed is not hammered either.
    now += 6 * MIN;
    state.models = 'error';
    await c.refresh();
    now += 1 * MIN;
    assert.equal((await c.refresh()).find((r) => r.source === 'openrouter')!.status, 'skipped');
    assert.equal(hits('/api/v1/models') - start, 2);
    // An explicit user action may force it.
    state.models = 'ok';
    assert.equal((await c.refresh({ force: true })).find((r) => r.source === 'openrouter')!.status, 'updated');
    assert.equal(hits('/api/v1/models') - start, 3);
  });

  it('round-trips the last good data through the disk cache and works offline', async () => {
    const a = await ModelCatalog.create(opts({ cacheDir: dir }));
    await a.refresh();
    await a.fetchUpstreamHosts(LLAMA);
    await a.flush();
    const files = await fs.readdir(dir);
    assert.deepEqual(files, ['catalog.json'], 'no temp files left behind');
    // Offline: no transport, no listModels.
    const b = await ModelCatalog.create({ clock: { now: () => now }, cacheDir: dir });
    assert.deepEqual(b.pinned('openrouter', 'sim/brand-new-model').price, { inputPerMTok: 0.2, outputPerMTok: 0.6 });
    assert.deepEqual(b.pinned('ollama', 'llama3.3:70b').source, 'live');
    assert.ok(b.hostsWithPrices(LLAMA).some((h) => h.via === 'Groq'));
    // The cached fetch time bounds the rate across restarts.
    const c = await ModelCatalog.create(opts({ cacheDir: dir }));
    const before = hits('/api/v1/models');
    assert.ok((await c.refresh()).every((r) => r.status === 'skipped'));
    assert.equal(hits('/api/v1/models'), before);
  });

  it('survives a corrupt cache file, reporting it', async () => {
    await fs.writeFile(path.join(dir, 'catalog.json'), '{"version":1,"openrouter":{"fetchedAt":1,"models":[{"id":');
    const c = await ModelCatalog.create({ clock: { now: () => now }, cacheDir: dir });
    assert.equal(c.problems()[0].source, 'cache');
    assert.ok(c.endpointsOf(LLAMA).length >= 5, 'bundled data still there');
    await fs.writeFile(path.join(dir, 'catalog.json'), JSON.stringify({ version: 99 }));
    const d = await ModelCatalog.create({ clock: { now: () => now }, cacheDir: dir });
    assert.match(d.problems()[0].message, /did not validate/);
  });

  it('updatePrices swaps in a validated data set and keeps bundled prices for providers it lacks', async () => {
    const c = await ModelCatalog.create(opts({ cacheDir: dir }));
    assert.equal(c.pinned('groq', 'llama-3.3-70b-versatile').price?.inputPerMTok, 0.59);
    const r = await c.updatePrices();
    assert.equal(r.status, 'updated');
    assert.deepEqual(c.pinned('groq', 'llama-3.3-70b-versatile').price, { inputPerMTok: 0.29, outputPerMTok: 0.39 });
    assert.equal(c.pinned('openai', 'gpt-4o').price?.inputPerMTok, 2.5, 'providers absent from the feed keep bundled prices');
    assert.equal(c.pinned('anthropic', 'claude-sonnet-4-5').price?.tiers?.[0].inputPerMTok, 6);
    // Nonsense later: the downloaded prices stay.
    state.prices = 'nonsense';
    const bad = await c.updatePrices({ force: true });
    assert.equal(bad.status, 'failed');
    assert.equal(c.pinned('groq', 'llama-3.3-70b-versatile').price?.inputPerMTok, 0.29);
    // And they persist.
    await c.flush();
    const d = await ModelCatalog.create({ clock: { now: () => now }, cacheDir: dir });
    assert.equal(d.pinned('groq', 'llama-3.3-70b-versatile').price?.inputPerMTok, 0.29);
  });

  it('fetches upstream hosts on demand, lists them with prices, and prices unpriced direct hosts', async () => {
    const c = await ModelCatalog.create(opts());
    assert.equal(c.pinned('fireworks', 'accounts/fireworks/models/llama-v3p3-70b-instruct').price, undefined);
    const r = await c.fetchUpstreamHosts(LLAMA);
    assert.equal(r.status, 'updated');
    assert.equal(sim.requests.at(-1)!.path, '/api/v1/models/meta-llama/llama-3.3-70b-instruct/endpoints');
    const via = c.hostsWithPrices(LLAMA).filter((h) => h.via);
    assert.deepEqual(
      via.map((h) => h.via),
      ['DeepInfra', 'Groq', 'Together', 'Fireworks', 'Cerebras'],
    );
    assert.equal(via.find((h) => h.via === 'Groq')!.uptimeLast30m, 99.2);
    const fw = c.pinned('fireworks', 'accounts/fireworks/models/llama-v3p3-70b-instruct');
    assert.deepEqual([fw.price?.inputPerMTok, fw.source], [0.9, 'live']);
    // Bad host listing: failure reported, previous hosts kept.
    state.endpoints = 'nonsense';
    assert.equal((await c.fetchUpstreamHosts(LLAMA, { force: true })).status, 'failed');
    assert.equal(c.hostsWithPrices(LLAMA).filter((h) => h.via).length, 5);
    assert.equal((await c.fetchUpstreamHosts('not-a-slug', { force: true })).status, 'failed');
  });

  it('background refresh runs the sources and stops on dispose', async () => {
    const c = await ModelCatalog.create(opts());
    const start = hits('/api/v1/models');
    const stop = c.startBackgroundRefresh(60 * MIN);
    const settled = (): boolean =>
      c.models().includes('sim/brand-new-model') && c.pinned('groq', 'llama-3.3-70b-versatile').price?.inputPerMTok === 0.29;
    for (let i = 0; i < 300 && !settled(); i++) await new Promise((r) => setTimeout(r, 10));
    stop.dispose();
    assert.ok(settled(), 'OpenRouter models and downloaded prices both arrived');
    assert.equal(hits('/api/v1/models') - start, 1);
  });
});
