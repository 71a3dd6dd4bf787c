// What one attempt cost, from normalized usage and an endpoint's price.
import type { Charge, Endpoint, Price } from '../catalog/types';
import type { Usage } from '../types';

/** How the usage was obtained and where it ran. */
interface PriceOfOptions {
  /** A local provider (Ollama, LM Studio): free by definition. */
  local?: boolean;
  /** Usage was counted locally (the provider sent none): the charge is marked `estimated`. */
  estimated?: boolean;
}

/** Per-million-token rates in force for one request, after long-context tiers. */
interface EffectiveRates {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  reasoning: number;
  requestUsd: number;
}

/** The cost split by kind of token, in USD. */
interface CostBreakdown {
  inputUsd: number;
  cacheReadUsd: number;
  cacheWriteUsd: number;
  outputUsd: number;
  reasoningUsd: number;
  requestUsd: number;
  totalUsd: number;
}

/**
 * Rates for a request of `inputTokens` (the whole prompt, cache included, which is what vendors' long-context
 * thresholds count). Fallbacks when a price table is silent: cache reads and writes cost the input rate (no
 * discount is assumed that the table does not state — never under-charge), reasoning costs the output rate.
 */
export function effectiveRates(price: Price, inputTokens: number): EffectiveRates {
  let p: Price = price;
  for (const t of price.tiers ?? []) {
    if (inputTokens > t.aboveInputTokens) p = { ...p, ...definedOnly(t) };
  }
  return {
    input: p.inputPerMTok,
    output: p.outputPerMTok,
    cacheRead: p.cacheReadPerMTok ?? p.inputPerMTok,
    cacheWrite: p.cacheWritePerMTok ?? p.inputPerMTok,
    reasoning: p.reasoningPerMTok ?? p.outputPerMTok,
    requestUsd: price.requestUsd ?? 0,
  };
}

/**
 * Splits usage into billable parts. `inputTokens` includes cache reads and writes, so the uncached part is
 * input − read − write; `outputTokens` includes reasoning, so reasoning is billed once, at its own rate.
 */
export function costBreakdown(usage: Usage, price: Price): CostBreakdown {
  const r = effectiveRates(price, usage.inputTokens);
  const cacheRead = clamp(usage.cacheReadTokens, usage.inputTokens);
  const cacheWrite = clamp(usage.cacheWriteTokens, usage.inputTokens - cacheRead);
  const uncached = Math.max(0, usage.inputTokens - cacheRead - cacheWrite);
  const reasoning = clamp(usage.reasoningTokens, usage.outputTokens);
  const visible = Math.max(0, usage.outputTokens - reasoning);
  const parts = {
    inputUsd: (uncached * r.input) / 1e6,
    cacheReadUsd: (cacheRead * r.cacheRead) / 1e6,
    cacheWriteUsd: (cacheWrite * r.cacheWrite) / 1e6,
    outputUsd: (visible * r.output) / 1e6,
    reasoningUsd: (reasoning * r.reasoning) / 1e6,
    requestUsd: r.requestUsd,
  };
  const totalUsd = parts.inputUsd + parts.cacheReadUsd + parts.cacheWriteUsd + parts.outputUsd + parts.reasoningUsd + parts.requestUsd;
  return { ...parts, totalUsd: round(totalUsd) };
}

/**
 * The charge for one attempt. Precedence: local → `free` ($0); the provider's own figure (OpenRouter
 * `usage.cost`) → `provider_reported`; no known price → `unpriced` (usd undefined, never $0); otherwise
 * computed, marked `estimated` when the usage was counted locally, else `exact`.
 */
export function priceOf(usage: Usage, endpoint: Pick<Endpoint, 'price'>, opts: PriceOfOptions = {}): Charge {
  if (opts.local) return { usd: 0, status: 'free' };
  if (usage.providerCostUsd !== undefined && Number.isFinite(usage.providerCostUsd) && usage.providerCostUsd >= 0) {
    return { usd: usage.providerCostUsd, status: 'provider_reported' };
  }
  if (!endpoint.price) return { usd: undefined, status: 'unpriced' };
  return { usd: costBreakdown(usage, endpoint.price).totalUsd, status: opts.estimated ? 'estimated' : 'exact' };
}

function clamp(n: number, max: number): number {
  return Math.max(0, Math.min(Number.isFinite(n) ? n : 0, Math.max(0, max)));
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([k, v]) => v !== undefined && k !== 'aboveInputTokens')) as Partial<T>;
}

/** Rounds away binary floating-point noise (sub-picodollar), keeping every meaningful digit. */
function round(usd: number): number {
  return Math.round(usd * 1e12) / 1e12;
}
