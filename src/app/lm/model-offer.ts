// Which models Switchboard offers to VS Code's language-model API, and how each offered id is
// routed. Pure: the editor side turns these rows into LanguageModelChatInformation.
import type { ModelListing } from '../../core/catalog/catalog-api';
import type { Endpoint } from '../../core/catalog/types';
import { ASSUMED_CONTEXT_WINDOW, CHOICE_MODEL_IDS, type ModelChoiceKind } from '../../core/engine/model-choice';
import type { ModelRef, SortStrategy } from '../../core/router/types';

/** Used when the catalog does not know a model's limits (the engine's choice assumes the same window). */
export const DEFAULT_CONTEXT_WINDOW = ASSUMED_CONTEXT_WINDOW;
export const DEFAULT_MAX_OUTPUT = 8_192;

/** Ids of the virtual models (never valid model refs, so they cannot clash with catalog ids). */
export const VIRTUAL = { ...CHOICE_MODEL_IDS, chainPrefix: '@chain/' } as const;

/** One model as offered to VS Code (structurally a LanguageModelChatInformation). */
export interface OfferedModel {
  id: string;
  name: string;
  family: string;
  version: string;
  detail: string;
  tooltip: string;
  maxInputTokens: number;
  maxOutputTokens: number;
  capabilities: { imageInput: boolean; toolCalling: boolean };
}

/** What the offer is built from; the catalog and settings as plain functions. */
export interface OfferSource {
  /** Models with at least one reachable host (the catalog's listing, filtered). */
  listing: readonly ModelListing[];
  /** Reachable endpoints of a canonical model. */
  hostsOf(model: string): readonly Endpoint[];
  providerName(id: string): string;
  sort: SortStrategy;
  chains: Readonly<Record<string, readonly string[]>>;
  pinnedHosts: boolean;
  /** Whether a request with tools may go to this host (catalog and provider capability data, as the router plans). */
  callsTools(e: Endpoint): boolean;
}

/** Every offered model: virtual ones first, then chains, canonical models, and pinned hosts when asked. */
export function buildOffer(src: OfferSource): OfferedModel[] {
  const canonical = src.listing.map((m) => canonicalRow(m, src));
  if (canonical.length === 0) return [];
  const byId = new Map(canonical.map((r) => [r.id, r]));
  const out: OfferedModel[] = [virtualRow('cheapest', canonical), virtualRow('fastest', canonical)];
  for (const [name, chain] of Object.entries(src.chains)) {
    const rows = chain.map((id) => byId.get(id) ?? pinnedLookup(id, src)).filter((r): r is OfferedModel => r !== undefined);
    if (rows.length) out.push(chainRow(name, chain, rows));
  }
  out.push(...canonical);
  if (src.pinnedHosts) for (const m of src.listing) for (const e of src.hostsOf(m.model)) out.push(pinnedRow(e, m, src));
  return out;
}

/** A phrase saying how a model with `n` hosts is routed under the current sort. */
export function routingPhrase(sort: SortStrategy, hosts: readonly string[]): string {
  if (hosts.length === 1) return `via ${hosts[0]}`;
  const n = hosts.length;
  if (sort === 'latency') return `fastest of ${n} hosts`;
  if (sort === 'throughput') return `highest throughput of ${n} hosts`;
  if (sort === 'balanced') return `balanced across ${n} hosts`;
  return `cheapest of ${n} hosts`;
}

function limits(contextWindow: number | undefined, hosts: readonly Endpoint[]): { maxInputTokens: number; maxOutputTokens: number } {
  // The smallest known output limit among hosts: a fallback host must accept what the caller plans for.
  const outs = hosts.map((e) => e.maxOutputTokens).filter((n): n is number => typeof n === 'number' && n > 0);
  const ctx = contextWindow ?? Math.min(...hosts.map((e) => e.contextWindow ?? Infinity));
  const context = Number.isFinite(ctx) && ctx > 0 ? ctx : DEFAULT_CONTEXT_WINDOW;
  const maxOutputTokens = Math.min(outs.length ? Math.min(...outs) : DEFAULT_MAX_OUTPUT, context);
  return { maxInputTokens: context > maxOutputTokens ? context - maxOutputTokens : context, maxOutputTokens };
}

function priceText(e: Endpoint): string {
  return e.price ? `$${e.price.inputPerMTok}/$${e.price.outputPerMTok} per MTok` : 'price unknown';
}

function canonicalRow(m: ModelListing, src: OfferSource): OfferedModel {
  const hosts = src.hostsOf(m.model);
  const names = hosts.map((e) => src.providerName(e.provider));
  const tools = hosts.some((e) => src.callsTools(e));
  return {
    id: m.model,
    name: m.displayName,
    family: m.model.split('/').at(-1) ?? m.model,
    version: m.model,
    detail: `Switchboard · ${routingPhrase(src.sort, names)}`,
    tooltip: [`${m.model}, routed by Switchboard (${src.sort})`, ...hosts.map((e, i) => `${names[i]}: ${priceText(e)}`)].join('\n'),
    ...limits(m.contextWindow, hosts),
    capabilities: { imageInput: hosts.some((e) => e.capabilities.images), toolCalling: tools },
  };
}

function pinnedRow(e: Endpoint, m: ModelListing, src: OfferSource): OfferedModel {
  const provider = src.providerName(e.provider);
  return {
    id: `${e.provider}:${e.modelId}`,
    name: `${m.displayName} (${provider})`,
    family: m.model.split('/').at(-1) ?? m.model,
    version: `${e.provider}:${e.modelId}`,
    detail: `Switchboard · pinned to ${provider}`,
    tooltip: `${e.provider}:${e.modelId}, always sent to ${provider}: ${priceText(e)}`,
    ...limits(e.contextWindow ?? m.contextWindow, [e]),
    capabilities: { imageInput: e.capabilities.images, toolCalling: src.callsTools(e) },
  };
}

function pinnedLookup(ref: string, src: OfferSource): OfferedModel | undefined {
  const colon = ref.indexOf(':');
  if (colon <= 0) return undefined;
  for (const m of src.listing) {
    const e = src.hostsOf(m.model).find((h) => `${h.provider}:${h.modelId}` === ref);
    if (e) return pinnedRow(e, m, src);
  }
  return undefined;
}

/** Limits every member accepts, and capabilities all of them have, so a fallback never fails for them. */
function common(rows: readonly OfferedModel[]): Pick<OfferedModel, 'maxInputTokens' | 'maxOutputTokens' | 'capabilities'> {
  return {
    maxInputTokens: Math.min(...rows.map((r) => r.maxInputTokens)),
    maxOutputTokens: Math.min(...rows.map((r) => r.maxOutputTokens)),
    capabilities: { imageInput: rows.every((r) => r.capabilities.imageInput), toolCalling: rows.every((r) => r.capabilities.toolCalling) },
  };
}

function chainRow(name: string, chain: readonly string[], rows: readonly OfferedModel[]): OfferedModel {
  return {
    id: `${VIRTUAL.chainPrefix}${name}`,
    name: `Switchboard: ${name}`,
    family: 'switchboard-chain',
    version: chain.join(','),
    detail: `Switchboard · fallback chain of ${rows.length}`,
    tooltip: `Tries ${chain.join(', then ')} (switchboard.modelChains.${name})`,
    ...common(rows),
  };
}

function virtualRow(kind: 'cheapest' | 'fastest', rows: readonly OfferedModel[]): OfferedModel {
  // The request picks among models that fit it, so the largest limits and any capability are offered.
  const maxInput = Math.max(...rows.map((r) => r.maxInputTokens));
  return {
    id: VIRTUAL[kind],
    name: kind === 'cheapest' ? 'Switchboard: cheapest capable' : 'Switchboard: fastest',
    family: `switchboard-${kind}`,
    version: '1',
    detail:
      kind === 'cheapest'
        ? `Switchboard · cheapest model that fits the request, of ${rows.length}`
        : `Switchboard · lowest measured time to first token, of ${rows.length}`,
    tooltip:
      kind === 'cheapest'
        ? 'Each request goes to the cheapest reachable model whose context and inputs fit it, falling back to the next cheapest.'
        : 'Each request goes to the model with the lowest measured time to first token, falling back to the next.',
    maxInputTokens: maxInput,
    maxOutputTokens: Math.max(...rows.map((r) => r.maxOutputTokens)),
    capabilities: { imageInput: rows.some((r) => r.capabilities.imageInput), toolCalling: rows.some((r) => r.capabilities.toolCalling) },
  };
}

/** How an offered id is routed: a model list, or (virtual models) the engine's choice for the request. */
type OfferedRoute = { models: ModelRef[] } | { choose: ModelChoiceKind };

/** Routing for an offered id; undefined for a chain no longer in the settings. */
export function routeOf(id: string, src: Pick<OfferSource, 'chains'>): OfferedRoute | undefined {
  if (id.startsWith(VIRTUAL.chainPrefix)) {
    const chain = src.chains[id.slice(VIRTUAL.chainPrefix.length)];
    return chain?.length ? { models: [...chain] } : undefined;
  }
  if (id === VIRTUAL.cheapest) return { choose: 'cheapest' };
  if (id === VIRTUAL.fastest) return { choose: 'fastest' };
  return { models: [id] };
}
