// Public shapes of the catalog API: options, reports, picker rows.
import type { HttpTransport } from '../http/client';
import type { Clock, Logger } from '../platform';
import type { ModelInfo } from '../types';
import type { ProviderTraits } from './catalog-index';
import type { Endpoint, EndpointCapabilities, Price } from './types';

/** How the catalog is wired; every outside effect is injected so tests can drive it. */
export interface ModelCatalogOptions {
  clock?: Clock;
  logger?: Logger;
  /** Transport for OpenRouter and the price feed. Without it, only listModels feeds live data. */
  http?: HttpTransport;
  /** Default `https://openrouter.ai/api/v1`; tests point it at the simulator. */
  openrouterBaseUrl?: string;
  /** The feed's base URL as the settings say now, undefined for no fetch; without it the feed is always read from `openrouterBaseUrl`. */
  openrouterFeed?: () => string | undefined;
  /** genai-prices' published data.json (default: the package's REMOTE_DATA_JSON_URL). */
  priceDataUrl?: string;
  /** A provider's live model list (the protocol adapters' listModels, with the key applied). */
  listModels?: (providerId: string, signal?: AbortSignal) => Promise<ModelInfo[]>;
  /** Which providers to list live: enabled and usable ones. Default: none. */
  liveProviders?: () => readonly string[];
  /** Local/data-policy facts per provider (from descriptors). ollama and lmstudio are local by default. */
  providerTraits?: Readonly<Record<string, ProviderTraits>>;
  /** Provider ids valid in overrides, besides those the catalog knows; a function when they change with settings. */
  knownProviders?: readonly string[] | (() => readonly string[]);
  /** Folder for the disk cache (e.g. globalStorageUri/catalog). Without it nothing is persisted. */
  cacheDir?: string;
  /** Minimum time between two fetches of one source (default 15 minutes). */
  minRefreshIntervalMs?: number;
}

/** What happened to one source in a refresh. */
export interface SourceReport {
  source: string;
  status: 'updated' | 'skipped' | 'failed';
  message?: string;
}

/** A problem with a feed or the cache, kept for the UI (never thrown at it). */
export interface CatalogProblem {
  at: number;
  source: string;
  message: string;
}

/** One row of the model picker. */
export interface ModelListing {
  model: string;
  displayName: string;
  /** Provider ids serving it, cheapest first. */
  hosts: string[];
  /** The cheapest priced host's rates; undefined when no host has a price. */
  inputPerMTok?: number;
  outputPerMTok?: number;
  contextWindow?: number;
  capabilities: EndpointCapabilities;
}

/** A host of a model with its price: a direct endpoint, or an upstream host reached through OpenRouter. */
export interface HostPrice {
  provider: string;
  modelId: string;
  /** Set for hosts behind OpenRouter: OpenRouter's name of the host. */
  via?: string;
  price?: Price;
  contextWindow?: number;
  uptimeLast30m?: number;
}

/** A resolved model reference. */
export interface ResolvedRef {
  canonicalModel: string;
  /** For a pinned ref, exactly one endpoint. */
  endpoints: Endpoint[];
  pinned: boolean;
}
