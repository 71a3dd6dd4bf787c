// Keeps the last good live data on disk so the catalog starts warm and works offline.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { genaiModelSchema } from './genai-prices-schema';
import { orModelSchema } from './openrouter-feed';

const modelInfoSchema = z.object({
  id: z.string().min(1),
  displayName: z.string(),
  contextWindow: z.number().int().positive().optional(),
  maxOutputTokens: z.number().int().positive().optional(),
});

const priceSchema = z.object({
  inputPerMTok: z.number().nonnegative(),
  outputPerMTok: z.number().nonnegative(),
  cacheReadPerMTok: z.number().nonnegative().optional(),
  cacheWritePerMTok: z.number().nonnegative().optional(),
  reasoningPerMTok: z.number().nonnegative().optional(),
  requestUsd: z.number().nonnegative().optional(),
});

const upstreamSchema = z.object({
  hostName: z.string().min(1),
  tag: z.string().optional(),
  price: priceSchema.optional(),
  contextWindow: z.number().int().positive().optional(),
  maxOutputTokens: z.number().int().positive().optional(),
  quantization: z.string().optional(),
  uptimeLast30m: z.number().optional(),
});

/** What the cache file holds. Each part carries the time it was fetched, which also bounds the refresh rate. */
const catalogCacheSchema = z.object({
  version: z.literal(1),
  openrouter: z.object({ fetchedAt: z.number(), models: z.array(orModelSchema) }).optional(),
  providerModels: z.record(z.string(), z.object({ fetchedAt: z.number(), models: z.array(modelInfoSchema) })).default({}),
  upstream: z.record(z.string(), z.object({ fetchedAt: z.number(), hosts: z.array(upstreamSchema) })).default({}),
  /** A downloaded genai-prices data set, reduced to the providers we import, keyed by our provider id. */
  prices: z.object({ fetchedAt: z.number(), byProvider: z.record(z.string(), z.array(genaiModelSchema)) }).optional(),
});

/** The cache file's content. */
export type CatalogCacheData = z.infer<typeof catalogCacheSchema>;

/** An empty cache. */
export function emptyCache(): CatalogCacheData {
  return { version: 1, providerModels: {}, upstream: {} };
}

const FILE = 'catalog.json';

/** Reads and validates the cache file. Missing → empty; corrupt → empty plus a problem message. */
export async function loadCache(dir: string): Promise<{ data: CatalogCacheData; problem?: string }> {
  let text: string;
  try {
    text = await fs.readFile(path.join(dir, FILE), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { data: emptyCache() };
    return { data: emptyCache(), problem: `Could not read the catalog cache: ${(e as Error).message}` };
  }
  try {
    const parsed = catalogCacheSchema.safeParse(JSON.parse(text));
    if (parsed.success) return { data: parsed.data };
    return { data: emptyCache(), problem: 'The catalog cache did not validate; starting from bundled data.' };
  } catch {
    return { data: emptyCache(), problem: 'The catalog cache is not valid JSON; starting from bundled data.' };
  }
}

/** Writes the cache atomically: a reader (another window) sees the old file or the new one, never half of one. */
export async function saveCache(dir: string, data: CatalogCacheData): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  const target = path.join(dir, FILE);
  const tmp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    await fs.writeFile(tmp, JSON.stringify(data), 'utf8');
    await fs.rename(tmp, target);
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
}
