// The catalog, keys, health and settings as the language-model offer reads them.
import { canCallTools } from '../../core/router/request-needs';
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
    callsTools: (e) => {
      const d = registry.get(e.provider);
      return d !== undefined && canCallTools(e, d, false);
    },
  };
}
