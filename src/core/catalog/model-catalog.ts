// The catalog: every model, every host, every price; bundled data first, live data on top, user overrides last.
import { silentLogger, systemClock, type Clock, type Logger } from '../platform';
import type { CatalogProblem, HostPrice, ModelCatalogOptions, ModelListing, ResolvedRef, SourceReport } from './catalog-api';
import { CatalogNotices } from './catalog-notices';
import { buildIndex, type CatalogIndex, type ProviderTraits } from './catalog-index';
import {
  cachedPriceBook,
  fetchHostsInto,
  fetchOpenRouterInto,
  fetchPricesInto,
  fetchProviderModelsInto,
  type FetchTarget,
} from './catalog-fetchers';
import { hostPrices, listingOf, synthesizeEndpoint } from './catalog-views';
import { emptyCache, loadCache, saveCache, type CatalogCacheData } from './disk-cache';
import { bundledPriceBook, genaiPrices, mergePriceBooks, type PriceBook } from './genai-source';
import { PinnedMemo } from './pinned-memo';
import { validatePriceOverrides, type PriceOverride, type SettingProblem } from './price-overrides';
import { GENAI_PROVIDER_TO_OURS, LOCAL_PROVIDERS } from './provider-ids';
import { RefreshGate } from './refresh-gate';
import { endpointKey, type CatalogView, type Endpoint } from './types';

const DEFAULT_OPENROUTER = 'https://openrouter.ai/api/v1';

/** The model catalog. Create with `ModelCatalog.create`, which loads the disk cache. */
export class ModelCatalog implements CatalogView {
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly gate: RefreshGate;
  private readonly bundled: PriceBook;
  private prices: PriceBook;
  private cache: CatalogCacheData = emptyCache();
  private overrides: PriceOverride[] = [];
  private index!: CatalogIndex;
  private saving: Promise<void> = Promise.resolve();
  private dirty = false;
  private readonly notices: CatalogNotices;
  private readonly pinnedMemo = new PinnedMemo();

  private constructor(private readonly o: ModelCatalogOptions) {
    this.clock = o.clock ?? systemClock;
    this.log = o.logger ?? silentLogger;
    this.notices = new CatalogNotices(this.clock, this.log);
    this.gate = new RefreshGate(this.clock, o.minRefreshIntervalMs ?? 15 * 60_000);
    this.bundled = bundledPriceBook();
    this.prices = this.bundled;
    this.dirty = true;
  }

  /** Builds a catalog from bundled data plus whatever the disk cache holds. Never throws on a bad cache. */
  static async create(o: ModelCatalogOptions = {}): Promise<ModelCatalog> {
    const c = new ModelCatalog(o);
    if (o.cacheDir) {
      const { data, problem } = await loadCache(o.cacheDir);
      if (problem) c.notices.report('cache', problem);
      c.cache = data;
      const cached = data.prices ? cachedPriceBook(data.prices.byProvider) : undefined;
      if (cached) c.prices = mergePriceBooks(c.bundled, cached);
      if (data.openrouter) c.gate.seed('openrouter', data.openrouter.fetchedAt);
      if (data.prices) c.gate.seed('prices', data.prices.fetchedAt);
      for (const [id, v] of Object.entries(data.providerModels)) c.gate.seed(`models:${id}`, v.fetchedAt);
      c.dirty = true;
    }
    return c;
  }

  // ---- queries (CatalogView and friends) ----

  /** All known endpoints of a canonical model, cheapest first (one per provider). */
  endpointsOf(canonicalModel: string): Endpoint[] {
    return [...(this.current().byModel.get(canonicalModel) ?? [])];
  }

  /** The endpoint for `provider:modelId`; synthesized (priced from bundled data when it matches) if unknown. */
  pinned(provider: string, modelId: string): Endpoint {
    const idx = this.current();
    const key = endpointKey({ provider, modelId });
    const hit = idx.byKey.get(key);
    if (hit) return hit;
    const now = this.clock.now();
    return this.pinnedMemo.get(idx, this.prices, key, now, () =>
      synthesizeEndpoint(idx, this.prices, this.traits(provider), { provider, modelId }, now),
    );
  }

  /** Canonical model ids, sorted. */
  models(): string[] {
    return [...this.current().byModel.keys()].sort();
  }

  /** The cheapest endpoint of a model whose provider passes `isReachable`; O(hosts) over a pre-sorted list. */
  cheapestReachable(canonicalModel: string, isReachable: (providerId: string) => boolean): Endpoint | undefined {
    const list = this.current().byModel.get(canonicalModel);
    if (!list) return undefined;
    for (const e of list) if (isReachable(e.provider)) return e;
    return undefined;
  }

  /** Every host of a model with its price: direct endpoints, then OpenRouter's upstream hosts if fetched. */
  hostsWithPrices(canonicalModel: string): HostPrice[] {
    return hostPrices(this.endpointsOf(canonicalModel), this.cache, canonicalModel);
  }

  /** Resolves `groq:llama-3.3-70b-versatile`, `anthropic/claude-sonnet-4.5`, or a host's own id known to the catalog. */
  resolve(ref: string): ResolvedRef | undefined {
    const idx = this.current();
    const colon = ref.indexOf(':');
    if (colon > 0) {
      const provider = ref.slice(0, colon);
      if (!provider.includes('/') && this.providerIds(idx.byKey.values()).has(provider)) {
        const e = this.pinned(provider, ref.slice(colon + 1));
        return { canonicalModel: e.canonicalModel, endpoints: [e], pinned: true };
      }
    }
    if (idx.byModel.has(ref)) return { canonicalModel: ref, endpoints: this.endpointsOf(ref), pinned: false };
    for (const e of idx.byKey.values()) {
      if (e.modelId === ref) return { canonicalModel: e.canonicalModel, endpoints: this.endpointsOf(e.canonicalModel), pinned: false };
    }
    return undefined;
  }

  /** Picker rows, optionally only models with a host passing `isReachable`. */
  listing(isReachable?: (providerId: string) => boolean): ModelListing[] {
    return listingOf(this.current(), isReachable);
  }

  /** Feed and cache problems seen so far (newest last, at most 50). */
  problems(): CatalogProblem[] {
    return this.notices.problems();
  }

  // ---- inputs ----

  private knownProviders(): readonly string[] {
    const k = this.o.knownProviders;
    return typeof k === 'function' ? k() : (k ?? []);
  }

  /** Applies the `switchboard.priceOverrides` setting; returns per-entry problems (those entries are ignored). */
  setPriceOverrides(raw: unknown): SettingProblem[] {
    const { overrides, problems } = validatePriceOverrides(raw, this.providerIds([...this.current().byModel.values()].flat()));
    this.overrides = overrides;
    this.dirty = true;
    return problems;
  }

  /** Refreshes every due source (OpenRouter list, each live provider's list, prices). `force` ignores the rate bound. */
  async refresh(opts: { force?: boolean; signal?: AbortSignal } = {}): Promise<SourceReport[]> {
    const jobs: Promise<SourceReport>[] = [];
    const base = this.orBase();
    if (this.o.http && base)
      jobs.push(this.runSource('openrouter', () => fetchOpenRouterInto(this.target(opts.signal), this.o.http!, base), opts.force));
    if (this.o.listModels) {
      for (const id of this.o.liveProviders?.() ?? [])
        jobs.push(
          this.runSource(`models:${id}`, () => fetchProviderModelsInto(this.target(opts.signal), this.o.listModels!, id), opts.force),
        );
    }
    return Promise.all(jobs);
  }

  /** Fetches genai-prices' published data set, validates it and swaps it in; a bad feed keeps the current prices. */
  updatePrices(opts: { force?: boolean; signal?: AbortSignal } = {}): Promise<SourceReport> {
    if (!this.o.http) return Promise.resolve({ source: 'prices', status: 'skipped', message: 'no transport' });
    return this.runSource('prices', () => this.fetchPrices(opts.signal), opts.force);
  }

  /** Fetches OpenRouter's per-host listing of one model (prices, context, uptime), rate-bounded per model. */
  fetchUpstreamHosts(canonicalModel: string, opts: { force?: boolean; signal?: AbortSignal } = {}): Promise<SourceReport> {
    const base = this.orBase();
    if (!this.o.http || !base)
      return Promise.resolve({
        source: `hosts:${canonicalModel}`,
        status: 'skipped',
        message: base ? 'no transport' : 'OpenRouter feed off',
      });
    return this.runSource(
      `hosts:${canonicalModel}`,
      () => fetchHostsInto(this.target(opts.signal), this.o.http!, base, canonicalModel),
      opts.force,
    );
  }

  /** Calls `refresh` (and `updatePrices`) every `everyMs`; sources still obey the rate bound. Returns a stopper. */
  startBackgroundRefresh(everyMs = 5 * 60_000): { dispose(): void } {
    const tick = (): void => {
      void this.refresh().catch(() => undefined);
      void this.updatePrices().catch(() => undefined);
    };
    tick();
    const t = setInterval(tick, everyMs);
    t.unref?.();
    return { dispose: () => clearInterval(t) };
  }

  /** Called after a source brought new data (models, hosts, prices), e.g. to re-offer models. */
  onDidChange(listener: () => void): { dispose(): void } {
    return this.notices.onDidChange(listener);
  }

  /** Resolves when pending cache writes have finished (for shutdown and tests). */
  flush(): Promise<void> {
    return this.saving;
  }

  // ---- internals ----

  private target(signal?: AbortSignal): FetchTarget {
    return { cache: this.cache, now: () => this.clock.now(), signal };
  }

  private async fetchPrices(signal?: AbortSignal): Promise<string> {
    const url = this.o.priceDataUrl ?? genaiPrices().REMOTE_DATA_JSON_URL;
    const { book, message } = await fetchPricesInto(this.target(signal), this.o.http!, url);
    this.prices = mergePriceBooks(this.bundled, book);
    return message;
  }

  private async runSource(source: string, fn: () => Promise<string>, force?: boolean): Promise<SourceReport> {
    const r = await this.gate.run(
      source,
      async (): Promise<SourceReport> => {
        try {
          const message = await fn();
          // Rebuilt on the next query, so a refresh of several sources rebuilds once.
          this.dirty = true;
          this.persist();
          this.log.info(`catalog: ${source} updated (${message})`);
          this.notices.emitChange();
          return { source, status: 'updated', message };
        } catch (e) {
          const message = e instanceof Error ? e.message : String(e);
          this.notices.report(source, message);
          return { source, status: 'failed', message };
        }
      },
      force,
    );
    return r === 'skipped' ? { source, status: 'skipped' } : r;
  }

  private persist(): void {
    const dir = this.o.cacheDir;
    if (!dir) return;
    const snapshot = JSON.parse(JSON.stringify(this.cache)) as CatalogCacheData;
    this.saving = this.saving
      .then(() => saveCache(dir, snapshot))
      .catch((e: Error) => this.notices.report('cache', `Could not write the catalog cache: ${e.message}`));
  }

  private current(): CatalogIndex {
    if (this.dirty || this.clock.now() >= this.index.validUntil) this.rebuild();
    return this.index;
  }

  private rebuild(): void {
    this.dirty = false;
    this.index = buildIndex({
      prices: this.prices,
      openrouterModels: this.cache.openrouter?.models,
      providerModels: new Map(Object.entries(this.cache.providerModels).map(([k, v]) => [k, v.models])),
      upstream: new Map(Object.entries(this.cache.upstream).map(([k, v]) => [k, v.hosts])),
      overrides: this.overrides,
      traits: (id) => this.traits(id),
      at: new Date(this.clock.now()),
    });
  }

  private traits(id: string): ProviderTraits {
    const t = this.o.providerTraits?.[id];
    return { ...t, local: t?.local ?? LOCAL_PROVIDERS.has(id) };
  }

  /** Every provider id of `endpoints`, the settings and the bundled tables. */
  private providerIds(endpoints: Iterable<Endpoint>): Set<string> {
    const known = new Set([...endpoints].map((e) => e.provider));
    for (const p of [...this.knownProviders(), ...(this.o.liveProviders?.() ?? []), ...LOCAL_PROVIDERS]) known.add(p);
    for (const p of Object.values(GENAI_PROVIDER_TO_OURS)) known.add(p);
    return known;
  }

  /** The feed's base URL, or undefined when the settings turn it off. */
  private orBase(): string | undefined {
    const base = this.o.openrouterFeed ? this.o.openrouterFeed() : (this.o.openrouterBaseUrl ?? DEFAULT_OPENROUTER);
    return base?.replace(/\/+$/, '');
  }
}
