// What the engine feeds its catalog and its budget book, seen through its public API: each
// reachable provider's live model list with its key, OpenRouter's feed where the settings point
// it, the cache folder, a refresh forced by a change of providers, and holds released when a
// request ends.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { BudgetGuard, type BudgetConfig } from '../../../src/core/budgets';
import { createEngine, type Engine } from '../../../src/core/engine';
import { HealthBoard } from '../../../src/core/health/health-board';
import { HttpClient } from '../../../src/core/http/client';
import { SpendLedger } from '../../../src/core/ledger';
import { buildRegistry } from '../../../src/core/providers/build-registry';
import type { ProviderRegistry } from '../../../src/core/providers/registry';
import { openaiRouter } from '../../sim/openai';
import { catalogFeedRouter } from '../../sim/openrouter-catalog';
import { SimServer, type Router } from '../../sim/server';
import { closeTempLedger, drain, openTempLedger, startOpenAISim, stopOpenAISim } from './engine-env';

const KEY = 'sk-test-SENTINEL-catalog-0123456789';
const hi = [{ role: 'user' as const, content: 'hi' }];

/** A host whose model list has a model the simulator's does not. */
const newHostModels: Router = (req) =>
  /\/models$/.test(req.path)
    ? {
        status: 200,
        headers: { 'content-type': 'application/json' },
        steps: [{ kind: 'write', data: JSON.stringify({ object: 'list', data: [{ id: 'only-on-the-new-host', object: 'model' }] }) }],
      }
    : undefined;

describe('Engine and its catalog', function () {
  this.timeout(20_000);
  let sim: SimServer;
  let other: SimServer;
  let feed: SimServer;
  let broken: SimServer;
  let http: HttpClient;
  let dir: string;
  let ledger: SpendLedger;
  let registry: ProviderRegistry;
  let keys: Map<string, string>;
  let budget: BudgetConfig;
  let warnings: string[];
  let engine: Engine;

  const registryAt = (openaiUrl: string, custom = true) =>
    buildRegistry({
      // The local presets need no key; off, so no listing goes to this machine's ports.
      providers: { openai: { baseUrl: `${openaiUrl}/v1` }, ollama: { enabled: false }, lmstudio: { enabled: false } },
      customProviders: custom ? [{ id: 'mine', displayName: 'Mine', family: 'openai', baseUrl: `${sim.url}/v1` }] : [],
    });
  const build = (router?: Parameters<typeof createEngine>[0]['router']) =>
    createEngine({
      http,
      keys: { get: async (d) => keys.get(d.id), redact: (t) => t },
      registry: () => registry,
      settings: () => ({ routing: {}, workspaceAllowedProviders: [] }),
      ledger: () => ledger,
      budgets: () => new BudgetGuard(ledger, () => budget),
      health: new HealthBoard(),
      logger: { info() {}, error() {}, warn: (m) => warnings.push(m) },
      workspaceId: () => 'ws',
      catalogCacheDir: dir,
      openrouterFeed: () => `${feed.url}/api/v1`,
      router,
    });

  before(async () => {
    ({ sim, http } = await startOpenAISim());
    other = await SimServer.start(newHostModels);
    broken = await SimServer.start(openaiRouter({ fallback: 'mid-stream-error' }));
    feed = await SimServer.start(catalogFeedRouter({ models: 'ok', endpoints: 'ok', prices: 'ok' }));
  });
  after(async () => {
    await other.close();
    await feed.close();
    await broken.close();
    await stopOpenAISim(sim, http);
  });
  beforeEach(async () => {
    ({ dir, ledger } = openTempLedger('sb-engine-catalog-', 'catalog-test'));
    keys = new Map([['openai', KEY]]);
    budget = { warnAt: 0.8, action: 'warn' };
    warnings = [];
    registry = registryAt(sim.url);
    engine = await build();
  });
  afterEach(async () => {
    // A refresh writes the catalog cache into the folder after the test has its answer.
    await engine.catalog.flush();
    closeTempLedger(ledger, dir);
  });

  it('lists the models of each provider with a key, reads the feed the settings name, and caches both', async () => {
    const reports = await engine.catalog.refresh();
    assert.deepEqual(reports.map((r) => `${r.source} ${r.status}`).sort(), ['models:openai updated', 'openrouter updated']);
    assert.equal(engine.catalog.pinned('openai', 'sim-model').source, 'live');
    assert.equal(engine.catalog.pinned('openai', 'sim-model').contextWindow, 128_000);
    assert.ok(engine.catalog.models().includes('sim/brand-new-model'), 'the feed was read');
    const listed = sim.requests.filter((r) => r.method === 'GET' && r.path === '/v1/models');
    assert.equal(listed.at(-1)?.headers.authorization, `Bearer ${KEY}`);
    await engine.catalog.flush();
    assert.deepEqual(
      fs.readdirSync(dir).filter((f) => f === 'catalog.json'),
      ['catalog.json'],
    );
  });

  it('a refresh racing a settings change does not report a removed provider as broken', async () => {
    keys.set('mine', 'custom-key-0123456789');
    await engine.keyChanged('mine');
    registry = registryAt(sim.url, false);
    const reports = await engine.catalog.refresh({ force: true });
    assert.equal(reports.find((r) => r.source === 'models:mine')?.status, 'updated');
    assert.deepEqual(engine.catalog.problems(), []);
  });

  it('after the providers change, the catalog lists again at once, however recently it did', async () => {
    await engine.catalog.refresh();
    assert.ok(!engine.catalog.resolve('openai:only-on-the-new-host')?.endpoints.some((e) => e.source === 'live'));
    registry = registryAt(other.url);
    await engine.providersChanged();
    assert.equal(engine.catalog.pinned('openai', 'only-on-the-new-host').source, 'live');
  });

  it('accepts a price override for a provider in the settings that has no key and no models yet', () => {
    const row = { model: 'some/model', inputPerMTok: 1, outputPerMTok: 2 };
    assert.deepEqual(engine.catalog.setPriceOverrides([{ provider: 'mine', ...row }]), []);
    assert.equal(engine.catalog.setPriceOverrides([{ provider: 'nobody', ...row }]).length, 1);
  });

  it('estimates a host no longer in the settings at its price, not as a free local one', () => {
    engine.catalog.setPriceOverrides([{ provider: 'openai', model: 'sim/text', inputPerMTok: 1_000_000, outputPerMTok: 2_000_000 }]);
    const listed = engine.catalog.resolve('openai:sim/text')?.endpoints[0];
    assert.ok(listed);
    const messages = [{ role: 'user' as const, content: 'a question' }];
    const est = engine.estimate({ model: 'sim/text', endpoint: { ...listed, provider: 'gone' }, messages, outputText: 'an answer' });
    assert.equal(est?.charge.status, 'estimated');
    assert.equal(est?.charge.usd, est!.usage.inputTokens + 2 * est!.usage.outputTokens);
  });

  it("estimates with the tokenizer of the host's model: a Claude model counts more tokens than a GPT one", () => {
    const listed = engine.catalog.resolve('openai:sim/text')?.endpoints[0];
    assert.ok(listed);
    const messages = [{ role: 'user' as const, content: 'Summarise the quarterly report in three short bullet points.' }];
    const tokens = (canonicalModel: string, modelId: string) =>
      engine.estimate({ model: canonicalModel, endpoint: { ...listed, canonicalModel, modelId }, messages, outputText: 'Revenue rose.' })!
        .usage;
    const claude = tokens('anthropic/claude-sonnet-4.5', 'claude-sonnet-4-5');
    const gpt = tokens('openai/gpt-4o', 'gpt-4o');
    assert.ok(claude.inputTokens > gpt.inputTokens && claude.outputTokens > gpt.outputTokens, JSON.stringify({ claude, gpt }));
  });

  it('an answer cut off before usage is counted with the tokenizer of the model that answered', async () => {
    registry = buildRegistry({
      providers: { openai: { baseUrl: `${broken.url}/v1` }, ollama: { enabled: false }, lmstudio: { enabled: false } },
      customProviders: [],
    });
    const prompt = [{ role: 'user' as const, content: 'Summarise the quarterly report in three short bullet points, please.' }];
    for (const model of ['openai:claude-sonnet-4-5', 'openai:gpt-4o'])
      await drain(engine.chat({ models: [model], messages: prompt, origin: 'chat' }));
    const [gpt, claude] = ledger.recent().slice(-2).reverse();
    assert.deepEqual([claude.outcome, gpt.outcome], ['partial', 'partial']);
    assert.ok(claude.inputTokens > gpt.inputTokens, JSON.stringify([claude, gpt]));
  });

  it('an absurd duration is left out of the spend record and logged with its provider', async () => {
    let mono = 0;
    engine = await build({ clock: { now: () => Date.now(), monotonic: () => (mono += 25 * 3_600_000) } });
    await drain(engine.chat({ models: ['openai:sim/text'], messages: hi, origin: 'chat' }));
    assert.equal(ledger.recent()[0].durationMs, 0);
    assert.ok(
      warnings.some((w) => /^Spend record \(openai\): durationMs \d+ ms ignored\.$/.test(w)),
      warnings.join('\n'),
    );
  });

  it('gives front ends the registry, ledger, budgets and health board its requests use', async () => {
    assert.equal(engine.registry(), registry);
    assert.equal(engine.ledger(), ledger);
    assert.ok(engine.budgets() instanceof BudgetGuard);
    await drain(engine.chat({ models: ['openai:sim/text'], messages: hi, origin: 'chat' }));
    assert.ok(engine.health instanceof HealthBoard);
    assert.notEqual(engine.health.estimate('openai:sim/text', 'openai').ttftMs, undefined, 'the request was measured on this board');
  });

  it('a request that failed gives back what it held of the budget', async () => {
    const overrides = ['sim/text', 'sim/fault-403'].map((model) => ({
      provider: 'openai',
      model,
      inputPerMTok: 1_000_000,
      outputPerMTok: 2_000_000,
    }));
    assert.deepEqual(engine.catalog.setPriceOverrides(overrides), []);
    // One request's hold (about $1 per prompt token plus $2 per output token allowed) fits; two do not.
    budget = { dailyUsd: 300, warnAt: 0.99, action: 'block' };
    const failed = await drain(engine.chat({ models: ['openai:sim/fault-403'], messages: hi, origin: 'chat', maxOutputTokens: 100 }));
    assert.ok(failed.some((e) => e.type === 'error' && e.error.category === 'content_policy'));
    const next = await drain(engine.chat({ models: ['openai:sim/text'], messages: hi, origin: 'chat', maxOutputTokens: 100 }));
    assert.equal(
      next.find((e) => e.type === 'error'),
      undefined,
      'the failed request no longer holds any of the budget',
    );
  });
});
