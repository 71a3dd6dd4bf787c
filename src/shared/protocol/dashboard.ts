// Messages of the spend dashboard. The host computes every figure; the webview only draws.
import * as z from 'zod/mini';
import { count, list, nonNegative, opt, str } from './schema-kit';
import { defineMessages } from './define';

const usd = z.number();
const label = str(300);
const costStatus = z.enum(['exact', 'provider_reported', 'estimated', 'unpriced', 'free']);

/** Spend over one period key (a day, an ISO week or a month). */
const spendPointSchema = z.object({
  key: str(20),
  usd,
  estimatedUsd: usd,
  cacheSavedUsd: usd,
  /** Requests sent; a request's retries and fallbacks are further attempts. */
  requests: count(),
  attempts: count(),
  unpricedAttempts: count(),
});

/** Totals of a slice (a model, a provider, a workspace) in the selected period. */
const spendRowSchema = z.object({
  name: label,
  usd,
  estimatedUsd: usd,
  requests: count(),
  attempts: count(),
  failedAttempts: count(),
  unpricedAttempts: count(),
  inputTokens: count(),
  outputTokens: count(),
  cacheReadTokens: count(),
  cacheSavedUsd: usd,
});

/** One budget limit and where spend stands against it. */
const budgetLineSchema = z.object({
  scope: z.enum(['global', 'workspace']),
  period: z.enum(['day', 'month']),
  spentUsd: usd,
  limitUsd: usd,
  state: z.enum(['ok', 'warn', 'over']),
});

/** Prices of one model across its hosts (USD per million tokens). */
const modelPricesSchema = z.object({
  model: label,
  hosts: list(
    z.object({
      provider: label,
      via: opt(label),
      inputPerMTok: opt(nonNegative()),
      outputPerMTok: opt(nonNegative()),
      cacheReadPerMTok: opt(nonNegative()),
    }),
    50,
  ),
});

/** A recent request, for the activity list. */
const recentRowSchema = z.object({
  ts: z.number(),
  model: label,
  provider: label,
  usd: opt(usd),
  costStatus,
  outcome: z.enum(['success', 'failed', 'cancelled', 'partial', 'skipped']),
  inputTokens: count(),
  outputTokens: count(),
  fallback: z.boolean(),
});

/** Granularity of the chart and of the breakdown tables. */
const dashboardPeriodSchema = z.enum(['day', 'week', 'month']);

/** Everything the dashboard shows. */
export const dashboardDataSchema = z.object({
  generatedAt: z.number(),
  period: dashboardPeriodSchema,
  /** Key of the current period (e.g. 2026-11-25, 2026-W48, 2026-11). */
  periodKey: str(20),
  series: list(spendPointSchema, 400),
  totals: z.object({ today: spendRowSchema, week: spendRowSchema, month: spendRowSchema }),
  by: z.object({
    model: list(spendRowSchema, 500),
    provider: list(spendRowSchema, 500),
    workspace: list(spendRowSchema, 500),
    origin: list(spendRowSchema, 20),
  }),
  budgets: list(budgetLineSchema, 10),
  warnAt: z.number(),
  prices: list(modelPricesSchema, 50),
  /** False until the model catalog is loaded (first request of the window): `prices` is empty then, not "no hosts". */
  catalogLoaded: z.boolean(),
  recent: list(recentRowSchema, 100),
});

/** @see dashboardDataSchema */
export type DashboardData = z.output<typeof dashboardDataSchema>;
/** @see spendRowSchema */
export type SpendRow = z.output<typeof spendRowSchema>;
/** @see dashboardPeriodSchema */
export type DashboardPeriod = z.output<typeof dashboardPeriodSchema>;

/** Webview → host. */
export const dashboardToHost = defineMessages({
  'dashboard.ready': { request: z.object({}) },
  'dashboard.setPeriod': { request: z.object({ period: dashboardPeriodSchema }) },
  'dashboard.exportCsv': { request: z.object({}) },
  /** Opens the budgets setting (the webview cannot open settings itself). */
  'dashboard.openBudgetSettings': { request: z.object({}) },
});

/** Host → webview. */
export const dashboardToWebview = defineMessages({
  'dashboard.data': { request: dashboardDataSchema },
});
