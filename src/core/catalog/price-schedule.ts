// Turns genai-prices price maps (tiered, dated, time-of-day) into our flat Price for a given moment.
import type { Price, PriceTier } from './types';
import type { GenaiConditionalPrice, GenaiModelPrice } from './genai-prices-schema';

/** genai-prices price keys that map onto Price fields (all per million tokens). */
const KEY_TO_FIELD = {
  input_mtok: 'inputPerMTok',
  output_mtok: 'outputPerMTok',
  cache_read_mtok: 'cacheReadPerMTok',
  // The 5-minute write price; Usage has one cache-write count, and 5 minutes is every vendor's default TTL.
  cache_write_mtok: 'cacheWritePerMTok',
  output_reasoning_mtok: 'reasoningPerMTok',
} as const;

type TierField = (typeof KEY_TO_FIELD)[keyof typeof KEY_TO_FIELD];

/** A model's prices over time: flat, or a list of constrained alternatives. */
export type PriceSchedule = GenaiModelPrice | GenaiConditionalPrice[];

/** Converts one genai-prices price map into a Price; undefined when it has no token prices. */
export function toPrice(p: GenaiModelPrice): Price | undefined {
  const input = p.input_mtok;
  const output = p.output_mtok;
  if (input === undefined || output === undefined) return undefined;
  const price: Price = { inputPerMTok: 0, outputPerMTok: 0 };
  const tiers = new Map<number, PriceTier>();
  for (const [key, field] of Object.entries(KEY_TO_FIELD) as [keyof typeof KEY_TO_FIELD, TierField][]) {
    const v = p[key];
    if (v === undefined) continue;
    if (typeof v === 'number') {
      price[field] = v;
      continue;
    }
    price[field] = v.base;
    for (const t of v.tiers) {
      const tier = tiers.get(t.start) ?? { aboveInputTokens: t.start };
      tier[field] = t.price;
      tiers.set(t.start, tier);
    }
  }
  const perKRequests = p.requests_kcount;
  if (typeof perKRequests === 'number' && perKRequests > 0) price.requestUsd = perKRequests / 1000;
  if (tiers.size) price.tiers = [...tiers.values()].sort((a, b) => a.aboveInputTokens - b.aboveInputTokens);
  return price;
}

/** The price map in force at `at`, with genai-prices' rule: scan from the end, first match wins. */
export function activePriceMap(schedule: PriceSchedule, at: Date): GenaiModelPrice {
  if (!Array.isArray(schedule)) return schedule;
  for (let i = schedule.length - 1; i >= 0; i--) {
    const entry = schedule[i];
    const c = entry.constraint;
    if (!c) return entry.prices;
    if ('start_date' in c) {
      if (at.getTime() >= Date.parse(`${c.start_date}T00:00:00Z`)) return entry.prices;
    } else if (inDailyWindow(at, c.start_time, c.end_time)) {
      return entry.prices;
    }
  }
  return schedule[0].prices;
}

/** The Price in force at `at`, or undefined when the entry carries no token prices. */
export function priceAt(schedule: PriceSchedule, at: Date): Price | undefined {
  return toPrice(activePriceMap(schedule, at));
}

/** The next instant after `at` at which any constraint of the schedule may flip (Infinity when never). */
export function nextPriceChange(schedule: PriceSchedule, at: Date): number {
  if (!Array.isArray(schedule)) return Infinity;
  const now = at.getTime();
  let next = Infinity;
  for (const { constraint: c } of schedule) {
    if (!c) continue;
    if ('start_date' in c) {
      const t = Date.parse(`${c.start_date}T00:00:00Z`);
      if (t > now) next = Math.min(next, t);
    } else {
      for (const hms of [c.start_time, c.end_time]) {
        const s = secondsOfDay(hms);
        if (s === undefined) continue;
        const dayStart = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
        let t = dayStart + s * 1000;
        if (t <= now) t += 86_400_000;
        next = Math.min(next, t);
      }
    }
  }
  return next;
}

function inDailyWindow(at: Date, start: string, end: string): boolean {
  const s = secondsOfDay(start);
  const e = secondsOfDay(end);
  if (s === undefined || e === undefined) return false;
  const n = at.getUTCHours() * 3600 + at.getUTCMinutes() * 60 + at.getUTCSeconds() + at.getUTCMilliseconds() / 1000;
  return e < s ? n >= s || n < e : n >= s && n < e;
}

/** Parses `HH:MM[:SS][Z]` (UTC) into seconds since midnight. */
function secondsOfDay(hms: string): number | undefined {
  const m = /^(\d{2}):(\d{2})(?::(\d{2}))?(?:Z|\+00:00)?$/.exec(hms);
  if (!m) return undefined;
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0);
}
