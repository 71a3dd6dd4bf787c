// What the engine wires between the router and the rest, seen through its public API against
// the OpenAI simulator: prices and estimates in the ledger, settings read per request, which
// providers are reachable, and the workspace each front end's spend lands in.
import * as assert from 'node:assert/strict';
import { BudgetGuard, type BudgetConfig } from '../../../src/core/budgets';
import { createEngine, type Engine, type EngineSettings } from '../../../src/core/engine';
import { HealthBoard } from '../../../src/core/health/health-board';
import { HttpClient } from '../../../src/core/http/client';
import { SpendLedger } from '../../../src/core/ledger';
import { silentLogger } from '../../../src/core/platform';
import { buildRegistry } from '../../../src/core/providers/build-registry';
import { SimServer } from '../../sim/server';
import { closeTempLedger, drain, openTempLedger, startOpenAISim, stopOpenAISim } from './engine-env';

const SENTINEL = 'sk-test-SENTINEL-wiring-0123456789';
const hi = [{ role: 'user' as const, content: 'hi' }];

describe('Engine wiring', function () {
  this.timeout(20_000);
  let sim: SimServer;
  let http: HttpClient;
  let dir: string;
  let ledger: SpendLedger;
  let settings: EngineSettings;
  let keys: Map<string, string>;
  let errors: string[];
  let engine: Engine;
  const budget: BudgetConfig = { warnAt: 0.8, action: 'warn' };

  before(async () => ({ sim, http } = await startOpenAISim()));
  after(() => stopOpenAISim(sim, http));

  beforeEach(async () => {
    ({ dir, ledger } = openTempLedger('sb-engine-wiring-', 'wiring-test'));
    settings = { routing: {}, workspaceAllowedProviders: [] };
    keys = new Map([['openai', SENTINEL]]);
    errors = [];
    const registry = buildRegistry({
      providers: { openai: { baseUrl: `${sim.url}/v1` }, ollama: { baseUrl: `${sim.url}/v1` } },
      customProviders: [{ id: 'mine', displayName: 'Mine', family: 'openai', baseUrl: `${sim.url}/v1` }],
    });
    engine = await createEngine({
      http,
      keys: { get: async (d) => keys.get(d.id), redact: (t) => t },
      registry: () => registry,
      settings: () => settings,
      ledger: () => ledger,
      budgets: () => new BudgetGuard(ledger, () => budget),
      health: new HealthBoard(),
      logger: { ...silentLogger, error: (m) => errors.push(m) },
      workspaceId: () => 'ws-default',
    });
    engine.catalog.setPriceOverrides([
      { provider: 'openai', model: 'sim/text', inputPerMTok: 1_000_000, outputPerMTok: 2_000_000 },
      { provider: 'ollama', model: 'sim/text', inputPerMTok: 1_000_000, outputPerMTok: 2_000_000 },
    ]);
  });
  afterEach(() => closeTempLedger(ledger, dir));

  it('prices a served attempt from the catalog and records it under the workspace the request names', async () => {
    await drain(engine.chat({ models: ['openai:sim/text'], messages: hi, origin: 'chat', workspaceId: 'ws-named' }));
    const [r] = ledger.recent();
    assert.equal(r.workspace, 'ws-named');
    assert.equal(r.costStatus, 'exact');
    assert.equal(r.costUsd, r.inputTokens * 1 + r.outputTokens * 2);
    assert.ok(r.costUsd! > 0);
  });

  it('estimates an answer the router could not price: tokens counted here, the charge marked estimated', () => {
    const messages = [{ role: 'user' as const, content: 'count these words please' }];
    const remote = engine.catalog.resolve('openai:sim/text')?.endpoints[0];
    const local = engine.catalog.resolve('ollama:sim/text')?.endpoints[0];
    assert.ok(remote && local);
    const est = engine.estimate({ model: 'openai:sim/text', endpoint: remote, messages, outputText: 'a partial answer' });
    assert.ok(est, 'a listed model is estimated');
    assert.ok(est.usage.inputTokens > 0 && est.usage.outputTokens > 0);
    assert.equal(est.charge.status, 'estimated');
    // $1 per input token and $2 per output token (the overrides above).
    assert.equal(est.charge.usd, est.usage.inputTokens + 2 * est.usage.outputTokens);
    assert.equal(engine.estimate({ model: 'sim/text', endpoint: local, messages, outputText: 'x' })?.charge.status, 'free');
    // Without the answering host, the model's first host stands in.
    assert.ok(engine.estimate({ model: 'sim/text', messages, outputText: 'x' }));
    assert.equal(engine.estimate({ model: 'no/such-model', messages, outputText: 'x' }), undefined);
  });

  it('a local provider is free whatever price it is listed at', async () => {
    await drain(engine.chat({ models: ['ollama:sim/text'], messages: hi, origin: 'chat' }));
    const [r] = ledger.recent();
    assert.equal(r.provider, 'ollama');
    assert.deepEqual([r.costUsd, r.costStatus], [0, 'free']);
  });

  it('a request naming no workspace is recorded under the default one', async () => {
    await drain(engine.chat({ models: ['openai:sim/text'], messages: hi, origin: 'chat' }));
    assert.equal(ledger.recent()[0].workspace, 'ws-default');
  });

  it('an answer cut off without usage is recorded with estimated tokens', async () => {
    await drain(engine.chat({ models: ['openai:sim/mid-stream-error'], messages: hi, origin: 'chat' }));
    const [r] = ledger.recent();
    assert.equal(r.outcome, 'partial');
    assert.ok(r.inputTokens > 0 && r.outputTokens > 0, JSON.stringify(r));
  });

  it('a host skipped on the way is not an error of the ledger', async () => {
    keys.delete('openai');
    await engine.keyChanged('openai');
    await drain(engine.chat({ models: ['openai:sim/text', 'mine:sim/text'], messages: hi, origin: 'chat' }));
    keys.set('mine', 'custom-key-0123456789');
    await engine.keyChanged('mine');
    const out = await drain(engine.chat({ models: ['openai:sim/text', 'mine:sim/text'], messages: hi, origin: 'chat' }));
    assert.ok(out.some((e) => e.type === 'attempt' && e.attempt.outcome === 'skipped'));
    assert.deepEqual(errors, []);
    assert.deepEqual(
      ledger.recent().map((r) => r.provider),
      ['mine'],
    );
  });

  it('the workspace allow-list applies to every request, read when it is sent', async () => {
    settings = { routing: {}, workspaceAllowedProviders: ['mine'] };
    const out = await drain(engine.chat({ models: ['openai:sim/text'], messages: hi, origin: 'chat' }));
    const err = out.find((e) => e.type === 'error');
    assert.match(err?.type === 'error' ? err.error.message : '', /not in this workspace's allowed providers/);
    settings = { routing: {}, workspaceAllowedProviders: [] };
    const ok = await drain(engine.chat({ models: ['openai:sim/text'], messages: hi, origin: 'chat' }));
    assert.equal(
      ok.find((e) => e.type === 'error'),
      undefined,
    );
  });

  it('user and workspace routing settings reach the router, the workspace level last', async () => {
    settings = { routing: { user: { sort: 'latency' } }, workspaceAllowedProviders: [] };
    const user = (await drain(engine.chat({ models: ['openai:sim/text'], messages: hi, origin: 'chat' }))).at(-1);
    assert.equal(user?.type === 'route-report' ? user.report.strategy : undefined, 'latency');
    settings = { routing: { user: { sort: 'latency' }, workspace: { sort: 'throughput' } }, workspaceAllowedProviders: ['openai'] };
    const out = await drain(engine.chat({ models: ['openai:sim/text'], messages: hi, origin: 'chat' }));
    const ws = out.at(-1);
    assert.equal(ws?.type === 'route-report' ? ws.report.strategy : undefined, 'throughput');
    assert.equal(
      out.find((e) => e.type === 'error'),
      undefined,
      'a provider on the allow-list is served',
    );
  });

  it('a provider needing a key is reachable once it has one, and a keyless one always', async () => {
    assert.equal(engine.isReachable('openai'), true);
    assert.equal(engine.isReachable('mine'), false);
    keys.set('mine', 'custom-key-0123456789');
    await engine.keyChanged('mine');
    assert.equal(engine.isReachable('mine'), true);
    keys.delete('openai');
    await engine.keyChanged('openai');
    assert.equal(engine.isReachable('openai'), false);
    const out = await drain(engine.chat({ models: ['openai:sim/text'], messages: hi, origin: 'chat' }));
    const err = out.find((e) => e.type === 'error');
    assert.equal(err?.type === 'error' ? err.error.category : undefined, 'auth', 'the router asked for the key again');
  });

  it('after the providers change, every key is asked again', async () => {
    await drain(engine.chat({ models: ['openai:sim/text'], messages: hi, origin: 'chat' }));
    keys.delete('openai');
    await engine.providersChanged();
    assert.equal(engine.isReachable('openai'), false);
    const out = await drain(engine.chat({ models: ['openai:sim/text'], messages: hi, origin: 'chat' }));
    const err = out.find((e) => e.type === 'error');
    assert.equal(err?.type === 'error' ? err.error.category : undefined, 'auth');
  });

  it('plans without sending, and compares under the default workspace', async () => {
    const before = sim.requests.length;
    const plan = await engine.plan({ models: ['openai:sim/text', 'mine:sim/text'], messages: hi });
    assert.deepEqual(
      plan.candidates.map((c) => c.key),
      ['openai:sim/text'],
    );
    assert.equal(plan.skipped[0]?.code, 'no-key');
    assert.equal(sim.requests.length, before);
    const lanes = engine.compare(['openai:sim/text', 'openai:sim/echo'], { messages: hi, origin: 'compare' });
    await Promise.all(lanes.map((l) => drain(l.events)));
    const named = engine.compare(['openai:sim/text', 'openai:sim/echo'], { messages: hi, origin: 'compare', workspaceId: 'ws-named' });
    await Promise.all(named.map((l) => drain(l.events)));
    assert.deepEqual(
      ledger.recent().map((r) => r.workspace),
      ['ws-default', 'ws-default', 'ws-named', 'ws-named'],
    );
  });
});
