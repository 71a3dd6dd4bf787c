// The budget step: before any call, the budget gate may allow the plan, warn, block it, or
// send the request to a cheaper model.
import { ProviderError } from '../errors';
import type { ResolvedPreferences } from './preferences';
import { ROUTER_PROVIDER_ID } from './route-messages';
import type { RoutePlan } from './route-plan';
import type { AttemptContext, RouterDeps } from './router-deps';
import type { ModelRef, RoutedRequest, RouteReport } from './types';

/** The plan to run, or the error that stops the request before any call. */
type BudgetStep = { plan: RoutePlan; prefs: ResolvedPreferences; blocked?: undefined } | { blocked: ProviderError };

interface BudgetInput {
  plan: RoutePlan;
  prefs: ResolvedPreferences;
  req: RoutedRequest;
  ctx: AttemptContext;
  report: RouteReport;
  /** Plans again for a downgrade (keys loaded, no affinity). */
  replan: (model: ModelRef, prefs: ResolvedPreferences) => Promise<RoutePlan>;
}

export async function budgetStep(gate: RouterDeps['budgetGate'], input: BudgetInput): Promise<BudgetStep> {
  const { plan, prefs } = input;
  if (!gate) return { plan, prefs };
  const decision = await gate(plan, input.req, input.ctx);
  if (decision.action === 'allow') return { plan, prefs };
  input.report.budgetAction = { action: decision.action, message: decision.message };
  if (decision.action === 'block') {
    return {
      blocked: new ProviderError({ category: 'budget', provider: ROUTER_PROVIDER_ID, message: decision.message, retryable: false }),
    };
  }
  if (decision.action !== 'downgrade' || !decision.downgradeTo) return { plan, prefs };
  // A downgrade names the one model to use: comparable models would lead back to the dear ones.
  const downgraded = { ...prefs, allowComparableFallback: false };
  return { plan: await input.replan(decision.downgradeTo, downgraded), prefs: downgraded };
}
