// Fetchers for the live feeds. Each validates with zod and throws a readable Error on failure or nonsense.
import type { HttpTransport } from '../http/client';
import { fetchJson } from './fetch-json';
import { priceBookFrom, type PriceBook } from './genai-source';
import {
  orEndpointSchema,
  orEndpointsBodySchema,
  orModelSchema,
  orModelsBodySchema,
  upstreamFromOr,
  validateEntries,
  type OrModel,
  type UpstreamHost,
} from './openrouter-feed';

const MB = 1024 * 1024;

/** `GET {base}/models` (no key needed). Individually invalid entries are skipped and counted. */
export async function fetchOpenRouterModels(
  http: HttpTransport,
  base: string,
  signal?: AbortSignal,
): Promise<{ models: OrModel[]; dropped: number }> {
  const body = orModelsBodySchema.safeParse(await fetchJson(http, `${base}/models`, 'openrouter', 64 * MB, signal));
  if (!body.success) throw new Error('openrouter: /models is not {data: [...]}');
  const v = validateEntries(body.data.data, orModelSchema);
  if (v.nonsense)
    throw new Error(`openrouter: /models has ${v.dropped} invalid of ${body.data.data.length} entries; keeping the last good list`);
  return { models: v.ok, dropped: v.dropped };
}

/** `GET {base}/models/{author}/{slug}/endpoints`: each upstream host of one model. */
export async function fetchOpenRouterHosts(
  http: HttpTransport,
  base: string,
  model: string,
  signal?: AbortSignal,
): Promise<UpstreamHost[]> {
  const [author, ...rest] = model.split('/');
  if (!author || rest.length === 0) throw new Error(`hosts: "${model}" is not an author/slug id`);
  const url = `${base}/models/${encodeURIComponent(author)}/${rest.map(encodeURIComponent).join('/')}/endpoints`;
  const body = orEndpointsBodySchema.safeParse(await fetchJson(http, url, 'openrouter', 8 * MB, signal));
  if (!body.success) throw new Error(`openrouter: the endpoints of ${model} are not {data: {id, endpoints: [...]}}`);
  const v = validateEntries(body.data.data.endpoints, orEndpointSchema);
  if (v.nonsense && body.data.data.endpoints.length > 0) throw new Error(`openrouter: ${v.dropped} invalid host entries for ${model}`);
  return v.ok.map(upstreamFromOr);
}

/** genai-prices' published data.json, validated into a price book. */
export async function fetchPriceBook(http: HttpTransport, url: string, signal?: AbortSignal): Promise<PriceBook> {
  const book = priceBookFrom(await fetchJson(http, url, 'prices', 64 * MB, signal));
  if (!book) throw new Error('prices: the data set did not validate; keeping the current prices');
  return book;
}
