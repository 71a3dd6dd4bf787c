import * as assert from 'node:assert/strict';
import { BudgetGuard, type BudgetConfig } from '../../../../src/core/budgets';
import { zeroTotals, type Totals } from '../../../../src/core/ledger/aggregates';
import type { Period } from '../../../../src/core/ledger/periods';
import type { HealthSnapshot, ProviderHealth } from '../../../../src/core/health/types';
import { breakerSummary, endpointRows, healthView } from '../../../../src/app/status/health-status';
import { spendView, type SpendFigures } from '../../../../src/app/status/spend-status';
import { escapeCell } from '../../../../src/app/status/markdown-table';

// A tooltip's table rows as plain cells, without the spacing between columns.
function rowsOf(tooltip: string): string {
  return tooltip.replace(/&nbsp;&nbsp;/g, '').replace(/&nbsp;/g, ' ');
}

function totals(p: Partial<Totals>): Totals {
  return { ...zeroTotals(), ...p };
}

// Spend per period, globally and per workspace, as the ledger would report it.
type Spend = Partial<Record<Period, number>> & { workspace?: Partial<Record<Period, number>> };

// Figures as the status bar builds them: the BudgetGuard's status for workspace "ws".
function figures(spend: Spend, budgets: Partial<BudgetConfig>, over: Partial<SpendFigures> = {}): SpendFigures {
  const spent = (period: Period, opts?: { workspace?: string }) =>
    totals({ usd: (opts?.workspace ? spend.workspace?.[period] : spend[period]) ?? 0 });
  const guard = new BudgetGuard({ spent }, () => ({ warnAt: 0.8, action: 'block', ...budgets }));
  return { today: spent('day'), month: spent('month'), todayByProvider: [], budget: guard.status('ws'), ...over };
}

function provider(p: Partial<ProviderHealth> & { provider: string }): ProviderHealth {
  return { ttftMs: { samples: 0 }, tokensPerSec: { samples: 0 }, errorRate: 0, state: 'ok', endpoints: [], ...p };
}

describe('spend status', () => {
  it('writes the costs of one table at one precision, with a gap between columns', () => {
    const v = spendView(
      figures(
        { day: 0.02 },
        {},
        {
          todayByProvider: [
            ['openai', totals({ usd: 0.02, requests: 1, attempts: 1 })],
            ['groq', totals({ usd: 0.00033, requests: 2, attempts: 4 })],
            ['gemini', totals({ usd: 0.000075, requests: 1, attempts: 1 })],
          ],
        },
      ),
    );
    const costs = rowsOf(v.tooltip)
      .split('\n')
      .filter((l) => /^\| (openai|groq|gemini) /.test(l))
      .map((l) => l.split('|')[2].trim());
    assert.deepEqual(costs, ['$0.020000', '$0.000330', '$0.000075']);
    const counted = rowsOf(v.tooltip)
      .split('\n')
      .filter((l) => /^\| (openai|groq|gemini) /.test(l))
      .map((l) => l.split('|')[3].trim());
    assert.deepEqual(counted, ['1', '2', '1'], 'the Requests column counts requests, not their retries and fallbacks');
    for (const line of v.tooltip.split('\n').filter((l) => l.startsWith('| '))) {
      const cells = line.split(/(?<!\\)\|/).slice(2, -1);
      for (const c of cells)
        assert.match(c, /^ &nbsp;&nbsp;\S+ $/, `no gap before "${c}", or a space a narrow hover could break at, in ${line}`);
    }
  });

  it('turns warn at the threshold and over at the limit, worst of day and month', () => {
    const b = { dailyUsd: 1, monthlyUsd: 10 };
    assert.equal(spendView(figures({ day: 0.5, month: 2 }, b)).level, 'ok');
    assert.equal(spendView(figures({ day: 0.8, month: 2 }, b)).level, 'warn');
    assert.equal(spendView(figures({ day: 0.1, month: 8.5 }, b)).level, 'warn');
    assert.equal(spendView(figures({ day: 1.0, month: 2 }, b)).level, 'over');
    assert.equal(spendView(figures({ day: 0.1, month: 12 }, b)).level, 'over');
    assert.equal(spendView(figures({ day: 500, month: 5000 }, {})).level, 'ok', 'no budget, no colour');
  });

  it('turns with a per-workspace limit the router enforces, even when the global ones are fine', () => {
    const budgets = { dailyUsd: 50, monthlyUsd: 500, perWorkspace: { dailyUsd: 2 } };
    const warn = spendView(figures({ day: 5, month: 40, workspace: { day: 1.7, month: 3 } }, budgets));
    assert.equal(warn.level, 'warn');
    assert.match(warn.text, /^\$\(warning\) \$5\.00 today · \$40\.00\/\$500\.00 mo$/);
    assert.match(warn.tooltip, /This workspace today: \$1\.70 of \$2\.00 \(85%\)/);
    assert.match(warn.tooltip, /85% of this workspace's daily budget used/);
    assert.doesNotMatch(warn.tooltip, /This workspace this month/, 'only the limits that are set');

    const over = spendView(figures({ day: 5, month: 40, workspace: { day: 2.5 } }, budgets));
    assert.equal(over.level, 'over');
    assert.match(over.text, /^\$\(error\) /);
    assert.match(over.tooltip, /\$\(error\) This workspace's daily budget is reached/);

    const monthly = spendView(figures({ day: 0, month: 0, workspace: { month: 9.5 } }, { perWorkspace: { monthlyUsd: 10 } }));
    assert.equal(monthly.level, 'warn');
    assert.match(monthly.tooltip, /Today: \$0\.00 \(no budget set\)/);
    assert.match(monthly.tooltip, /This workspace this month: \$9\.50 of \$10\.00 \(95%\)/);
  });

  it('names the global limit when it is the one reached', () => {
    const v = spendView(figures({ day: 1.2, month: 3, workspace: { day: 0.1 } }, { dailyUsd: 1, perWorkspace: { dailyUsd: 2 } }));
    assert.equal(v.level, 'over');
    assert.match(v.tooltip, /\$\(error\) The daily budget is reached/);
    assert.match(v.tooltip, /Today: \$1\.20 of \$1\.00 \(120%\)/);
    assert.match(v.tooltip, /This workspace today: \$0\.10 of \$2\.00 \(5%\)/);
  });

  it('shows today and the month against its budget, with a provider table', () => {
    const v = spendView(
      figures(
        { day: 0.42, month: 9 },
        { monthlyUsd: 10 },
        {
          today: totals({ usd: 0.42, requests: 3, attempts: 3, unpricedAttempts: 1 }),
          todayByProvider: [
            ['openai', totals({ usd: 0.4, requests: 2, attempts: 2, inputTokens: 12_345, outputTokens: 800, estimatedUsd: 0.1 })],
            ['my|host', totals({ usd: 0.02, requests: 1, attempts: 1, unpricedAttempts: 1 })],
          ],
        },
      ),
    );
    assert.equal(v.level, 'warn');
    assert.equal(v.text, '$(warning) $0.42+ today · $9.00/$10.00 mo');
    assert.match(rowsOf(v.tooltip), /\| Provider \| Cost \| Requests \| Tokens in \/ out \|/);
    assert.match(rowsOf(v.tooltip), /\| openai \| \$0\.40 \(est\.\) \| 2 \| 12k \/ 800 \|/);
    assert.match(v.tooltip, /my\\\|host/, 'a pipe in a provider id cannot break the table');
    assert.match(v.tooltip, /This month: \$9\.00 of \$10\.00 \(90%\)/);
  });

  it('says so when nothing was spent', () => {
    const v = spendView(figures({}, {}));
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
            {
              key: 'openai:a',
              provider: 'openai',
              modelId: 'a',
              ttftMs: { samples: 0 },
              tokensPerSec: { samples: 0 },
              errorRate: 1,
              calls: 3,
              breaker: 'open',
              state: 'down',
            },
            {
              key: 'openai:b',
              provider: 'openai',
              modelId: 'b',
              ttftMs: { samples: 0 },
              tokensPerSec: { samples: 0 },
              errorRate: 0,
              calls: 3,
              breaker: 'closed',
              state: 'ok',
            },
          ],
        }),
      ],
    };
    const v = healthView(snap);
    assert.equal(v.text, '$(warning) openai degraded');
    const rows = v.tooltip.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Provider'));
    assert.deepEqual(
      rows.map((r) => r.split('|')[1].trim()),
      ['openai', 'gemini'],
    );
    assert.match(rowsOf(v.tooltip), /\| gemini \| \$\(pass\) ok \| 412 ms \| 88 \| 0% \| closed \| 42% \|/);
    assert.match(rowsOf(v.tooltip), /\| openai \| \$\(warning\) degraded \| – \| – \| 25% \| 1 open \| – \|/);
    assert.match(v.tooltip, /Last error \(openai\): HTTP 503 overloaded/);
  });

  it('shortens a long last error at a word, with an ellipsis', () => {
    const message = `Anthropic returned HTTP 529: ${'the service is overloaded right now '.repeat(8)}`;
    const v = healthView({
      at: 0,
      overall: 'degraded',
      providers: [provider({ provider: 'anthropic', state: 'degraded', lastError: { category: 'overloaded', message, at: 1 } })],
    });
    const last = v.tooltip.split('\n').find((l) => l.startsWith('Last error'))!;
    assert.match(last, /\w…$/);
    assert.ok(message.includes(last.replace(/^Last error \(anthropic\): /, '').slice(0, -1)), 'cut between words');
    assert.ok(last.length < 230);
  });

  it('summarizes breakers', () => {
    const e = (breaker: 'open' | 'closed' | 'half-open') => ({ breaker }) as ProviderHealth['endpoints'][number];
    assert.equal(breakerSummary({ endpoints: [e('closed')] }), 'closed');
    assert.equal(breakerSummary({ endpoints: [e('open'), e('half-open'), e('open')] }), '2 open, 1 half-open');
  });

  it('details each endpoint of a provider for the second QuickPick, worst first, errors redacted', () => {
    const now = 1_000_000;
    const rows = endpointRows(
      {
        endpoints: [
          {
            key: 'o:b',
            provider: 'openai',
            modelId: 'b',
            ttftMs: { p50: 300.4, samples: 4 },
            tokensPerSec: { samples: 4 },
            errorRate: 0,
            calls: 4,
            breaker: 'closed',
            headroom: 0.5,
            state: 'ok',
          },
          {
            key: 'o:a',
            provider: 'openai',
            modelId: 'a',
            ttftMs: { samples: 0 },
            tokensPerSec: { samples: 0 },
            errorRate: 1,
            calls: 1,
            breaker: 'open',
            breakerReopensAt: now + 30_000,
            coolingUntil: now + 120_000,
            lastError: { category: 'auth', message: 'bad key sk-SECRET\nagain', at: now - 5 * 60_000 },
            state: 'down',
          },
        ],
      },
      now,
      (t) => t.replace(/sk-\w+/g, '[redacted]'),
    );
    assert.deepEqual(
      rows.map((r) => r.label),
      ['$(error) down  a', '$(pass) ok  b'],
    );
    assert.equal(rows[0].description, 'TTFT p50 – · 100% errors of 1 call · breaker open, retry in 30 s · headroom –');
    assert.equal(rows[0].detail, 'rate-limited, retry in 2 min · last error 5 min ago: bad key [redacted] again');
    assert.equal(rows[1].description, 'TTFT p50 300 ms · 0% errors of 4 calls · breaker closed · headroom 50%');
    assert.equal(rows[1].detail, 'no errors');
  });
});
