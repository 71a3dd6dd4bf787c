// Builds the merged, query-ready view of every source: endpoints per model, pre-sorted cheapest first.
import type { ModelInfo } from '../types';
import { canonicalFor } from './canonical-ids';
import { CURATED_MODELS } from './curated-aliases';
import { findPriceEntry, type PriceBook } from './genai-source';
import { capabilitiesFromOr, priceFromOr, type OrModel, type UpstreamHost } from './openrouter-feed';
import type { PriceOverride } from './price-overrides';
import { nextPriceChange, priceAt } from './price-schedule';
import { OPENROUTER_ID } from './provider-ids';
import { endpointKey, type Endpoint, type EndpointCapabilities, type Price } from './types';

/** Facts about a provider that the catalog cannot learn from model lists. */
export interface ProviderTraits {
  local?: boolean;
  dataPolicy?: Endpoint['dataPolicy'];
}

/** Everything the index is built from. */
export interface IndexSources {
  prices: PriceBook;
  openrouterModels?: readonly OrModel[];
  providerModels: ReadonlyMap<string, readonly ModelInfo[]>;
  upstream: ReadonlyMap<string, readonly UpstreamHost[]>;
  overrides: readonly PriceOverride[];
  traits: (providerId: string) => ProviderTraits;
  at: Date;
}

/** Per-model facts for pickers. */
interface ModelFacts {
  displayName: string;
  capabilities?: EndpointCapabilities;
  contextWindow?: number;
}

/** The built index. Endpoint lists are sorted by `sortCost`, unpriced last. */
export interface CatalogIndex {
  byModel: Map<string, Endpoint[]>;
  byKey: Map<string, Endpoint>;
  facts: Map<string, ModelFacts>;
  /** When a dated or time-of-day price flips and the index must be rebuilt. */
  validUntil: number;
}

// Marked unknown: a model known only from a price table or a host's listing may well reason.
const NO_CAPS: EndpointCapabilities = { images: false, reasoning: false, tools: false, unknown: true };

/** OpenRouter's names of upstream hosts → our provider ids, to price a direct endpoint from its OpenRouter listing. */
const UPSTREAM_TO_PROVIDER: Readonly<Record<string, string>> = {
  openai: 'openai',
  anthropic: 'anthropic',
  'google ai studio': 'gemini',
  groq: 'groq',
  together: 'together',
  fireworks: 'fireworks',
  cerebras: 'cerebras',
  deepseek: 'deepseek',
  mistral: 'mistral',
  xai: 'xai',
  novita: 'novita',
};

/**
 * One number to order hosts by: USD per million tokens of a blend of 3 input : 1 output, since chat prompts
 * (history + context) usually outweigh replies, plus a per-request fee spread over a thousand requests
 * per million tokens. Unpriced endpoints sort after every priced one. The router ranks by the same number.
 */
export function sortCost(e: Pick<Endpoint, 'price'>): number {
  if (!e.price) return Number.POSITIVE_INFINITY;
  return (3 * e.price.inputPerMTok + e.price.outputPerMTok) / 4 + (e.price.requestUsd ?? 0) * 1000;
}

type Rank = 0 | 1 | 2 | 3;
interface Candidate {
  endpoint: Endpoint;
  rank: Rank;
  curated: boolean;
}

/** Builds the index. Pure: same sources, same index. */
export function buildIndex(s: IndexSources): CatalogIndex {
  const byKey = new Map<string, Candidate>();
  const facts = new Map<string, ModelFacts>();
  let validUntil = Number.POSITIVE_INFINITY;
  const known = new Set<string>([...CURATED_MODELS.map((m) => m.canonical), ...(s.openrouterModels ?? []).map((m) => m.id)]);
  for (const m of s.prices.byProvider.get(OPENROUTER_ID) ?? []) known.add(m.id);

  const put = (c: Candidate): void => {
    const key = endpointKey(c.endpoint);
    const prev = byKey.get(key);
    if (!prev) return void byKey.set(key, c);
    const [lo, hi] = prev.rank <= c.rank ? [prev, c] : [c, prev];
    byKey.set(key, { rank: hi.rank, curated: lo.curated || hi.curated, endpoint: mergeEndpoints(lo.endpoint, hi.endpoint) });
  };
  const bundledPrice = (provider: string, modelId: string): { price?: Price; contextWindow?: number } => {
    const entry = findPriceEntry(s.prices, provider, modelId);
    if (!entry) return {};
    validUntil = Math.min(validUntil, nextPriceChange(entry.prices, s.at));
    return { price: priceAt(entry.prices, s.at), contextWindow: entry.context_window };
  };

  // 1. Bundled price entries, each under the id the data set uses.
  for (const [provider, models] of s.prices.byProvider) {
    for (const m of models) {
      if (m.deprecated) continue;
      const canonical = canonicalFor(provider, m.id, known);
      validUntil = Math.min(validUntil, nextPriceChange(m.prices, s.at));
      put({
        rank: 0,
        curated: false,
        endpoint: {
          canonicalModel: canonical,
          provider,
          modelId: m.id,
          price: priceAt(m.prices, s.at),
          contextWindow: m.context_window,
          capabilities: NO_CAPS,
          source: 'bundled',
        },
      });
      if (m.name && !facts.has(canonical)) facts.set(canonical, { displayName: m.name });
    }
  }
  // 2. Curated hosts: the ids that really work on each host, priced from the bundled data.
  for (const cm of CURATED_MODELS) {
    facts.set(cm.canonical, { ...facts.get(cm.canonical), displayName: cm.displayName, capabilities: cm.capabilities });
    for (const [provider, modelId] of Object.entries({ [OPENROUTER_ID]: cm.canonical, ...cm.hosts })) {
      const b = bundledPrice(provider, modelId);
      put({
        rank: 1,
        curated: true,
        endpoint: { canonicalModel: cm.canonical, provider, modelId, ...b, capabilities: cm.capabilities, source: 'bundled' },
      });
    }
  }
  // 3. Live: each provider's own list; local models are free by definition.
  for (const [provider, list] of s.providerModels) {
    const local = s.traits(provider).local === true;
    for (const info of list) {
      const canonical = canonicalFor(provider, info.id, known);
      const b = local ? { price: { inputPerMTok: 0, outputPerMTok: 0 } } : bundledPrice(provider, info.id);
      put({
        rank: 2,
        curated: false,
        endpoint: {
          canonicalModel: canonical,
          provider,
          modelId: info.id,
          ...b,
          contextWindow: info.contextWindow ?? b.contextWindow,
          maxOutputTokens: info.maxOutputTokens,
          capabilities: NO_CAPS,
          source: 'live',
        },
      });
      if (!facts.has(canonical)) facts.set(canonical, { displayName: info.displayName || info.id });
    }
  }
  // 4. Live: OpenRouter's catalogue, which also names and describes models for every other host.
  for (const m of s.openrouterModels ?? []) {
    const caps = capabilitiesFromOr(m);
    const ctx = m.context_length ?? m.top_provider?.context_length ?? undefined;
    facts.set(m.id, { displayName: m.name ?? m.id, capabilities: facts.get(m.id)?.capabilities ?? caps, contextWindow: ctx });
    put({
      rank: 2,
      curated: false,
      endpoint: {
        canonicalModel: m.id,
        provider: OPENROUTER_ID,
        modelId: m.id,
        price: priceFromOr(m.pricing),
        contextWindow: ctx,
        maxOutputTokens: m.top_provider?.max_completion_tokens ?? undefined,
        capabilities: caps,
        source: 'live',
      },
    });
  }
  // 5. Upstream hosts seen through OpenRouter price direct endpoints that have no price of their own.
  for (const [canonical, hosts] of s.upstream) {
    for (const h of hosts) {
      const provider = UPSTREAM_TO_PROVIDER[h.hostName.toLowerCase()];
      if (!provider || !h.price) continue;
      for (const c of byKey.values()) {
        if (c.endpoint.provider === provider && c.endpoint.canonicalModel === canonical && !c.endpoint.price) {
          c.endpoint = { ...c.endpoint, price: h.price, source: 'live' };
        }
      }
    }
  }
  // 6. User overrides win over everything; an override for an unlisted model creates its endpoint.
  for (const o of s.overrides) {
    const price: Price = {
      inputPerMTok: o.inputPerMTok,
      outputPerMTok: o.outputPerMTok,
      cacheReadPerMTok: o.cacheReadPerMTok,
      cacheWritePerMTok: o.cacheWritePerMTok,
    };
    const hits = [...byKey.values()].filter(
      (c) => c.endpoint.provider === o.provider && (c.endpoint.modelId === o.model || c.endpoint.canonicalModel === o.model),
    );
    if (hits.length === 0) {
      put({
        rank: 3,
        curated: false,
        endpoint: {
          canonicalModel: canonicalFor(o.provider, o.model, known),
          provider: o.provider,
          modelId: o.model,
          price,
          capabilities: NO_CAPS,
          source: 'override',
        },
      });
    }
    for (const c of hits) put({ rank: 3, curated: c.curated, endpoint: { ...c.endpoint, price, source: 'override' } });
  }
  return finish(byKey, facts, s, validUntil);
}

function finish(byKey: Map<string, Candidate>, facts: Map<string, ModelFacts>, s: IndexSources, validUntil: number): CatalogIndex {
  const groups = new Map<string, Map<string, Candidate>>();
  const outKey = new Map<string, Endpoint>();
  const liveIds = new Map([...s.providerModels].map(([p, list]) => [p, new Set(list.map((m) => m.id))]));
  for (const [key, c] of byKey) {
    const f = facts.get(c.endpoint.canonicalModel);
    // Once a host's own list is known, a bundled-only entry it does not list is a price row, not a servable model.
    const prune = c.rank === 0 && !c.curated && liveIds.get(c.endpoint.provider)?.has(c.endpoint.modelId) === false;
    const traits = s.traits(c.endpoint.provider);
    const e: Endpoint = {
      ...c.endpoint,
      capabilities: c.endpoint.capabilities === NO_CAPS && f?.capabilities ? f.capabilities : c.endpoint.capabilities,
      dataPolicy: c.endpoint.dataPolicy ?? traits.dataPolicy,
      price: traits.local ? { inputPerMTok: 0, outputPerMTok: 0 } : c.endpoint.price,
    };
    outKey.set(key, e);
    if (prune) continue;
    // One endpoint per host and model in the routing lists: a curated id beats dated snapshots and aliases.
    const g = groups.get(e.canonicalModel) ?? new Map<string, Candidate>();
    groups.set(e.canonicalModel, g);
    const prev = g.get(e.provider);
    if (!prev || better({ ...c, endpoint: e }, prev)) g.set(e.provider, { ...c, endpoint: e });
  }
  const byModel = new Map<string, Endpoint[]>();
  for (const [model, g] of groups) {
    const list = [...g.values()].map((c) => c.endpoint);
    list.sort((a, b) => sortCost(a) - sortCost(b) || a.provider.localeCompare(b.provider));
    byModel.set(model, list);
    const f = facts.get(model) ?? { displayName: model };
    const ctx = Math.max(0, ...list.map((e) => e.contextWindow ?? 0));
    facts.set(model, { ...f, contextWindow: f.contextWindow ?? (ctx || undefined) });
  }
  return { byModel, byKey: outKey, facts, validUntil };
}

function better(a: Candidate, b: Candidate): boolean {
  if ((a.endpoint.source === 'override') !== (b.endpoint.source === 'override')) return a.endpoint.source === 'override';
  if (a.curated !== b.curated) return a.curated;
  if (!!a.endpoint.price !== !!b.endpoint.price) return !!a.endpoint.price;
  return a.rank > b.rank;
}

/** Later data wins field by field; fields it does not know keep the earlier value. */
function mergeEndpoints(earlier: Endpoint, later: Endpoint): Endpoint {
  const out: Endpoint = { ...earlier };
  for (const [k, v] of Object.entries(later) as [keyof Endpoint, unknown][]) {
    if (v === undefined) continue;
    if (k === 'capabilities' && v === NO_CAPS) continue;
    (out as unknown as Record<string, unknown>)[k] = v;
  }
  return out;
}
