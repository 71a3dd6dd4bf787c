// What the spend item shows: text, severity and a markdown tooltip. Pure, so it is unit-tested.
import type { BudgetLine, BudgetState, BudgetStatus } from '../../core/budgets';
import type { Totals } from '../../core/ledger/aggregates';
import { formatTokensShort, formatUsd, usdColumn } from '../../common/format';
import { markdownTable } from './markdown-table';

/** Colour of the item: normal, warning background, error background. */
export type SpendLevel = BudgetState;

/** Everything the spend item renders. */
interface SpendView {
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
  /** The BudgetGuard's status for this window's workspace, so the colour matches what the router enforces. */
  budget: BudgetStatus;
}

/** The worst budget line, global or per workspace: the one the item's colour and warning speak for. */
function worstLine(b: BudgetStatus): BudgetLine | undefined {
  const rank: Record<BudgetState, number> = { ok: 0, warn: 1, over: 2 };
  let worst: BudgetLine | undefined;
  for (const l of b.lines) if (!worst || rank[l.state] > rank[worst.state] || (l.state === worst.state && l.ratio > worst.ratio)) worst = l;
  return worst;
}

/** Builds the spend item's text and tooltip. */
export function spendView(f: SpendFigures): SpendView {
  const level = f.budget.worst;
  const icon = level === 'over' ? '$(error)' : level === 'warn' ? '$(warning)' : '$(credit-card)';
  const monthLimit = line(f.budget, 'global', 'month')?.limitUsd;
  const month = monthLimit ? `${formatUsd(f.month.usd)}/${formatUsd(monthLimit)} mo` : `${formatUsd(f.month.usd)} mo`;
  const unpriced = f.today.unpricedAttempts > 0 ? '+' : '';
  const text = `${icon} ${formatUsd(f.today.usd)}${unpriced} today · ${month}`;
  return { text, level, tooltip: spendTooltip(f, level) };
}

function line(b: BudgetStatus, scope: BudgetLine['scope'], period: BudgetLine['period']): BudgetLine | undefined {
  return b.lines.find((l) => l.scope === scope && l.period === period);
}

function spendTooltip(f: SpendFigures, level: SpendLevel): string {
  const lines = ['**Switchboard spend today**', ''];
  if (f.todayByProvider.length === 0) {
    lines.push('No requests yet today.');
  } else {
    const usd = usdColumn(f.todayByProvider.map(([, t]) => t.usd));
    const rows = f.todayByProvider.map(([provider, t]) => [
      provider,
      `${usd(t.usd)}${t.estimatedUsd > 0 ? ' (est.)' : ''}${t.unpricedAttempts ? ` +${t.unpricedAttempts} unpriced` : ''}`,
      String(t.requests),
      `${formatTokensShort(t.inputTokens)} / ${formatTokensShort(t.outputTokens)}`,
    ]);
    lines.push(...markdownTable(['Provider', 'Cost', 'Requests', 'Tokens in / out'], ['left', 'right', 'right', 'right'], rows));
  }
  lines.push('');
  const budget = (label: string, spent: number, l?: BudgetLine) =>
    l ? `${label}: ${formatUsd(l.spentUsd)} of ${formatUsd(l.limitUsd)} (${percent(l)})` : `${label}: ${formatUsd(spent)} (no budget set)`;
  lines.push(
    budget('Today', f.today.usd, line(f.budget, 'global', 'day')),
    '',
    budget('This month', f.month.usd, line(f.budget, 'global', 'month')),
  );
  // Per-workspace lines only when such a limit is set: they can block this window while the global ones are fine.
  for (const l of f.budget.lines.filter((x) => x.scope === 'workspace')) {
    lines.push('', budget(l.period === 'day' ? 'This workspace today' : 'This workspace this month', l.spentUsd, l));
  }
  if (f.today.cacheSavedUsd > 0) lines.push('', `Prompt cache saved ${formatUsd(f.today.cacheSavedUsd)} today.`);
  const worst = worstLine(f.budget);
  if (level !== 'ok' && worst) {
    const what = `${worst.scope === 'workspace' ? "this workspace's" : 'the'} ${worst.period === 'day' ? 'daily' : 'monthly'} budget`;
    lines.push('', level === 'over' ? `$(error) ${capitalise(what)} is reached.` : `$(warning) ${percent(worst)} of ${what} used.`);
  }
  lines.push('', 'Click to open the spend dashboard.');
  return lines.join('\n');
}

function percent(l: BudgetLine): string {
  return Number.isFinite(l.ratio) ? `${Math.round(l.ratio * 100)}%` : 'over 100%';
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
