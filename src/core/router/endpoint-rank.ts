// Orders the hosts of one model by the chosen strategy. Pure; fed by health estimates.
import { sortCost } from '../catalog/catalog-index';
import type { Price } from '../catalog/types';
import type { EndpointEstimate } from '../health/types';
import type { SortStrategy } from './types';

/** Prior time to first token for an endpoint with no traffic yet, so unknown hosts are neither favoured nor buried. */
export const PRIOR_TTFT_MS = 1500;
/** Prior throughput for an endpoint with no traffic yet. */
const PRIOR_TOKENS_PER_SEC = 50;
/** An unknown price counts as this many times the cheapest host in `balanced`. */
const UNKNOWN_PRICE_FACTOR = 4;

/**
 * Weights of `balanced`, the default. Each factor is a ratio to the best host of the model
 * (1 = best, capped at 10): price (blended 3:1 input:output) weighs 0.5, time to first token
 * 0.3, and errors 0.2 as (1 + 9 × error rate). So a host twice the price loses 0.5, one twice
 * as slow loses 0.3, and one failing 10% of calls loses 0.18. Hosts low on rate-limit headroom
 * or waiting out a `retry-after` go after all others, whatever the strategy.
 */
const BALANCED_WEIGHTS = { price: 0.5, latency: 0.3, errors: 0.2 } as const;

/** The catalog's blended cost (so picker and router order hosts alike); local hosts are free, unknown is Infinity. */
export function blendedPrice(price: Price | undefined, local: boolean): number {
  return local ? 0 : sortCost({ price });
}

/** One host being ranked; `score` is filled by `rankInPlace` (lower is better). */
export interface RankItem<T> {
  item: T;
  price: number;
  estimate: EndpointEstimate;
  score: number;
}

/** Sorts hosts of one model in place. Stable: ties keep catalog order. */
export function rankInPlace<T>(items: RankItem<T>[], strategy: SortStrategy): void {
  if (items.length < 2) return;
  let minPrice = Infinity;
  let minTtft = Infinity;
  for (const r of items) {
    if (r.price < minPrice) minPrice = r.price;
    const t = r.estimate.ttftMs ?? PRIOR_TTFT_MS;
    if (t < minTtft) minTtft = t;
  }
  for (const r of items) {
    const ttft = r.estimate.ttftMs ?? PRIOR_TTFT_MS;
    const tps = r.estimate.tokensPerSec ?? PRIOR_TOKENS_PER_SEC;
    let s: number;
    switch (strategy) {
      case 'price':
        s = r.price === Infinity ? Number.MAX_VALUE : r.price;
        break;
      case 'latency':
        s = ttft;
        break;
      case 'throughput':
        s = -tps;
        break;
      default: {
        const priceRel = r.price === Infinity ? UNKNOWN_PRICE_FACTOR : ratio(r.price, minPrice);
        s =
          BALANCED_WEIGHTS.price * priceRel +
          BALANCED_WEIGHTS.latency * ratio(ttft, minTtft) +
          BALANCED_WEIGHTS.errors * (1 + 9 * r.estimate.errorRate);
      }
    }
    r.score = s;
  }
  items.sort(byDemotionThenScore);
}

function byDemotionThenScore<T>(a: RankItem<T>, b: RankItem<T>): number {
  if (a.estimate.demoted !== b.estimate.demoted) return a.estimate.demoted ? 1 : -1;
  return a.score - b.score;
}

function ratio(x: number, best: number): number {
  if (best === Infinity) return 1;
  if (best <= 0) return x <= 0 ? 1 : 10;
  return Math.min(10, x / best);
}
