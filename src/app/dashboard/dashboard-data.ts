// Computes every figure of the spend dashboard from the ledger, budgets and catalog. Pure (no vscode
// import): the webview only draws what this returns.
import type { BudgetLine } from '../../core/budgets';
import type { HostPrice } from '../../core/catalog';
import type { Totals } from '../../core/ledger/aggregates';
import type { DashboardData, DashboardPeriod, SpendRow } from '../../shared/protocol/dashboard';
import type { SpendSource } from '../status/ports';

/** How many points each chart granularity shows. */
export const SERIES_LENGTH: Record<DashboardPeriod, number> = { day: 30, week: 12, month: 12 };

/** Inputs besides the ledger. */
interface DashboardInputs {
  spend: Pick<SpendSource, 'spent' | 'summary' | 'series' | 'recent'>;
  period: DashboardPeriod;
  budgetLines: readonly BudgetLine[];
  warnAt: number;
  /** Hosts and prices of a canonical model; undefined while the catalog is not loaded. */
  hostsOf?: (model: string) => HostPrice[];
  now: number;
}

/** Builds the dashboard payload. */
export function buildDashboardData(i: DashboardInputs): DashboardData {
  const summary = i.spend.summary(i.period, i.now);
  const month = i.spend.summary('month', i.now);
  const modelsUsed = month.by.model.map(([m]) => m).filter((m) => m !== '');
  return {
    generatedAt: i.now,
    period: i.period,
    periodKey: summary.key,
    series: i.spend.series(i.period, SERIES_LENGTH[i.period], i.now).map(({ key, totals: t }) => ({
      key,
      usd: t.usd,
      estimatedUsd: t.estimatedUsd,
      cacheSavedUsd: t.cacheSavedUsd,
      requests: t.requests,
      attempts: t.attempts,
      unpricedAttempts: t.unpricedAttempts,
    })),
    totals: {
      today: row('today', i.spend.spent('day', { at: i.now })),
      week: row('this week', i.spend.spent('week', { at: i.now })),
      month: row('this month', i.spend.spent('month', { at: i.now })),
    },
    by: {
      model: summary.by.model.map(([n, t]) => row(n || '(unknown)', t)),
      provider: summary.by.provider.map(([n, t]) => row(n || '(unknown)', t)),
      workspace: summary.by.workspace.map(([n, t]) => row(n || '(no workspace)', t)),
      // Spend recorded before origins were kept has none.
      origin: summary.by.origin.map(([n, t]) => row(n || '(earlier)', t)),
    },
    budgets: i.budgetLines.map((l) => ({ scope: l.scope, period: l.period, spentUsd: l.spentUsd, limitUsd: l.limitUsd, state: l.state })),
    warnAt: i.warnAt,
    prices: i.hostsOf ? priceComparison(modelsUsed.slice(0, 12), i.hostsOf) : [],
    catalogLoaded: i.hostsOf !== undefined,
    recent: i.spend
      .recent()
      .filter((r) => r.outcome !== 'skipped')
      .slice(-50)
      .reverse()
      .map((r) => ({
        ts: r.ts,
        model: r.model,
        provider: r.provider,
        usd: r.costUsd,
        costStatus: r.costStatus,
        outcome: r.outcome,
        inputTokens: Math.round(r.inputTokens),
        outputTokens: Math.round(r.outputTokens),
        fallback: r.fallback,
      })),
  };
}

function row(name: string, t: Totals): SpendRow {
  return {
    name,
    usd: t.usd,
    estimatedUsd: t.estimatedUsd,
    requests: t.requests,
    attempts: t.attempts,
    failedAttempts: t.failedAttempts,
    unpricedAttempts: t.unpricedAttempts,
    inputTokens: Math.round(t.inputTokens),
    outputTokens: Math.round(t.outputTokens),
    cacheReadTokens: Math.round(t.cacheReadTokens),
    cacheSavedUsd: t.cacheSavedUsd,
  };
}

/** Each model's hosts with their prices, cheapest first (unpriced last), so savings are visible. */
export function priceComparison(models: readonly string[], hostsOf: (model: string) => HostPrice[]): DashboardData['prices'] {
  return models
    .map((model) => {
      const hosts = hostsOf(model)
        .map((h) => ({
          provider: h.provider,
          via: h.via,
          inputPerMTok: h.price?.inputPerMTok,
          outputPerMTok: h.price?.outputPerMTok,
          cacheReadPerMTok: h.price?.cacheReadPerMTok,
        }))
        .sort((a, b) => blended(a) - blended(b))
        .slice(0, 50);
      return { model, hosts };
    })
    .filter((m) => m.hosts.length > 0);
}

// Ranks hosts by a 3:1 input:output mix, the usual shape of chat traffic.
function blended(h: { inputPerMTok?: number; outputPerMTok?: number }): number {
  if (h.inputPerMTok === undefined || h.outputPerMTok === undefined) return Infinity;
  return (3 * h.inputPerMTok + h.outputPerMTok) / 4;
}
