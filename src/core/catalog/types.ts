// Shapes shared by the catalog, pricing, router and ledger.

/** USD per million tokens. Reasoning defaults to the output price when absent. */
export interface Price {
  inputPerMTok: number;
  outputPerMTok: number;
  cacheReadPerMTok?: number;
  cacheWritePerMTok?: number;
  reasoningPerMTok?: number;
  /** Flat fee per request, when a host charges one. */
  requestUsd?: number;
  /** Long-context rates, ascending by threshold; the highest one the prompt exceeds replaces the base rates above. */
  tiers?: PriceTier[];
}

/** Rates that apply to the whole request once `inputTokens` exceeds `aboveInputTokens`; absent fields keep the base rate. */
export interface PriceTier {
  aboveInputTokens: number;
  inputPerMTok?: number;
  outputPerMTok?: number;
  cacheReadPerMTok?: number;
  cacheWritePerMTok?: number;
  reasoningPerMTok?: number;
}

/** What an endpoint can take or produce. */
export interface EndpointCapabilities {
  images: boolean;
  reasoning: boolean;
  tools: boolean;
  /** Honours a JSON Schema for the answer; absent when the catalog does not know. */
  structuredOutput?: boolean;
  /** How this model takes the reasoning control, when it differs from its provider's (a Gemini thinking level). */
  reasoningControl?: 'effort' | 'openrouter' | 'budget' | 'level';
  /** Made up for a pinned model the catalog knows nothing about: the flags above are guesses, the provider's data decides. */
  unknown?: true;
}

/** One host of one model: a provider plus that provider's own model id. */
export interface Endpoint {
  /** Canonical model, e.g. `anthropic/claude-sonnet-4.5`. */
  canonicalModel: string;
  /** Provider descriptor id, e.g. `openrouter`. */
  provider: string;
  /** The provider's own model id, e.g. `claude-sonnet-4-5` or `anthropic/claude-sonnet-4.5`. */
  modelId: string;
  /** Undefined means unknown: costs are then recorded as `unpriced`, never as $0. */
  price?: Price;
  contextWindow?: number;
  maxOutputTokens?: number;
  capabilities: EndpointCapabilities;
  /** Whether the host trains on prompts, when known. */
  dataPolicy?: 'no-training' | 'trains' | 'unknown';
  /** Where the entry came from; later sources override earlier ones. */
  source: 'bundled' | 'live' | 'override';
}

/** Stable key of an endpoint, used by health, affinity and the ledger. */
export function endpointKey(e: Pick<Endpoint, 'provider' | 'modelId'>): string {
  return `${e.provider}:${e.modelId}`;
}

/** Read access to the catalog that the router needs. */
export interface CatalogView {
  /** All known endpoints of a canonical model (empty when unknown). */
  endpointsOf(canonicalModel: string): Endpoint[];
  /** The endpoint for a provider-pinned id (`groq:llama-3.3-70b-versatile`), synthesized if unknown. */
  pinned(provider: string, modelId: string): Endpoint;
  /** Canonical model ids known to the catalog. */
  models(): string[];
}

/** What one attempt cost, and how sure we are. `usd` is undefined only when `unpriced`. */
export interface Charge {
  usd: number | undefined;
  /**
   * exact: computed from provider-reported usage and a known price; provider_reported: the
   * provider's own figure (OpenRouter `usage.cost`); estimated: usage was counted locally;
   * unpriced: no price known (never shown as $0); free: a local provider.
   */
  status: 'exact' | 'provider_reported' | 'estimated' | 'unpriced' | 'free';
}
