// What the spend item shows: text, severity and a markdown tooltip. Pure, so it is unit-tested.
import type { Totals } from '../../core/ledger/aggregates';
import type { BudgetLimits } from './ports';

/** Colour of the item: normal, warning background, error background. */
export type SpendLevel = 'ok' | 'warn' | 'over';

/** Everything the spend item renders. */
export interface SpendView {
  text: string;
  level: SpendLevel;
  /** Markdown (a table), trusted only for codicons, never for commands. */
  tooltip: string;
}

/** Inputs of the spend item. */
export interface SpendFigures {
  today: Totals;
  month: Totals;
  todayByProvider: [string, Totals][];
  budgets: BudgetLimits;
}

/** Formats USD for a status bar: cents normally, more digits for tiny amounts so $0.0004 is not "$0.00". */
export function formatUsd(usd: number): string {
  if (usd === 0) return '$0.00';
  if (Math.abs(usd) < 0.01) return `$${usd.toPrecision(2)}`;
  if (Math.abs(usd) >= 1000) return `$${Math.round(usd).toLocaleString('en-US')}`;
  return `$${usd.toFixed(2)}`;
}

/** The worst budget position: past the limit, past the warning fraction, or fine. */
export function spendLevel(today: number, month: number, b: BudgetLimits): SpendLevel {
  const ratios = [b.dailyUsd ? today / b.dailyUsd : 0, b.monthlyUsd ? month / b.monthlyUsd : 0];
  const worst = Math.max(...ratios);
  if (worst >= 1) return 'over';
  if (worst >= b.warnAt) return 'warn';
  return 'ok';
}

/** Builds the spend item's text and tooltip. */
export function spendView(f: SpendFigures): SpendView {
  const level = spendLevel(f.today.usd, f.month.usd, f.budgets);
  const icon = level === 'over' ? '$(error)' : level === 'warn' ? '$(warning)' : '$(credit-card)';
  const month = f.budgets.monthlyUsd ? `${formatUsd(f.month.usd)}/${formatUsd(f.budgets.monthlyUsd)} mo` : `${formatUsd(f.month.usd)} mo`;
  const unpriced = f.today.unpricedAttempts > 0 ? '+' : '';
  const text = `${icon} ${formatUsd(f.today.usd)}${unpriced} today · ${month}`;
  return { text, level, tooltip: spendTooltip(f, level) };
}

function spendTooltip(f: SpendFigures, level: SpendLevel): string {
  const lines = ['**Switchboard spend today**', ''];
  if (f.todayByProvider.length === 0) {
    lines.push('No requests yet today.');
  } else {
    lines.push('| Provider | Cost | Requests | Tokens in / out |', '|:--|--:|--:|--:|');
    for (const [provider, t] of f.todayByProvider) {
      const cost = `${formatUsd(t.usd)}${t.estimatedUsd > 0 ? ' (est.)' : ''}${t.unpricedAttempts ? ` +${t.unpricedAttempts} unpriced` : ''}`;
      lines.push(`| ${escapeCell(provider)} | ${cost} | ${t.attempts} | ${compact(t.inputTokens)} / ${compact(t.outputTokens)} |`);
    }
  }
  lines.push('');
  const budget = (label: string, spent: number, limit?: number) =>
    limit ? `${label}: ${formatUsd(spent)} of ${formatUsd(limit)} (${Math.round((spent / limit) * 100)}%)` : `${label}: ${formatUsd(spent)} (no budget set)`;
  lines.push(budget('Today', f.today.usd, f.budgets.dailyUsd), '', budget('This month', f.month.usd, f.budgets.monthlyUsd));
  if (f.today.cacheSavedUsd > 0) lines.push('', `Prompt cache saved ${formatUsd(f.today.cacheSavedUsd)} today.`);
  if (level !== 'ok') lines.push('', level === 'over' ? '$(error) A budget limit is reached.' : '$(warning) Close to a budget limit.');
  lines.push('', 'Click to open the spend dashboard.');
  return lines.join('\n');
}

/** 12345 → "12.3k": tooltips need magnitudes, not digits. */
export function compact(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 10_000 ? 1 : 0)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
}

/** Escapes characters that would break a markdown table cell or inject markup. */
export function escapeCell(s: string): string {
  return s.replace(/[\\|*_`[\]<>#]/g, (c) => `\\${c}`).replace(/\n/g, ' ');
}
