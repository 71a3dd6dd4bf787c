// Totals by day, week and month, each split by model, provider, workspace and origin. Updated one
// row at a time so a new append never forces a full re-read.
import { dayKey, monthKey, weekKey, type Period } from './periods';
import { addPackedTotals, type PackedBucket } from './packed-totals';
import type { LedgerRecord } from './record';

/** Summed figures of a set of attempts. */
export interface Totals {
  /** Known cost in USD (exact, provider-reported, estimated and free). */
  usd: number;
  /** Part of `usd` that is estimated. */
  estimatedUsd: number;
  /** Attempts whose price was unknown; their cost is not in `usd`. */
  unpricedAttempts: number;
  /** Requests: a request's retries and fallbacks are further attempts, not further requests. */
  requests: number;
  attempts: number;
  failedAttempts: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  cacheSavedUsd: number;
}

/** The dimensions a bucket is split by. */
export type Dimension = 'model' | 'provider' | 'workspace' | 'origin';

/** One period's totals, overall and per dimension value. */
export interface Bucket {
  all: Totals;
  model: Map<string, Totals>;
  provider: Map<string, Totals>;
  workspace: Map<string, Totals>;
  /** By front end (chat, compare, selection, lm-api, participant, gateway); '' before origins were recorded. */
  origin: Map<string, Totals>;
}

/** A zeroed Totals. */
export function zeroTotals(): Totals {
  return {
    usd: 0,
    estimatedUsd: 0,
    unpricedAttempts: 0,
    requests: 0,
    attempts: 0,
    failedAttempts: 0,
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    cacheSavedUsd: 0,
  };
}

/** Adds `b` into `a`. */
export function addTotals(a: Totals, b: Totals): void {
  a.usd += b.usd;
  a.estimatedUsd += b.estimatedUsd;
  a.unpricedAttempts += b.unpricedAttempts;
  a.requests += b.requests;
  a.attempts += b.attempts;
  a.failedAttempts += b.failedAttempts;
  a.inputTokens += b.inputTokens;
  a.outputTokens += b.outputTokens;
  a.cacheReadTokens += b.cacheReadTokens;
  a.cacheWriteTokens += b.cacheWriteTokens;
  a.reasoningTokens += b.reasoningTokens;
  a.cacheSavedUsd += b.cacheSavedUsd;
}

/** The totals one record contributes. */
export function totalsOf(r: LedgerRecord): Totals {
  const cost = r.costUsd ?? 0;
  return {
    usd: r.costStatus === 'unpriced' ? 0 : cost,
    estimatedUsd: r.costStatus === 'estimated' ? cost : 0,
    unpricedAttempts: r.costStatus === 'unpriced' ? 1 : 0,
    // Before requests were marked, a fallback was the one attempt known not to start a request.
    requests: (r.requestStart ?? !r.fallback) ? 1 : 0,
    attempts: 1,
    failedAttempts: r.outcome === 'failed' || r.outcome === 'partial' ? 1 : 0,
    inputTokens: r.inputTokens,
    outputTokens: r.outputTokens,
    cacheReadTokens: r.cacheReadTokens,
    cacheWriteTokens: r.cacheWriteTokens,
    reasoningTokens: r.reasoningTokens,
    cacheSavedUsd: r.cacheSavedUsd ?? 0,
  };
}

/** A row as aggregation sees it: raw records and compacted day summaries both become rows. */
export interface AggregateRow {
  ts: number;
  model: string;
  provider: string;
  workspace: string;
  /** The front end; '' when the record or summary predates origins. */
  origin: string;
  totals: Totals;
}

/** Incremental aggregates over all rows seen. */
export class SpendAggregates {
  private readonly buckets = new Map<string, Bucket>();
  // Date formatting dominates the cost of add(); consecutive rows are usually in the same day.
  private dayStart = 0;
  private dayEnd = -1;
  private keys: [string, string, string] = ['', '', ''];

  /** Adds one record, without building its Totals: a cold load adds every record of every month. */
  addRecord(r: LedgerRecord): void {
    this.spread(r.ts, r.model, r.provider, r.workspace ?? '', r.origin ?? '', r, addRecordTotals);
  }

  /** Adds one row to its day, week and month buckets. */
  addRow(row: AggregateRow): void {
    this.spread(row.ts, row.model, row.provider, row.workspace, row.origin, row.totals, addTotals);
  }

  private spread<T>(
    ts: number,
    model: string,
    provider: string,
    workspace: string,
    origin: string,
    x: T,
    add: (a: Totals, x: T) => void,
  ): void {
    if (ts < this.dayStart || ts >= this.dayEnd) {
      const d = new Date(ts);
      this.dayStart = new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
      this.dayEnd = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime();
      this.keys = [`day|${dayKey(ts)}`, `week|${weekKey(ts)}`, `month|${monthKey(ts)}`];
    }
    for (const k of this.keys) {
      const b = this.bucketAt(k);
      add(b.all, x);
      add(totalsIn(b.model, model), x);
      add(totalsIn(b.provider, provider), x);
      add(totalsIn(b.workspace, workspace), x);
      add(totalsIn(b.origin, origin), x);
    }
  }

  /** Adds a day's packed bucket (from a month digest) to that day, its week and its month. */
  addDay(day: string, b: PackedBucket): void {
    const [y, m, d] = day.split('-').map(Number);
    // Noon: a zone whose clocks skip midnight still has it on that day.
    const ts = new Date(y, m - 1, d, 12).getTime();
    for (const k of [`day|${day}`, `week|${weekKey(ts)}`, `month|${monthKey(ts)}`]) {
      const into = this.bucketAt(k);
      addPackedTotals(into.all, b.all);
      for (const [name, t] of b.model) addPackedTotals(totalsIn(into.model, name), t);
      for (const [name, t] of b.provider) addPackedTotals(totalsIn(into.provider, name), t);
      for (const [name, t] of b.workspace) addPackedTotals(totalsIn(into.workspace, name), t);
      for (const [name, t] of b.origin) addPackedTotals(totalsIn(into.origin, name), t);
    }
  }

  /** The bucket of one period key (e.g. `day`, `2026-11-25`), if anything was spent then. */
  bucket(period: Period, key: string): Bucket | undefined {
    return this.buckets.get(`${period}|${key}`);
  }

  private bucketAt(k: string): Bucket {
    let b = this.buckets.get(k);
    if (!b) {
      b = { all: zeroTotals(), model: new Map(), provider: new Map(), workspace: new Map(), origin: new Map() };
      this.buckets.set(k, b);
    }
    return b;
  }

  /** Every bucket with its `period|key` id. */
  entries(): [string, Bucket][] {
    return [...this.buckets.entries()];
  }

  /** Puts back a bucket read from a checkpoint. */
  restore(id: string, b: Bucket): void {
    this.buckets.set(id, b);
  }
}

function totalsIn(m: Map<string, Totals>, key: string): Totals {
  let cur = m.get(key);
  if (!cur) {
    cur = zeroTotals();
    m.set(key, cur);
  }
  return cur;
}

/** Adds what one record contributes into `a`: addTotals(a, totalsOf(r)), the same sums in the same order. */
function addRecordTotals(a: Totals, r: LedgerRecord): void {
  const cost = r.costUsd ?? 0;
  a.usd += r.costStatus === 'unpriced' ? 0 : cost;
  a.estimatedUsd += r.costStatus === 'estimated' ? cost : 0;
  a.unpricedAttempts += r.costStatus === 'unpriced' ? 1 : 0;
  a.requests += (r.requestStart ?? !r.fallback) ? 1 : 0;
  a.attempts += 1;
  a.failedAttempts += r.outcome === 'failed' || r.outcome === 'partial' ? 1 : 0;
  a.inputTokens += r.inputTokens;
  a.outputTokens += r.outputTokens;
  a.cacheReadTokens += r.cacheReadTokens;
  a.cacheWriteTokens += r.cacheWriteTokens;
  a.reasoningTokens += r.reasoningTokens;
  a.cacheSavedUsd += r.cacheSavedUsd ?? 0;
}

/** A serialized bucket: plain arrays, for the checkpoint file. */
export interface BucketJson {
  all: Totals;
  model: [string, Totals][];
  provider: [string, Totals][];
  workspace: [string, Totals][];
  origin: [string, Totals][];
}

/** Serializes every bucket. */
export function aggregatesToJson(a: SpendAggregates): [string, BucketJson][] {
  return a
    .entries()
    .map(([k, b]) => [
      k,
      { all: b.all, model: [...b.model], provider: [...b.provider], workspace: [...b.workspace], origin: [...b.origin] },
    ]);
}

/** Rebuilds aggregates from their serialized form. */
export function aggregatesFromJson(rows: readonly [string, BucketJson][]): SpendAggregates {
  const a = new SpendAggregates();
  for (const [k, b] of rows)
    a.restore(k, {
      all: b.all,
      model: new Map(b.model),
      provider: new Map(b.provider),
      workspace: new Map(b.workspace),
      origin: new Map(b.origin),
    });
  return a;
}
