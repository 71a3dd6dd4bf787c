import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SpendLedger } from '../../../../src/core/ledger';
import { dashboardDataSchema } from '../../../../src/shared/protocol/dashboard';
import { buildDashboardData, priceComparison, SERIES_LENGTH } from '../../../../src/app/dashboard/dashboard-data';

const base = {
  inputTokens: 1000,
  outputTokens: 200,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  durationMs: 900,
  fallback: false,
};

describe('buildDashboardData', () => {
  let dir: string;
  let now: number;
  let ledger: SpendLedger;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-dash-'));
    now = new Date(2026, 10, 25, 15, 0, 0).getTime();
    ledger = new SpendLedger({ dir, clock: { now: () => now }, writerId: 'test' });
    ledger.load();
    const yesterday = now - 24 * 3600_000;
    ledger.append({
      ...base,
      ts: yesterday,
      workspace: 'repo-a',
      model: 'openai/gpt-x',
      provider: 'openai',
      endpoint: 'openai:gpt-x',
      costUsd: 0.5,
      costStatus: 'exact',
      outcome: 'success',
    });
    ledger.append({
      ...base,
      ts: now - 60_000,
      workspace: 'repo-a',
      model: 'anthropic/claude-y',
      provider: 'anthropic',
      endpoint: 'anthropic:claude-y',
      costUsd: 0.25,
      costStatus: 'exact',
      cacheSavedUsd: 0.1,
      outcome: 'success',
      origin: 'gateway',
    });
    ledger.append({
      ...base,
      ts: now - 30_000,
      workspace: 'repo-b',
      model: 'anthropic/claude-y',
      provider: 'openrouter',
      endpoint: 'openrouter:anthropic/claude-y',
      costStatus: 'unpriced',
      outcome: 'failed',
      fallback: true,
    });
  });
  afterEach(() => {
    ledger.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('gives today, week and month totals, a series per granularity, and breakdowns of the period', () => {
    const d = buildDashboardData({ spend: ledger, period: 'day', budgetLines: [], warnAt: 0.8, now });
    assert.equal(d.totals.today.usd, 0.25);
    assert.equal(d.totals.month.usd, 0.75);
    assert.equal(d.totals.today.attempts, 2);
    // The failed fallback is a second attempt of one request.
    assert.equal(d.totals.today.requests, 1);
    assert.equal(d.series.at(-1)?.requests, 1);
    assert.equal(d.by.model.find((r) => r.name === 'anthropic/claude-y')?.requests, 1);
    assert.equal(d.totals.today.unpricedAttempts, 1);
    assert.equal(d.series.length, SERIES_LENGTH.day);
    assert.deepEqual(
      d.series.slice(-2).map((p) => p.usd),
      [0.5, 0.25],
    );
    assert.deepEqual(d.by.provider.map((r) => r.name).sort(), ['anthropic', 'openrouter']);
    assert.deepEqual(d.by.workspace.map((r) => r.name).sort(), ['repo-a', 'repo-b']);
    assert.deepEqual(
      d.by.origin.map((r) => r.name).sort(),
      ['(earlier)', 'gateway'],
      'spend by origin; a record without one is from before origins were kept',
    );
    assert.equal(d.by.model.find((r) => r.name === 'anthropic/claude-y')!.cacheSavedUsd, 0.1);
    assert.equal(d.recent[0].outcome, 'failed', 'newest first');
    assert.equal(d.recent.length, 3);
    assert.ok(dashboardDataSchema.safeParse(d).success, 'the payload passes the protocol schema');
  });

  it('switches breakdowns to the month', () => {
    const d = buildDashboardData({ spend: ledger, period: 'month', budgetLines: [], warnAt: 0.8, now });
    assert.equal(d.series.length, SERIES_LENGTH.month);
    assert.equal(d.by.model.find((r) => r.name === 'openai/gpt-x')!.usd, 0.5);
  });

  it('compares host prices for the models used, cheapest first, unpriced last', () => {
    const d = buildDashboardData({
      spend: ledger,
      period: 'day',
      budgetLines: [{ scope: 'global', period: 'day', spentUsd: 0.25, limitUsd: 1, ratio: 0.25, state: 'ok' }],
      warnAt: 0.8,
      now,
      hostsOf: (m) =>
        m === 'anthropic/claude-y'
          ? [
              { provider: 'openrouter', modelId: 'anthropic/claude-y', price: { inputPerMTok: 3.3, outputPerMTok: 16 } },
              { provider: 'bedrock', modelId: 'x', via: 'Amazon Bedrock' },
              { provider: 'anthropic', modelId: 'claude-y', price: { inputPerMTok: 3, outputPerMTok: 15, cacheReadPerMTok: 0.3 } },
            ]
          : [],
    });
    assert.deepEqual(
      d.prices.map((p) => p.model),
      ['anthropic/claude-y'],
    );
    assert.deepEqual(
      d.prices[0].hosts.map((h) => h.provider),
      ['anthropic', 'openrouter', 'bedrock'],
    );
    assert.equal(d.budgets[0].limitUsd, 1);
    assert.equal(d.catalogLoaded, true);
  });

  it('says the catalog is not loaded rather than showing no hosts, so opening the dashboard never loads the core', () => {
    const d = buildDashboardData({ spend: ledger, period: 'week', budgetLines: [], warnAt: 0.8, now });
    assert.equal(d.catalogLoaded, false);
    assert.deepEqual(d.prices, []);
    assert.equal(d.period, 'week', 'the webview selects its tab from this');
    assert.ok(dashboardDataSchema.safeParse(d).success);
  });

  it('drops models without any host', () => {
    assert.deepEqual(
      priceComparison(['a', 'b'], () => []),
      [],
    );
  });
});
