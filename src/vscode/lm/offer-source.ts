// The catalog, keys, health and settings as the language-model offer reads them.
import { endpointKey } from '../../core/catalog/types';
import { CORE_SUPPORTS_TOOLS } from '../../app/lm/message-map';
import type { OfferSource } from '../../app/lm/model-offer';
import type { Settings } from '../../app/config/schema';
import type { RoutingLevels } from '../../app/config/read-settings';
import type { Core } from '../services';

/** The router's default when no level sets a sort (see core/router/preferences). */
const DEFAULT_SORT = 'balanced';

/** Builds the offer's inputs: only hosts the user can reach (a key, or none needed) count. */
export function offerSource(core: Core, settings: Settings, routing: RoutingLevels): OfferSource {
  const { engine } = core;
  const registry = engine.registry();
  const usable = (p: string) => registry.get(p) !== undefined && engine.isReachable(p);
  return {
    listing: engine.catalog.listing(usable),
    hostsOf: (m) => engine.catalog.endpointsOf(m).filter((e) => usable(e.provider)),
    providerName: (id) => registry.get(id)?.displayName ?? id,
    sort: routing.workspace.sort ?? routing.user.sort ?? DEFAULT_SORT,
    chains: settings.modelChains,
    pinnedHosts: settings.languageModelPinnedHosts,
    toolsSupported: CORE_SUPPORTS_TOOLS,
  };
}

/** The best measured time to first token among a model's reachable hosts, for "fastest". */
export function ttftOf(core: Core, src: OfferSource): (model: string) => number | undefined {
  return (model) => {
    let best: number | undefined;
    for (const e of src.hostsOf(model)) {
      const t = core.engine.health.estimate(endpointKey(e), e.provider).ttftMs;
      if (t !== undefined && (best === undefined || t < best)) best = t;
    }
    return best;
  };
}
