// Hand-built sources for the catalog index: only what a test gives speaks, no bundled data.
import type { IndexSources } from '../../../src/core/catalog/catalog-index';
import type { GenaiModel } from '../../../src/core/catalog/genai-prices-schema';
import type { OrModel } from '../../../src/core/catalog/openrouter-feed';
import type { ModelInfo } from '../../../src/core/types';

export function sources(over: Partial<IndexSources> = {}): IndexSources {
  return {
    prices: { byProvider: new Map(), dropped: 0 },
    providerModels: new Map(),
    upstream: new Map(),
    overrides: [],
    traits: () => ({}),
    at: new Date(Date.UTC(2026, 10, 25, 12)),
    ...over,
  };
}

export const listed = (...ids: string[]): ModelInfo[] => ids.map((id) => ({ id, displayName: '' }));

/** A price book of `provider → rows`. */
export function book(rows: Record<string, GenaiModel[]>): IndexSources['prices'] {
  return { byProvider: new Map(Object.entries(rows)), dropped: 0 };
}

/** A flat-priced row matched by its id. */
export function row(id: string, input: number, output: number, extra: Partial<GenaiModel> = {}): GenaiModel {
  return { id, match: { equals: id }, prices: { input_mtok: input, output_mtok: output }, ...extra };
}

/** An OpenRouter `/models` entry priced in USD per million tokens. */
export function orModel(id: string, input: number, output: number, extra: Partial<OrModel> = {}): OrModel {
  return { id, pricing: { prompt: String(input / 1e6), completion: String(output / 1e6) }, ...extra };
}
