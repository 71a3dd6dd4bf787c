// Expands a request into an ordered list of endpoints to try, and says why others were left out.
import { endpointKey, type CatalogView, type Endpoint } from '../catalog/types';
import type { EndpointEstimate } from '../health/types';
import type { ProviderDescriptor } from '../providers/descriptor';
import { blendedPrice, rankInPlace, type RankItem } from './endpoint-rank';
import { endpointReasons } from './model-reasoning';
import { parseModelRef } from './model-ref';
import type { ResolvedPreferences } from './preferences';
import { NO_NEEDS, whyCannotServe, type RequestNeeds } from './request-needs';
import type { ModelRef, SortStrategy } from './types';

/** One endpoint the router may call, in order. */
export interface PlannedEndpoint {
  endpoint: Endpoint;
  descriptor: ProviderDescriptor;
  key: string;
  /** The model reference of the request (or comparable model) this endpoint serves. */
  requested: ModelRef;
  /** Set when this endpoint serves a comparable model of `comparableOf`. */
  comparableOf?: ModelRef;
  /** Every host was behind an open breaker; this one is tried anyway as the request's probe. */
  lastResort?: boolean;
}

/** Why an endpoint was left out. */
export type SkipCode =
  | 'excluded'
  | 'duplicate'
  | 'provider-disabled'
  | 'not-allowed'
  | 'only'
  | 'ignore'
  | 'trains-on-data'
  | 'max-price'
  | 'price-unknown'
  | 'no-key'
  | 'bad-key'
  | 'breaker-open'
  | 'no-tools'
  | 'no-schema'
  | 'no-reasoning';

/** An endpoint left out of the plan. */
export interface SkippedEndpoint {
  endpoint: Endpoint;
  key: string;
  code: SkipCode;
  reason: string;
  requested: ModelRef;
  comparableOf?: ModelRef;
}

/** The ordered candidates and everything skipped. */
export interface RoutePlan {
  candidates: PlannedEndpoint[];
  skipped: SkippedEndpoint[];
  /** Model references the catalog does not know. */
  unknownModels: ModelRef[];
  strategy: SortStrategy;
  preferences: ResolvedPreferences;
}

/** The health queries planning needs (HealthBoard implements them). */
export interface HealthView {
  estimate(key: string, provider: string): EndpointEstimate;
  canPass(key: string): boolean;
  reopensAt(key: string): number | undefined;
}

/** What planning reads; every member is synchronous so planning stays in the microsecond range. */
export interface PlanContext {
  catalog: CatalogView;
  descriptorOf(providerId: string): ProviderDescriptor | undefined;
  hasKey(providerId: string): boolean;
  isKeyBad(providerId: string): boolean;
  health?: HealthView;
  /** The endpoint this conversation used last; it goes first in its group while healthy. */
  affinityKey?: string;
  /** Endpoints never to use (e.g. the one that just failed mid-answer). */
  exclude?: (endpoint: Endpoint) => boolean;
  now?: number;
}

const NO_ESTIMATE: EndpointEstimate = Object.freeze({ errorRate: 0, demoted: false });

/** Plans a route: one ranked group per requested model, then (opt-in) comparable models. */
export function planRoute(
  request: { models: readonly ModelRef[]; needs?: RequestNeeds },
  prefs: ResolvedPreferences,
  ctx: PlanContext,
): RoutePlan {
  const plan: RoutePlan = { candidates: [], skipped: [], unknownModels: [], strategy: prefs.sort, preferences: prefs };
  const seen = new Set<string>();
  const isProvider = (id: string) => ctx.descriptorOf(id) !== undefined;
  const needs = request.needs ?? NO_NEEDS;
  for (const ref of request.models) addGroup(plan, ref, undefined, prefs, ctx, seen, isProvider, needs);
  if (prefs.allowComparableFallback) {
    const requested = new Set(request.models);
    for (const ref of request.models) {
      for (const alt of prefs.comparableModels[ref] ?? []) {
        if (!requested.has(alt)) addGroup(plan, alt, ref, prefs, ctx, seen, isProvider, needs);
      }
    }
  }
  if (plan.candidates.length === 0) promoteLastResort(plan, ctx);
  return plan;
}

function addGroup(
  plan: RoutePlan,
  ref: ModelRef,
  comparableOf: ModelRef | undefined,
  prefs: ResolvedPreferences,
  ctx: PlanContext,
  seen: Set<string>,
  isProvider: (id: string) => boolean,
  needs: RequestNeeds,
): void {
  const parsed = parseModelRef(ref, isProvider);
  const endpoints =
    parsed.kind === 'pinned' ? [ctx.catalog.pinned(parsed.provider, parsed.modelId)] : ctx.catalog.endpointsOf(parsed.model);
  if (endpoints.length === 0) {
    plan.unknownModels.push(ref);
    return;
  }
  const group: RankItem<PlannedEndpoint>[] = [];
  for (const endpoint of endpoints) {
    const key = endpointKey(endpoint);
    const d = ctx.descriptorOf(endpoint.provider);
    const skip = whySkip(endpoint, key, d, prefs, ctx, seen) ?? whyCannotServe(endpoint, d!, needs, parsed.kind === 'pinned');
    if (skip) {
      plan.skipped.push({ endpoint, key, code: skip[0], reason: skip[1], requested: ref, comparableOf });
      continue;
    }
    seen.add(key);
    const estimate = ctx.health ? ctx.health.estimate(key, endpoint.provider) : NO_ESTIMATE;
    group.push({
      item: { endpoint, descriptor: d!, key, requested: ref, comparableOf },
      price: blendedPrice(endpoint.price, d!.capabilities.local),
      estimate,
      score: 0,
    });
  }
  if (needs.reasoning) skipUnreasoning(plan, group, ref, comparableOf);
  rankInPlace(group, prefs.sort);
  if (ctx.affinityKey) {
    const i = group.findIndex((g) => g.item.key === ctx.affinityKey && !g.estimate.demoted);
    if (i > 0) group.unshift(...group.splice(i, 1));
  }
  for (const g of group) plan.candidates.push(g.item);
}

/** With the reasoning control set, hosts of a model that cannot reason give way to those that can, if any. */
function skipUnreasoning(plan: RoutePlan, group: RankItem<PlannedEndpoint>[], ref: ModelRef, comparableOf: ModelRef | undefined): void {
  const reasons = (g: RankItem<PlannedEndpoint>) => endpointReasons(g.item.endpoint, g.item.descriptor);
  if (!group.some(reasons)) return;
  for (const g of group.filter((x) => !reasons(x))) {
    const { endpoint, key } = g.item;
    plan.skipped.push({
      endpoint,
      key,
      code: 'no-reasoning',
      reason: 'cannot reason (another host of this model can)',
      requested: ref,
      comparableOf,
    });
  }
  const kept = group.filter(reasons);
  group.splice(0, group.length, ...kept);
}

function whySkip(
  e: Endpoint,
  key: string,
  d: ProviderDescriptor | undefined,
  prefs: ResolvedPreferences,
  ctx: PlanContext,
  seen: Set<string>,
): [SkipCode, string] | undefined {
  if (ctx.exclude?.(e)) return ['excluded', 'failed mid-answer on this request'];
  if (seen.has(key)) return ['duplicate', 'already in the plan'];
  if (!d) return ['provider-disabled', `provider ${e.provider} is not configured or disabled`];
  const p = e.provider;
  if (prefs.allowedProviders && !prefs.allowedProviders.includes(p)) return ['not-allowed', `not in this workspace's allowed providers`];
  if (prefs.only && !prefs.only.includes(p)) return ['only', 'not in the "only" providers'];
  if (prefs.ignore.includes(p)) return ['ignore', 'in the "ignore" providers'];
  if (prefs.noTraining && !d.capabilities.local && e.dataPolicy !== 'no-training' && d.dataPolicy?.trainsOnData !== 'no') {
    return ['trains-on-data', 'not known to refrain from training on prompts'];
  }
  const mp = prefs.maxPrice;
  if ((mp.inputPerMTok !== undefined || mp.outputPerMTok !== undefined) && !d.capabilities.local) {
    if (!e.price) return ['price-unknown', 'price unknown and a max price is set'];
    if (mp.inputPerMTok !== undefined && e.price.inputPerMTok > mp.inputPerMTok)
      return ['max-price', `input $${e.price.inputPerMTok}/MTok is over the max $${mp.inputPerMTok}`];
    if (mp.outputPerMTok !== undefined && e.price.outputPerMTok > mp.outputPerMTok)
      return ['max-price', `output $${e.price.outputPerMTok}/MTok is over the max $${mp.outputPerMTok}`];
  }
  if (d.keyRequired && !ctx.hasKey(p)) return ['no-key', 'no key'];
  if (ctx.isKeyBad(p)) return ['bad-key', 'key was rejected; skipped until the key changes'];
  if (ctx.health && !ctx.health.canPass(key)) {
    const at = ctx.health.reopensAt(key);
    const now = ctx.now ?? Date.now();
    return [
      'breaker-open',
      at !== undefined ? `circuit open; next probe in ${Math.ceil((at - now) / 1000)} s` : 'circuit half-open; a probe is in flight',
    ];
  }
  return undefined;
}

/** With every host behind an open breaker, the request itself becomes the probe of the one reopening soonest. */
function promoteLastResort(plan: RoutePlan, ctx: PlanContext): void {
  let best = -1;
  let bestAt = Infinity;
  plan.skipped.forEach((s, i) => {
    if (s.code !== 'breaker-open') return;
    const at = ctx.health?.reopensAt(s.key) ?? 0;
    if (at < bestAt) {
      bestAt = at;
      best = i;
    }
  });
  if (best < 0) return;
  const [s] = plan.skipped.splice(best, 1);
  const d = ctx.descriptorOf(s.endpoint.provider)!;
  plan.candidates.push({
    endpoint: s.endpoint,
    descriptor: d,
    key: s.key,
    requested: s.requested,
    lastResort: true,
    comparableOf: s.comparableOf,
  });
}
