// The budget check the router runs before its first call: the guard's verdict on the request's
// estimated cost, and for `downgrade` the cheapest reachable replacement.
import type { BudgetGuard } from '../budgets/budget-guard';
import { chooseDowngrade } from '../budgets/downgrade';
import type { CatalogView } from '../catalog/types';
import { preSendEstimate } from '../pricing';
import type { RoutePlan } from '../router/route-plan';
import type { BudgetDecision } from '../router/router';
import type { RoutedRequest } from '../router/types';

/** What the gate needs to know about providers. */
export interface GateProviders {
  isReachable(providerId: string): boolean;
  isLocal(providerId: string): boolean;
}

/** A router `budgetGate` over a guard, a catalog and the providers the user can reach. */
export function budgetGate(budgets: BudgetGuard, catalog: CatalogView, providers: GateProviders, defaultWorkspace: () => string) {
  return (plan: RoutePlan, req: RoutedRequest): BudgetDecision => {
    const first = plan.candidates[0];
    // The guard takes the upper end of the range: a budget is a limit, not a forecast.
    const estimate = first ? (preSendEstimate(req, first.endpoint, { local: first.descriptor.capabilities.local }).costRange.high ?? 0) : 0;
    const d = budgets.check(req.workspaceId ?? defaultWorkspace(), estimate);
    if (d.action === 'allow') return { action: 'allow' };
    if (d.action !== 'downgrade') return { action: d.action, message: d.message };
    const to = chooseDowngrade(catalog, (p) => providers.isReachable(p), (p) => providers.isLocal(p));
    return { action: 'downgrade', message: d.message, downgradeTo: to ? `${to.provider}:${to.modelId}` : undefined };
  };
}
