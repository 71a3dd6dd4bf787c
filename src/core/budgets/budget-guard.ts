// Budgets: daily and monthly limits, global and per workspace, checked before every send.
// A request is caught both when the limit is already reached and when its own estimate
// would cross it.
import type { Totals } from '../ledger/aggregates';
import type { Period } from '../ledger/periods';
import { formatUsd as usd } from '../../common/format';

/** Limits of one scope. */
export interface BudgetLimits {
  dailyUsd?: number;
  monthlyUsd?: number;
}

/** The validated `switchboard.budgets` setting. */
export interface BudgetConfig extends BudgetLimits {
  /** Fraction of a limit at which to warn (0.8 by default). */
  warnAt: number;
  /** What happens at the limit. */
  action: 'warn' | 'block' | 'downgrade';
  perWorkspace?: BudgetLimits;
}

/** What the guard needs from the ledger. */
export interface SpendView {
  spent(period: Period, opts?: { at?: number; workspace?: string }): Totals;
}

/** Where a budget line stands. */
export type BudgetState = 'ok' | 'warn' | 'over';

/** One limit and the spend against it. */
export interface BudgetLine {
  scope: 'global' | 'workspace';
  period: 'day' | 'month';
  spentUsd: number;
  limitUsd: number;
  /** spent / limit. */
  ratio: number;
  state: BudgetState;
}

/** All limits and the worst state. */
export interface BudgetStatus {
  lines: BudgetLine[];
  worst: BudgetState;
}

/** The guard's verdict on one request. */
type BudgetDecision =
  | { action: 'allow'; warnings: string[] }
  | {
      action: 'warn' | 'block' | 'downgrade';
      message: string;
      line: BudgetLine;
      /** The message without what happens next. */ reason: string;
    };

const RANK: Record<BudgetState, number> = { ok: 0, warn: 1, over: 2 };

/** Evaluates budgets against the ledger's live totals. */
export class BudgetGuard {
  constructor(
    private readonly spend: SpendView,
    private readonly config: () => BudgetConfig,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether any limit applies to a request of `workspace`; without one, nothing needs an estimate. */
  limited(workspace?: string): boolean {
    const c = this.config();
    const set = (l: BudgetLimits | undefined) => l?.dailyUsd !== undefined || l?.monthlyUsd !== undefined;
    return set(c) || (workspace !== undefined && set(c.perWorkspace));
  }

  /** Every configured limit with its spend; `workspace` adds the per-workspace limits. */
  status(workspace?: string): BudgetStatus {
    const c = this.config();
    const lines: BudgetLine[] = [];
    const at = this.now();
    const add = (scope: 'global' | 'workspace', limits: BudgetLimits | undefined, ws: string | undefined) => {
      for (const [period, limit] of [
        ['day', limits?.dailyUsd],
        ['month', limits?.monthlyUsd],
      ] as const) {
        if (limit === undefined) continue;
        const spentUsd = this.spend.spent(period, { at, workspace: ws }).usd;
        const ratio = limit > 0 ? spentUsd / limit : spentUsd > 0 ? Infinity : 1;
        lines.push({ scope, period, spentUsd, limitUsd: limit, ratio, state: ratio >= 1 ? 'over' : ratio >= c.warnAt ? 'warn' : 'ok' });
      }
    };
    add('global', c, undefined);
    if (workspace !== undefined) add('workspace', c.perWorkspace, workspace);
    const worst = lines.reduce<BudgetState>((w, l) => (RANK[l.state] > RANK[w] ? l.state : w), 'ok');
    return { lines, worst };
  }

  /**
   * Decides about a request whose estimated cost is `estimateUsd` (upper end of the pre-send
   * range). `heldUsd` is what admitted, unsettled requests hold (all of them, or one workspace's):
   * it counts as spent, so requests sent together cannot all pass a nearly spent budget.
   */
  check(workspace: string | undefined, estimateUsd = 0, heldUsd: (workspace?: string) => number = () => 0): BudgetDecision {
    const c = this.config();
    const { lines } = this.status(workspace);
    const warnings: string[] = [];
    for (const line of lines) {
      const what = `${line.scope === 'workspace' ? "this workspace's " : ''}${line.period === 'day' ? 'daily' : 'monthly'} budget of ${usd(line.limitUsd)}`;
      const held = heldUsd(line.scope === 'workspace' ? workspace : undefined);
      const used = line.spentUsd + held;
      const spent = held > 0 ? `${usd(line.spentUsd)} spent and ${usd(held)} held by requests in flight` : `${usd(line.spentUsd)} spent`;
      if (used >= line.limitUsd) {
        const reason = `${spent} ${held > 0 ? 'reach' : 'reaches'} ${what}.`;
        return { action: c.action, line, reason, message: reason + suffix(c.action) };
      }
      if (estimateUsd > 0 && used + estimateUsd > line.limitUsd) {
        const reason = `This request could cost up to ${usd(estimateUsd)}; with ${spent} ${line.period === 'day' ? 'today' : 'this month'}, that could pass ${line.scope === 'workspace' ? '' : 'the '}${what}.`;
        return { action: c.action, line, reason, message: reason + suffix(c.action) };
      }
      if (line.state === 'warn') warnings.push(`${Math.round(line.ratio * 100)}% of ${what} used.`);
    }
    return { action: 'allow', warnings };
  }
}

function suffix(action: BudgetConfig['action']): string {
  if (action === 'block') return ' Nothing was sent. Raise the limit in the switchboard.budgets setting or wait for the next period.';
  if (action === 'downgrade') return ' Routing to the cheapest capable model instead.';
  return ' Sending anyway (switchboard.budgets action is "warn").';
}
