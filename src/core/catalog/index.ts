// Public surface of the catalog.
export * from './types';
export { ModelCatalog } from './model-catalog';
export type { CatalogProblem, HostPrice, ModelCatalogOptions, ModelListing, ResolvedRef, SourceReport } from './catalog-api';
export type { ProviderTraits } from './catalog-index';
export { sortCost } from './catalog-index';
export { canonicalFor } from './canonical-ids';
export { CURATED_MODELS } from './curated-aliases';
export { validatePriceOverrides, type PriceOverride, type SettingProblem } from './price-overrides';
export type { UpstreamHost } from './openrouter-feed';
