// How the catalog is wired to its settings, transport and cache folder: what it fetches, what it
// skips and says why, what it tells the user went wrong, and when it rebuilds.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { HttpRequest, HttpTransport } from '../../../src/core/http/client';
import { ModelCatalog } from '../../../src/core/catalog/model-catalog';

const NOW = Date.UTC(2026, 10, 25, 20, 0, 0);
const MIN = 60_000;

/** Keeps every URL asked for and fails each request, as when offline. */
function offline(): HttpTransport & { urls: string[] } {
  const urls: string[] = [];
  return { urls, send: (req: HttpRequest) => (urls.push(req.url), Promise.reject(new Error('offline'))) };
}

describe('catalog wiring', () => {
  it('without a cache folder it reports no problem, before or after a refresh', async () => {
    const c = await ModelCatalog.create({ clock: { now: () => NOW }, listModels: async () => [], liveProviders: () => ['groq'] });
    assert.equal((await c.refresh())[0].status, 'updated');
    await c.flush();
    assert.deepEqual(c.problems(), []);
  });

  it('a cache folder it cannot write is reported as a problem', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sb-catalog-wiring-')), 'a-file');
    fs.writeFileSync(file, 'x');
    const c = await ModelCatalog.create({
      clock: { now: () => NOW },
      cacheDir: file,
      listModels: async () => [],
      liveProviders: () => ['groq'],
    });
    await c.refresh();
    await c.flush();
    assert.match(c.problems().at(-1)!.message, /^Could not write the catalog cache: /);
    assert.equal(c.problems().at(-1)!.source, 'cache');
  });

  it('fetches each source at most every 15 minutes by default', async () => {
    let now = NOW;
    let calls = 0;
    const c = await ModelCatalog.create({
      clock: { now: () => now },
      listModels: async () => (calls++, []),
      liveProviders: () => ['groq'],
    });
    await c.refresh();
    now += 15 * MIN - 1;
    assert.equal((await c.refresh())[0].status, 'skipped');
    now += 1;
    assert.equal((await c.refresh())[0].status, 'updated');
    assert.equal(calls, 2);
  });

  it('lists no host models without a lister or without providers to list', async () => {
    const noLister = await ModelCatalog.create({ clock: { now: () => NOW }, liveProviders: () => ['groq'] });
    assert.deepEqual(await noLister.refresh(), []);
    const noProviders = await ModelCatalog.create({ clock: { now: () => NOW }, listModels: async () => [] });
    assert.deepEqual(await noProviders.refresh(), []);
  });

  it('says why it skips prices and upstream hosts: no transport, or the OpenRouter feed turned off', async () => {
    const bare = await ModelCatalog.create({ clock: { now: () => NOW } });
    assert.deepEqual(await bare.updatePrices(), { source: 'prices', status: 'skipped', message: 'no transport' });
    assert.deepEqual(await bare.fetchUpstreamHosts('a/b'), { source: 'hosts:a/b', status: 'skipped', message: 'no transport' });
    const http = offline();
    const off = await ModelCatalog.create({ clock: { now: () => NOW }, http, openrouterFeed: () => undefined });
    assert.deepEqual(await off.fetchUpstreamHosts('a/b'), { source: 'hosts:a/b', status: 'skipped', message: 'OpenRouter feed off' });
    assert.deepEqual(await off.refresh(), []);
    assert.deepEqual(http.urls, []);
  });

  it('reads the feed from its base URL without doubled slashes', async () => {
    const http = offline();
    const c = await ModelCatalog.create({ clock: { now: () => NOW }, http, openrouterFeed: () => 'https://mirror.test/api/v1//' });
    await c.refresh();
    await c.fetchUpstreamHosts('a/b');
    assert.deepEqual(http.urls, ['https://mirror.test/api/v1/models', 'https://mirror.test/api/v1/models/a/b/endpoints']);
  });

  it('after a restart, the cached price data’s fetch time defers the next price fetch', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-catalog-wiring-'));
    const byProvider = { groq: [{ id: 'm', match: { equals: 'm' }, prices: { input_mtok: 1, output_mtok: 1 } }] };
    fs.writeFileSync(
      path.join(dir, 'catalog.json'),
      JSON.stringify({ version: 1, providerModels: {}, upstream: {}, prices: { fetchedAt: NOW - MIN, byProvider } }),
    );
    const http = offline();
    const c = await ModelCatalog.create({ clock: { now: () => NOW }, http, cacheDir: dir, openrouterFeed: () => undefined });
    assert.equal((await c.updatePrices()).status, 'skipped');
    assert.deepEqual(http.urls, []);
    assert.equal(c.pinned('groq', 'm').price?.inputPerMTok, 1, 'the cached prices are used');
    assert.deepEqual(c.problems(), []);
  });

  it('background refresh stops on dispose', async () => {
    let calls = 0;
    const c = await ModelCatalog.create({ listModels: async () => (calls++, []), liveProviders: () => ['groq'], minRefreshIntervalMs: 0 });
    const stop = c.startBackgroundRefresh(5);
    for (let i = 0; i < 200 && calls < 2; i++) await new Promise((r) => setTimeout(r, 10));
    stop.dispose();
    const after = calls;
    assert.ok(after >= 2, `ticks before dispose: ${after}`);
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(calls, after);
  });

  it('override providers may come from a function of the settings', async () => {
    let known = ['vllm-a'];
    const c = await ModelCatalog.create({ clock: { now: () => NOW }, knownProviders: () => known });
    const entry = (provider: string) => [{ provider, model: 'q', inputPerMTok: 1, outputPerMTok: 1 }];
    assert.deepEqual(c.setPriceOverrides(entry('vllm-a')), []);
    assert.equal(c.setPriceOverrides(entry('vllm-b')).length, 1);
    known = ['vllm-b'];
    assert.deepEqual(c.setPriceOverrides(entry('vllm-b')), []);
  });

  it('reprices exactly when a time-of-day window begins', async () => {
    let now = Date.UTC(2026, 10, 25, 16, 29, 0);
    const c = await ModelCatalog.create({ clock: { now: () => now } });
    const price = (cat: ModelCatalog) => cat.endpointsOf('deepseek/deepseek-chat').find((e) => e.provider === 'deepseek')!.price;
    const before = price(c);
    now = Date.UTC(2026, 10, 25, 16, 30, 0);
    const fresh = await ModelCatalog.create({ clock: { now: () => now } });
    assert.notDeepEqual(price(fresh), before);
    assert.deepEqual(price(c), price(fresh));
  });

  it('queries: models sorted, nothing for an unknown model, a colon ref that names no provider resolves to nothing', async () => {
    const c = await ModelCatalog.create({ clock: { now: () => NOW } });
    const models = c.models();
    assert.deepEqual(models, [...models].sort());
    assert.deepEqual(c.endpointsOf('nobody/nothing'), []);
    assert.equal(c.resolve('qwen2.5-coder:7b'), undefined);
    assert.equal(c.resolve('claude-sonnet-4-5')?.pinned, false);
  });
});
