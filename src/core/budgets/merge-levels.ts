// A workspace's settings come with a cloned repository, so they may tighten the user's budget and
// never loosen it: the lower limit, the lower warning fraction and the stricter action win.
import type { BudgetConfig, BudgetLimits } from './budget-guard';

const STRICTNESS: Record<BudgetConfig['action'], number> = { warn: 0, downgrade: 1, block: 2 };

function lower(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}

function limits(user: BudgetLimits | undefined, ws: BudgetLimits | undefined): BudgetLimits | undefined {
  if (!user && !ws) return undefined;
  const out: BudgetLimits = {};
  const daily = lower(user?.dailyUsd, ws?.dailyUsd);
  const monthly = lower(user?.monthlyUsd, ws?.monthlyUsd);
  if (daily !== undefined) out.dailyUsd = daily;
  if (monthly !== undefined) out.monthlyUsd = monthly;
  return out;
}

/** The user's budget, tightened by whatever fields the workspace set (fields it did not set are absent). */
export function mergeBudgetLevels(user: BudgetConfig, workspace: Partial<BudgetConfig> | undefined): BudgetConfig {
  if (!workspace) return user;
  const out: BudgetConfig = { ...limits(user, workspace), warnAt: lower(user.warnAt, workspace.warnAt)!, action: user.action };
  if (workspace.action && STRICTNESS[workspace.action] > STRICTNESS[user.action]) out.action = workspace.action;
  const per = limits(user.perWorkspace, workspace.perWorkspace);
  if (per) out.perWorkspace = per;
  return out;
}
