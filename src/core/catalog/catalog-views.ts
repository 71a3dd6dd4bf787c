// Read-only views over a built catalog index: a synthesized endpoint for an unknown pinned id,
// the picker's rows and a model's hosts with their prices.
import type { HostPrice, ModelListing } from './catalog-api';
import { sortCost, type CatalogIndex, type ProviderTraits } from './catalog-index';
import { canonicalFor } from './canonical-ids';
import type { CatalogCacheData } from './disk-cache';
import { findPriceEntry, type PriceBook } from './genai-source';
import type { MadeEndpoint } from './pinned-memo';
import { nextPriceChange, priceAt } from './price-schedule';
import { OPENROUTER_ID } from './provider-ids';
import type { Endpoint } from './types';

/** An endpoint for `provider:modelId` the index does not list, priced from its sibling or the vendor's table. */
export function synthesizeEndpoint(
  idx: CatalogIndex,
  prices: PriceBook,
  traits: ProviderTraits,
  ref: { provider: string; modelId: string },
  now: number,
): MadeEndpoint {
  const { provider, modelId } = ref;
  const local = traits.local === true;
  const canonical = canonicalFor(provider, modelId, new Set(idx.byModel.keys()));
  const sibling = idx.byModel.get(canonical)?.find((e) => e.provider === provider);
  // A snapshot id the vendor's price table matches (e.g. by prefix) is priced from it.
  const entry = sibling?.price || local ? undefined : findPriceEntry(prices, provider, modelId);
  const price = local
    ? { inputPerMTok: 0, outputPerMTok: 0 }
    : (sibling?.price ?? (entry ? priceAt(entry.prices, new Date(now)) : undefined));
  const endpoint: Endpoint = {
    canonicalModel: canonical,
    provider,
    modelId,
    price,
    contextWindow: sibling?.contextWindow ?? entry?.context_window,
    capabilities: sibling?.capabilities ??
      idx.facts.get(canonical)?.capabilities ?? { images: false, reasoning: false, tools: false, unknown: true },
    dataPolicy: traits.dataPolicy,
    source: sibling?.source ?? 'bundled',
  };
  return { endpoint, validUntil: entry && !sibling?.price && !local ? nextPriceChange(entry.prices, new Date(now)) : Infinity };
}

/** Picker rows, optionally only models with a host passing `isReachable`. */
export function listingOf(idx: CatalogIndex, isReachable?: (providerId: string) => boolean): ModelListing[] {
  const out: ModelListing[] = [];
  for (const [model, list] of idx.byModel) {
    const hosts = isReachable ? list.filter((e) => isReachable(e.provider)) : list;
    if (hosts.length === 0) continue;
    const f = idx.facts.get(model);
    const cheapest = hosts.find((e) => e.price);
    out.push({
      model,
      displayName: f?.displayName ?? model,
      hosts: hosts.map((e) => e.provider),
      inputPerMTok: cheapest?.price?.inputPerMTok,
      outputPerMTok: cheapest?.price?.outputPerMTok,
      contextWindow: f?.contextWindow,
      capabilities: f?.capabilities ?? hosts[0].capabilities,
    });
  }
  return out.sort((a, b) => a.model.localeCompare(b.model));
}

/** Direct endpoints, then OpenRouter's upstream hosts of the model if fetched, cheapest first. */
export function hostPrices(direct: readonly Endpoint[], cache: CatalogCacheData, canonicalModel: string): HostPrice[] {
  const own: HostPrice[] = direct.map((e) => ({
    provider: e.provider,
    modelId: e.modelId,
    price: e.price,
    contextWindow: e.contextWindow,
  }));
  const up = cache.upstream[canonicalModel]?.hosts ?? [];
  const via: HostPrice[] = up.map((h) => ({
    provider: OPENROUTER_ID,
    modelId: canonicalModel,
    via: h.hostName,
    price: h.price,
    contextWindow: h.contextWindow,
    uptimeLast30m: h.uptimeLast30m,
  }));
  return [...own, ...via.sort((a, b) => sortCost(a) - sortCost(b))];
}
