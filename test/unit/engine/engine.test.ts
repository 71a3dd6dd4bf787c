// The engine in plain Node against the OpenAI simulator: every front end's request is routed,
// gated by budgets and recorded in the ledger with its origin, by the engine alone.
import * as assert from 'node:assert/strict';
import { BudgetGuard, type BudgetConfig } from '../../../src/core/budgets';
import { createEngine, ledgerEntryOf, cacheSavings, type Engine } from '../../../src/core/engine';
import { HealthBoard } from '../../../src/core/health/health-board';
import { HttpClient } from '../../../src/core/http/client';
import { SpendLedger } from '../../../src/core/ledger';
import { silentLogger } from '../../../src/core/platform';
import { buildRegistry } from '../../../src/core/providers/build-registry';
import { CONTINUE_INSTRUCTION } from '../../../src/core/router/continuation';
import type { AttemptReport } from '../../../src/core/router/types';
import { openaiRouter } from '../../sim/openai';
import { SimServer } from '../../sim/server';
import { closeTempLedger, drain, openTempLedger, startOpenAISim, stopOpenAISim } from './engine-env';
import { ep } from '../router/fakes';

const SENTINEL = 'sk-test-SENTINEL-engine-0123456789';

describe('Engine (one entry point for every front end)', function () {
  this.timeout(20_000);
  let sim: SimServer;
  let http: HttpClient;
  let dir: string;
  let ledger: SpendLedger;
  let budget: BudgetConfig;
  let engine: Engine;

  before(async () => ({ sim, http } = await startOpenAISim()));
  after(() => stopOpenAISim(sim, http));

  beforeEach(async () => {
    ({ dir, ledger } = openTempLedger('sb-engine-', 'engine-test'));
    budget = { warnAt: 0.8, action: 'warn' };
    engine = await engineOver([]);
  });
  /** An engine over the simulator as OpenAI, plus `customProviders`, recording in this test's ledger. */
  const engineOver = (customProviders: Parameters<typeof buildRegistry>[0]['customProviders']) => {
    const registry = buildRegistry({ providers: { openai: { baseUrl: `${sim.url}/v1` } }, customProviders });
    return createEngine({
      http,
      keys: { get: async (d) => (d.id === 'openai' ? SENTINEL : undefined), redact: (t) => t.split(SENTINEL).join('[key]') },
      registry: () => registry,
      settings: () => ({ routing: {}, workspaceAllowedProviders: [] }),
      ledger: () => ledger,
      budgets: () => new BudgetGuard(ledger, () => budget),
      health: new HealthBoard(),
      logger: silentLogger,
      workspaceId: () => 'ws-engine',
    });
  };
  afterEach(() => closeTempLedger(ledger, dir));

  it('routes a request and records its attempt with the origin, client and workspace', async () => {
    const events = await drain(
      engine.chat({ models: ['openai:sim/text'], messages: [{ role: 'user', content: 'hi' }], origin: 'gateway', client: 'claude-cli' }),
    );
    const text = events.flatMap((e) => (e.type === 'text-delta' ? [e.text] : [])).join('');
    assert.equal(text, 'Hello from the simulator.');
    const report = events.at(-1);
    assert.equal(report?.type, 'route-report');
    assert.equal(engine.lastRouteReport, report?.type === 'route-report' ? report.report : undefined);
    const records = ledger.recent();
    assert.equal(records.length, 1);
    assert.equal(records[0].origin, 'gateway');
    assert.equal(records[0].client, 'claude-cli');
    assert.equal(records[0].workspace, 'ws-engine');
    assert.equal(records[0].outcome, 'success');
    assert.ok(records[0].inputTokens > 0);
  });

  it('marks the first recorded attempt of each request, so the ledger counts requests apart from attempts', async () => {
    const messages = [{ role: 'user' as const, content: 'hi' }];
    await drain(engine.chat({ models: ['openai:sim/fault-500', 'openai:sim/text'], messages, origin: 'gateway' }));
    await drain(engine.chat({ models: ['openai:sim/text'], messages, origin: 'gateway' }));
    assert.deepEqual(
      ledger.recent().map((r) => [r.outcome, r.fallback, r.requestStart]),
      [
        ['failed', false, true],
        ['success', true, false],
        ['success', false, true],
      ],
    );
    const t = ledger.spent('day', { origin: 'gateway' });
    assert.deepEqual([t.requests, t.attempts], [2, 3]);
  });

  it('blocks at a block budget before any byte is sent, and says why', async () => {
    budget = { warnAt: 0.8, action: 'block', dailyUsd: 0 };
    const before = sim.requests.length;
    const events = await drain(engine.chat({ models: ['openai:sim/text'], messages: [{ role: 'user', content: 'hi' }], origin: 'lm-api' }));
    const err = events.find((e) => e.type === 'error');
    assert.equal(err?.type === 'error' ? err.error.category : undefined, 'budget');
    assert.equal(sim.requests.length, before, 'the provider must not be called');
    assert.equal(ledger.recent().length, 0);
  });

  describe('continue elsewhere', () => {
    const poem = [{ role: 'user' as const, content: 'write a poem' }];
    it('sends the conversation, the partial answer and the one instruction, and skips the failed host', async () => {
      const e2 = await engineOver([{ id: 'simd', displayName: 'Sim D', family: 'openai', baseUrl: `${sim.url}/v1`, keyRequired: false }]);
      const before = sim.requests.length;
      const broken = { text: 'Roses are red, ', failed: [{ provider: 'openai', modelId: 'sim/text' }] };
      const events = await drain(
        e2.continueElsewhere({ models: ['openai:sim/text', 'simd:sim/text'], messages: poem, origin: 'chat' }, broken),
      );
      const report = events.at(-1);
      assert.equal(report?.type === 'route-report' ? report.report.servedBy?.provider : undefined, 'simd');
      assert.equal(sim.requests.length, before + 1, 'the failed host is not called');
      assert.deepEqual((sim.requests[before].body as { messages: unknown }).messages, [
        { role: 'user', content: 'write a poem' },
        { role: 'assistant', content: 'Roses are red, ' },
        { role: 'user', content: CONTINUE_INSTRUCTION },
      ]);
      assert.deepEqual(
        ledger.recent().map((r) => [r.provider, r.origin]),
        [['simd', 'chat']],
      );
    });

    it('continues on the host that failed when it is the only one, rather than "no route"', async () => {
      const e2 = await engineOver([]);
      const events = await drain(
        e2.continueElsewhere(
          { models: ['openai:sim/text'], messages: poem, origin: 'chat' },
          { text: 'half', failed: [{ provider: 'openai' }] },
        ),
      );
      assert.equal(
        events.find((e) => e.type === 'error'),
        undefined,
      );
      assert.equal(events.flatMap((e) => (e.type === 'text-delta' ? [e.text] : [])).join(''), 'Hello from the simulator.');
    });
  });

  it('keeps answering when the ledger cannot be written, and logs without the key', async () => {
    const logged: string[] = [];
    const broken = {
      append: () => {
        throw new Error(`disk full near ${SENTINEL}`);
      },
    } as unknown as SpendLedger;
    const registry = buildRegistry({ providers: { openai: { baseUrl: `${sim.url}/v1` } }, customProviders: [] });
    const e2 = await createEngine({
      http,
      keys: { get: async () => SENTINEL, redact: (t) => t.split(SENTINEL).join('[key]') },
      registry: () => registry,
      settings: () => ({ routing: {}, workspaceAllowedProviders: [] }),
      ledger: () => broken,
      budgets: () => new BudgetGuard(ledger, () => budget),
      health: new HealthBoard(),
      logger: { ...silentLogger, error: (m) => logged.push(m) },
      workspaceId: () => 'ws',
    });
    const events = await drain(e2.chat({ models: ['openai:sim/text'], messages: [{ role: 'user', content: 'hi' }], origin: 'chat' }));
    assert.ok(events.some((e) => e.type === 'finish' && e.reason === 'stop'));
    assert.equal(logged.length, 1);
    assert.ok(!logged[0].includes(SENTINEL) && logged[0].includes('[key]'));
  });
});

describe('Engine.choose (the virtual models, for every front end)', function () {
  this.timeout(20_000);
  let sim: SimServer;
  let http: HttpClient;
  let engine: Engine;
  const health = new HealthBoard();
  const hi = [{ role: 'user' as const, content: 'hi' }];

  before(async () => {
    sim = await SimServer.start(openaiRouter());
    http = new HttpClient({ idleTimeoutMs: 2000, firstByteTimeoutMs: 5000, connectTimeoutMs: 2000 });
    const registry = buildRegistry({
      providers: {},
      customProviders: [{ id: 'simc', displayName: 'Sim', family: 'openai', baseUrl: `${sim.url}/v1`, keyRequired: false }],
    });
    const ledger = { append: () => undefined } as unknown as SpendLedger;
    engine = await createEngine({
      http,
      keys: { get: async () => undefined, redact: (t) => t },
      registry: () => registry,
      settings: () => ({ routing: {}, workspaceAllowedProviders: [] }),
      ledger: () => ledger,
      budgets: () => new BudgetGuard(ledger, () => ({ warnAt: 0.8, action: 'warn' })),
      health,
      logger: silentLogger,
      workspaceId: () => 'ws',
    });
    await engine.catalog.refresh({ force: true });
    engine.catalog.setPriceOverrides([
      { provider: 'simc', model: 'sim/text', inputPerMTok: 1, outputPerMTok: 1 },
      { provider: 'simc', model: 'sim/slow', inputPerMTok: 0.1, outputPerMTok: 0.1 },
    ]);
  });
  after(async () => {
    await sim.close();
    await http.close();
  });

  const modelOf = (ref: string) => engine.catalog.resolve(ref)?.endpoints[0]?.modelId;

  it('cheapest capable: the reachable models by price, priced ones first', async () => {
    const c = await engine.choose('cheapest', { messages: hi });
    assert.deepEqual(c?.models.slice(0, 2).map(modelOf), ['sim/slow', 'sim/text']);
    assert.equal(c?.preferences.sort, 'price');
  });

  it('fastest: the measured time to first token decides', async () => {
    health.recordSuccess({ provider: 'simc', modelId: 'sim/text' }, { ttftMs: 50 });
    health.recordSuccess({ provider: 'simc', modelId: 'sim/slow' }, { ttftMs: 900 });
    const c = await engine.choose('fastest', { messages: hi });
    assert.equal(modelOf(c!.models[0]), 'sim/text');
    assert.ok(!c!.models.slice(0, 2).map(modelOf).includes('sim/slow'), 'the slow host is not second either');
    assert.equal(c?.preferences.sort, 'latency');
  });

  it('none when the request needs what no reachable host has (tools here)', async () => {
    const tools = [{ name: 'get_weather', parameters: { type: 'object' } }];
    assert.equal(await engine.choose('cheapest', { messages: hi, tools }), undefined);
  });
});

describe('ledgerEntryOf and cacheSavings', () => {
  const base = (over: Partial<AttemptReport>): AttemptReport => ({
    endpoint: ep('p', 'm', 'vendor/m', { price: { inputPerMTok: 3, outputPerMTok: 15, cacheReadPerMTok: 0.3 } }),
    outcome: 'success',
    retry: 0,
    fallback: false,
    startedAt: 0,
    durationMs: 10,
    ...over,
  });
  const ctx = { routeId: 'r', requestedModels: ['m'], origin: 'participant' as const };

  it('records no skip, and prices a failure without usage at $0 (not billed)', () => {
    assert.equal(ledgerEntryOf(base({ outcome: 'skipped' }), ctx, 'w'), undefined);
    const failed = ledgerEntryOf(base({ outcome: 'failed' }), ctx, 'w');
    assert.equal(failed?.costUsd, 0);
    assert.equal(failed?.costStatus, 'exact');
    assert.equal(failed?.origin, 'participant');
    assert.equal(failed?.workspace, 'w');
  });

  it('marks usage without a charge as unpriced, and counts cache savings at the input-minus-read rate', () => {
    const u = { inputTokens: 2_000_000, outputTokens: 0, cacheReadTokens: 1_000_000, cacheWriteTokens: 0, reasoningTokens: 0 };
    const e = ledgerEntryOf(base({ usage: u }), ctx, 'w');
    assert.equal(e?.costUsd, undefined);
    assert.equal(e?.costStatus, 'unpriced');
    assert.equal(e?.cacheSavedUsd, 2.7);
    assert.equal(cacheSavings(0, { inputPerMTok: 3, outputPerMTok: 15, cacheReadPerMTok: 0.3 }), undefined);
    assert.equal(cacheSavings(10, { inputPerMTok: 3, outputPerMTok: 15 }), undefined);
  });
});
