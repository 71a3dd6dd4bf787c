// Connects the budget gate to the router: the estimate at the first-choice endpoint, the downgrade
// target, and the end of each hold. The editor only supplies reachability and locality.
import type { CatalogView, Endpoint } from '../catalog/types';
import { preSendEstimate, type PreSendEstimate } from '../pricing';
import type { AttemptContext, RouterDeps } from '../router/router';
import type { AttemptReport, RoutedRequest } from '../router/types';
import type { BudgetGate } from './budget-gate';
import { chooseDowngrade } from './downgrade';

/** What the hooks need from the window. */
interface BudgetHookDeps {
  gate: BudgetGate;
  catalog: CatalogView;
  isReachable(provider: string): boolean;
  isLocal(provider: string): boolean;
}

/** The router callbacks that enforce budgets; `settled` goes after the ledger write in `onAttempt`. */
export interface BudgetHooks extends Required<Pick<RouterDeps, 'budgetGate' | 'onRouteEnd'>> {
  settled(attempt: AttemptReport, ctx: AttemptContext): void;
}

/** Budget callbacks for a router. */
export function budgetHooks(d: BudgetHookDeps): BudgetHooks {
  // The gate takes the upper end of the range: a budget is a limit, not a forecast.
  const estimate = (req: RoutedRequest, e: Endpoint, upperBound = false) =>
    preSendEstimate(req, e, { local: d.isLocal(e.provider), upperBound });
  return {
    budgetGate: (plan, req, ctx) => {
      const first = plan.candidates[0];
      // With no host to send to, nothing is spent: the route's own error (which names why no host
      // can serve the model) says more than a budget message about a replacement would.
      if (!first) return { action: 'allow' };
      // Counted at most once, and only when the gate asks (a limit applies and the bound could reach it).
      let firstEstimate: PreSendEstimate | undefined;
      const exact = () => (firstEstimate ??= estimate(req, first.endpoint));
      return d.gate.admit({
        key: ctx.routeId,
        workspace: req.workspaceId,
        estimateUsd: () => exact().costRange.high,
        boundUsd: () => estimate(req, first.endpoint, true).costRange.high,
        firstChoice: `${first.endpoint.provider}:${first.endpoint.modelId}`,
        downgrade: () => {
          const to = chooseDowngrade(d.catalog, d.isReachable, d.isLocal, { minContextTokens: exact().inputTokens });
          if (!to) return undefined;
          return { ref: `${to.provider}:${to.modelId}`, estimateUsd: estimate(req, to).costRange.high, local: d.isLocal(to.provider) };
        },
      });
    },
    onRouteEnd: (ctx) => d.gate.ended(ctx.routeId),
    settled: (a, ctx) => d.gate.settled(ctx.routeId, a.outcome),
  };
}
