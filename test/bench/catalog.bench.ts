// Catalog figures: a cheapest-reachable-host lookup (the router's hot path) and an index rebuild.
import { ModelCatalog } from '../../src/core/catalog/model-catalog';
import type { BenchResult } from './run';

/** Runs the catalog benches on the full bundled catalog (~950 models, ~1,900 endpoints). */
export async function run(): Promise<BenchResult[]> {
  const catalog = await ModelCatalog.create();
  const models = catalog.models();
  // A typical key ring: a few providers reachable, so most lookups walk past unreachable hosts.
  const ring = new Set(['groq', 'anthropic', 'gemini', 'ollama']);
  const reachable = (p: string): boolean => ring.has(p);
  let sink = 0;
  for (let i = 0; i < 20_000; i++) sink += catalog.cheapestReachable(models[i % models.length], reachable) ? 1 : 0;
  const n = 500_000;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) sink += catalog.cheapestReachable(models[(i * 7919) % models.length], reachable) ? 1 : 0;
  const lookupUs = Number(process.hrtime.bigint() - t0) / 1e3 / n;

  const rebuilds = 10;
  const t1 = process.hrtime.bigint();
  for (let i = 0; i < rebuilds; i++) {
    catalog.setPriceOverrides([{ provider: 'groq', model: 'llama-3.3-70b-versatile', inputPerMTok: 0.5 + i / 100, outputPerMTok: 0.7 }]);
    sink += catalog.endpointsOf('meta-llama/llama-3.3-70b-instruct').length;
  }
  const rebuildMs = Number(process.hrtime.bigint() - t1) / 1e6 / rebuilds;
  if (sink < 0) console.log(sink);
  return [
    { id: 'catalog_cheapest_lookup_us', value: lookupUs, unit: 'µs', target: '≤ 50 µs' },
    { id: 'catalog_index_rebuild_ms', value: rebuildMs, unit: 'ms' },
  ];
}
