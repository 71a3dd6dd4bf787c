// At a budget limit with action "downgrade": the cheapest endpoint that can still serve the
// request, a local model first since it costs nothing.
import type { CatalogView, Endpoint } from '../catalog/types';

/** What the request needs from a replacement. */
interface DowngradeNeeds {
  images?: boolean;
  /** Prompt size the replacement's context window must hold. */
  minContextTokens?: number;
}

/** Picks the replacement endpoint, or undefined when nothing reachable fits. */
export function chooseDowngrade(
  catalog: CatalogView,
  isReachable: (provider: string) => boolean,
  isLocal: (provider: string) => boolean,
  needs: DowngradeNeeds = {},
): Endpoint | undefined {
  let best: Endpoint | undefined;
  let bestCost = Infinity;
  for (const model of catalog.models()) {
    for (const e of catalog.endpointsOf(model)) {
      if (!isReachable(e.provider)) continue;
      if (needs.images && !e.capabilities.images) continue;
      if (needs.minContextTokens && e.contextWindow !== undefined && e.contextWindow < needs.minContextTokens) continue;
      const cost = isLocal(e.provider) ? -1 : e.price ? e.price.inputPerMTok + e.price.outputPerMTok : undefined;
      // Unpriced endpoints are never a "cheap" choice: their cost is unknown.
      if (cost === undefined) continue;
      if (cost < bestCost) {
        best = e;
        bestCost = cost;
      }
    }
  }
  return best;
}
