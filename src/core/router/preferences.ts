// Routing preferences from three levels: global settings, workspace settings, the request.
import type { ModelRef, RoutePreferences, SortStrategy } from './types';

/** Preferences with every default filled in. */
export interface ResolvedPreferences {
  sort: SortStrategy;
  only?: readonly string[];
  ignore: readonly string[];
  maxPrice: { inputPerMTok?: number; outputPerMTok?: number };
  noTraining: boolean;
  allowedProviders?: readonly string[];
  maxAttempts: number;
  comparableModels: Readonly<Record<ModelRef, readonly ModelRef[]>>;
  allowComparableFallback: boolean;
}

/** Attempts per request unless a level says otherwise (OpenRouter-like: a few hosts, one retry). */
const DEFAULT_MAX_ATTEMPTS = 4;

/**
 * Merges levels in order (global → workspace → request). Later levels override `sort`, `only`,
 * each `maxPrice` bound, `maxAttempts` and `allowComparableFallback`; `ignore` lists add up;
 * `comparableModels` merge per model. Restrictions cannot be widened by a later level:
 * `noTraining` stays on once any level sets it, and allow-lists intersect, so a request cannot
 * escape a workspace's "only local models here".
 */
export function mergePreferences(...levels: (RoutePreferences | undefined)[]): ResolvedPreferences {
  const out: ResolvedPreferences = {
    sort: 'balanced',
    ignore: [],
    maxPrice: {},
    noTraining: false,
    maxAttempts: DEFAULT_MAX_ATTEMPTS,
    comparableModels: {},
    allowComparableFallback: false,
  };
  const ignore = new Set<string>();
  let allowed: Set<string> | undefined;
  for (const l of levels) {
    if (!l) continue;
    if (l.sort) out.sort = l.sort;
    if (l.only) out.only = [...l.only];
    for (const p of l.ignore ?? []) ignore.add(p);
    if (l.maxPrice?.inputPerMTok !== undefined) out.maxPrice.inputPerMTok = l.maxPrice.inputPerMTok;
    if (l.maxPrice?.outputPerMTok !== undefined) out.maxPrice.outputPerMTok = l.maxPrice.outputPerMTok;
    if (l.noTraining) out.noTraining = true;
    if (l.allowedProviders) {
      const next = new Set(l.allowedProviders);
      allowed = allowed ? new Set([...allowed].filter((p) => next.has(p))) : next;
    }
    if (l.maxAttempts !== undefined && l.maxAttempts >= 1) out.maxAttempts = Math.floor(l.maxAttempts);
    if (l.comparableModels) out.comparableModels = { ...out.comparableModels, ...l.comparableModels };
    if (l.allowComparableFallback !== undefined) out.allowComparableFallback = l.allowComparableFallback;
  }
  out.ignore = [...ignore];
  if (allowed) out.allowedProviders = [...allowed];
  return out;
}
