import * as assert from 'node:assert/strict';
import { zeroTotals, type Totals } from '../../../src/core/ledger/aggregates';
import type { HealthSnapshot, ProviderHealth } from '../../../src/core/health/types';
import { breakerSummary, healthView } from '../../../src/vscode/status/health-status';
import { escapeCell, formatUsd, spendLevel, spendView } from '../../../src/vscode/status/spend-status';

function totals(p: Partial<Totals>): Totals {
  return { ...zeroTotals(), ...p };
}

function provider(p: Partial<ProviderHealth> & { provider: string }): ProviderHealth {
  return { ttftMs: { samples: 0 }, tokensPerSec: { samples: 0 }, errorRate: 0, state: 'ok', endpoints: [], ...p };
}

describe('spend status', () => {
  it('formats dollars without hiding tiny amounts', () => {
    assert.equal(formatUsd(0), '$0.00');
    assert.equal(formatUsd(0.00042), '$0.00042');
    assert.equal(formatUsd(1.5), '$1.50');
    assert.equal(formatUsd(12345.6), '$12,346');
  });

  it('turns warn at the threshold and over at the limit, worst of day and month', () => {
    const b = { dailyUsd: 1, monthlyUsd: 10, warnAt: 0.8 };
    assert.equal(spendLevel(0.5, 2, b), 'ok');
    assert.equal(spendLevel(0.8, 2, b), 'warn');
    assert.equal(spendLevel(0.1, 8.5, b), 'warn');
    assert.equal(spendLevel(1.0, 2, b), 'over');
    assert.equal(spendLevel(0.1, 12, b), 'over');
    assert.equal(spendLevel(500, 5000, { warnAt: 0.8 }), 'ok', 'no budget, no colour');
  });

  it('shows today and the month against its budget, with a provider table', () => {
    const v = spendView({
      today: totals({ usd: 0.42, attempts: 3, unpricedAttempts: 1 }),
      month: totals({ usd: 9 }),
      todayByProvider: [
        ['openai', totals({ usd: 0.4, attempts: 2, inputTokens: 12_345, outputTokens: 800, estimatedUsd: 0.1 })],
        ['my|host', totals({ usd: 0.02, attempts: 1, unpricedAttempts: 1 })],
      ],
      budgets: { monthlyUsd: 10, warnAt: 0.8 },
    });
    assert.equal(v.level, 'warn');
    assert.equal(v.text, '$(warning) $0.42+ today · $9.00/$10.00 mo');
    assert.match(v.tooltip, /\| Provider \| Cost \| Requests \| Tokens in \/ out \|/);
    assert.match(v.tooltip, /\| openai \| \$0\.40 \(est\.\) \| 2 \| 12k \/ 800 \|/);
    assert.match(v.tooltip, /my\\\|host/, 'a pipe in a provider id cannot break the table');
    assert.match(v.tooltip, /This month: \$9\.00 of \$10\.00 \(90%\)/);
  });

  it('says so when nothing was spent', () => {
    const v = spendView({ today: zeroTotals(), month: zeroTotals(), todayByProvider: [], budgets: { warnAt: 0.8 } });
    assert.equal(v.text, '$(credit-card) $0.00 today · $0.00 mo');
    assert.match(v.tooltip, /No requests yet today/);
  });

  it('escapes markdown in cells', () => {
    assert.equal(escapeCell('[x](command:evil)'), '\\[x\\](command:evil)');
  });
});

describe('health status', () => {
  it('is all good with no providers and names a single down provider', () => {
    assert.equal(healthView({ at: 0, overall: 'ok', providers: [] }).text, '$(pulse) All good');
    const snap: HealthSnapshot = {
      at: 0,
      overall: 'down',
      providers: [provider({ provider: 'openai' }), provider({ provider: 'anthropic', state: 'down', errorRate: 1 })],
    };
    const v = healthView(snap);
    assert.equal(v.text, '$(error) anthropic down');
    assert.equal(v.state, 'down');
  });

  it('reports degraded and lists every provider worst first with latency, errors, breaker and headroom', () => {
    const snap: HealthSnapshot = {
      at: 0,
      overall: 'degraded',
      providers: [
        provider({ provider: 'gemini', ttftMs: { p50: 412.4, samples: 3 }, tokensPerSec: { p50: 88.2, samples: 3 }, headroom: 0.42 }),
        provider({
          provider: 'openai',
          state: 'degraded',
          errorRate: 0.25,
          lastError: { category: 'overloaded', message: 'HTTP 503 overloaded', at: 5 },
          endpoints: [
            { key: 'openai:a', provider: 'openai', modelId: 'a', ttftMs: { samples: 0 }, tokensPerSec: { samples: 0 }, errorRate: 1, calls: 3, breaker: 'open', state: 'down' },
            { key: 'openai:b', provider: 'openai', modelId: 'b', ttftMs: { samples: 0 }, tokensPerSec: { samples: 0 }, errorRate: 0, calls: 3, breaker: 'closed', state: 'ok' },
          ],
        }),
      ],
    };
    const v = healthView(snap);
    assert.equal(v.text, '$(warning) openai degraded');
    const rows = v.tooltip.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Provider'));
    assert.deepEqual(rows.map((r) => r.split('|')[1].trim()), ['openai', 'gemini']);
    assert.match(v.tooltip, /\| gemini \| \$\(pass\) ok \| 412 ms \| 88 \| 0% \| closed \| 42% \|/);
    assert.match(v.tooltip, /\| openai \| \$\(warning\) degraded \| – \| – \| 25% \| 1 open \| – \|/);
    assert.match(v.tooltip, /Last error \(openai\): HTTP 503 overloaded/);
  });

  it('summarizes breakers', () => {
    const e = (breaker: 'open' | 'closed' | 'half-open') => ({ breaker }) as ProviderHealth['endpoints'][number];
    assert.equal(breakerSummary({ endpoints: [e('closed')] }), 'closed');
    assert.equal(breakerSummary({ endpoints: [e('open'), e('half-open'), e('open')] }), '2 open, 1 half-open');
  });
});
