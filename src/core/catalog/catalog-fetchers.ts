// Each live source of the catalog, fetched into the disk-cache data it is kept in. The catalog
// runs these through its refresh gate; each returns a short summary for the log.
import type { HttpTransport } from '../http/client';
import type { ModelCatalogOptions } from './catalog-api';
import type { CatalogCacheData } from './disk-cache';
import { GENAI_PROVIDER_TO_OURS } from './provider-ids';
import { priceBookFrom, type PriceBook } from './genai-source';
import { fetchOpenRouterHosts, fetchOpenRouterModels, fetchPriceBook } from './live-sources';

/** Where a fetch stores what it brought, and when. */
export interface FetchTarget {
  cache: CatalogCacheData;
  now: () => number;
  signal?: AbortSignal;
}

/** OpenRouter's model list. */
export async function fetchOpenRouterInto(t: FetchTarget, http: HttpTransport, base: string): Promise<string> {
  const { models, dropped } = await fetchOpenRouterModels(http, base, t.signal);
  t.cache.openrouter = { fetchedAt: t.now(), models };
  return `${models.length} models${dropped ? `, ${dropped} invalid skipped` : ''}`;
}

/** One provider's own model list, keeping only entries with an id. */
export async function fetchProviderModelsInto(
  t: FetchTarget,
  listModels: NonNullable<ModelCatalogOptions['listModels']>,
  id: string,
): Promise<string> {
  const models = await listModels(id, t.signal);
  if (!Array.isArray(models)) throw new Error(`${id}: model list is not an array`);
  const clean = models.filter((m) => m && typeof m.id === 'string' && m.id.length > 0);
  t.cache.providerModels[id] = {
    fetchedAt: t.now(),
    models: clean.map((m) => ({
      id: m.id,
      displayName: m.displayName ?? m.id,
      contextWindow: m.contextWindow,
      maxOutputTokens: m.maxOutputTokens,
    })),
  };
  return `${clean.length} models`;
}

/** genai-prices' published data set; the caller merges the returned book over the bundled one. */
export async function fetchPricesInto(t: FetchTarget, http: HttpTransport, url: string): Promise<{ book: PriceBook; message: string }> {
  const book = await fetchPriceBook(http, url, t.signal);
  t.cache.prices = { fetchedAt: t.now(), byProvider: Object.fromEntries(book.byProvider) };
  return { book, message: `${[...book.byProvider.values()].reduce((n, m) => n + m.length, 0)} priced models` };
}

/** OpenRouter's per-host listing of one model. */
export async function fetchHostsInto(t: FetchTarget, http: HttpTransport, base: string, model: string): Promise<string> {
  const hosts = await fetchOpenRouterHosts(http, base, model, t.signal);
  t.cache.upstream[model] = { fetchedAt: t.now(), hosts };
  return `${hosts.length} hosts`;
}

/** The cached price data as a book, re-wrapped in the genai shape with our provider ids mapped back. */
export function cachedPriceBook(byProvider: Record<string, unknown[]>): PriceBook | undefined {
  const ours = Object.entries(GENAI_PROVIDER_TO_OURS);
  return priceBookFrom(
    Object.entries(byProvider).map(([id, models]) => ({ id: ours.find(([, o]) => o === id)?.[0] ?? id, name: id, models })),
  );
}
