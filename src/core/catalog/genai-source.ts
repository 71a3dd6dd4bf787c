// The offline price source: @pydantic/genai-prices' bundled data, or a newer copy of its published data.json.
import type * as GenaiPrices from '@pydantic/genai-prices';
import { genaiModelSchema, genaiProviderSchema, matches, type GenaiModel } from './genai-prices-schema';
import { bareModelId } from './canonical-ids';
import { GENAI_PROVIDER_TO_OURS } from './provider-ids';
import { z } from 'zod';

/** Price entries of one of our providers. */
export interface PriceBook {
  /** Our provider id → its model entries. */
  byProvider: Map<string, GenaiModel[]>;
  /** Models dropped because they failed validation. */
  dropped: number;
}

let bundledCache: PriceBook | undefined;

/**
 * The price data is ~450 KB of code: required on first use, not when the extension activates.
 * The production build maps this require to its own chunk (see esbuild.js).
 */
export function genaiPrices(): typeof GenaiPrices {
  return require('@pydantic/genai-prices') as typeof GenaiPrices;
}

/** Reads the bundled data of the installed package (validated once per process; invalid entries dropped). */
export function bundledPriceBook(): PriceBook {
  if (bundledCache) return bundledCache;
  const raw: unknown[] = [];
  for (const genaiId of Object.keys(GENAI_PROVIDER_TO_OURS)) {
    const p = genaiPrices().findProvider({ providerId: genaiId });
    if (p && p.id === genaiId) raw.push(p);
  }
  const book = priceBookFrom(raw);
  if (!book) throw new Error('The bundled genai-prices data did not validate');
  bundledCache = book;
  return book;
}

/**
 * Builds a price book from a genai-prices data set (the bundled one or a downloaded data.json).
 * Returns undefined for nonsense: not an array, no provider we know, or more invalid models than valid ones.
 */
export function priceBookFrom(raw: unknown): PriceBook | undefined {
  const top = z.array(z.unknown()).safeParse(raw);
  if (!top.success) return undefined;
  const byProvider = new Map<string, GenaiModel[]>();
  let dropped = 0;
  let kept = 0;
  for (const entry of top.data) {
    const shell = genaiProviderSchema
      .pick({ id: true, name: true })
      .extend({ models: z.array(z.unknown()) })
      .safeParse(entry);
    if (!shell.success) continue;
    const ours = GENAI_PROVIDER_TO_OURS[shell.data.id];
    if (!ours) continue;
    const models: GenaiModel[] = [];
    for (const m of shell.data.models) {
      const parsed = genaiModelSchema.safeParse(m);
      if (parsed.success) models.push(parsed.data);
      else dropped++;
    }
    kept += models.length;
    byProvider.set(ours, models);
  }
  if (kept === 0 || dropped > kept) return undefined;
  return { byProvider, dropped };
}

/** Finds the price entry for a provider's model id, trying the id as given, then without host prefixes. */
export function findPriceEntry(book: PriceBook, provider: string, modelId: string): GenaiModel | undefined {
  const models = book.byProvider.get(provider);
  if (!models) return undefined;
  const ids = [modelId, bareModelId(modelId)];
  const slash = modelId.lastIndexOf('/');
  if (slash >= 0) ids.push(modelId.slice(slash + 1));
  for (const id of ids) {
    const exact = models.find((m) => m.id.toLowerCase() === id.toLowerCase());
    if (exact) return exact;
    const hit = models.find((m) => matches(m.match, id));
    if (hit) return hit;
  }
  return undefined;
}

/** A newer data set replaces the bundled entries provider by provider; providers it lacks keep bundled prices. */
export function mergePriceBooks(base: PriceBook, newer: PriceBook): PriceBook {
  const byProvider = new Map(base.byProvider);
  for (const [id, models] of newer.byProvider) byProvider.set(id, models);
  return { byProvider, dropped: newer.dropped };
}
