// Totals stored as fixed-order number arrays. A checkpoint or a month digest holds tens of
// thousands of them, and arrays parse and validate several times faster than objects with named
// keys. Checked by hand inside zod: a zod array-of-tuples parse cost several times the JSON.parse.
import { z } from 'zod';
import type { BucketJson, Totals } from './aggregates';

const TOTAL_KEYS = [
  'usd',
  'estimatedUsd',
  'unpricedAttempts',
  'attempts',
  'failedAttempts',
  'inputTokens',
  'outputTokens',
  'cacheReadTokens',
  'cacheWriteTokens',
  'reasoningTokens',
  'cacheSavedUsd',
  'requests',
] as const satisfies readonly (keyof Totals)[];

const isTotals = (v: unknown): v is number[] => {
  if (!Array.isArray(v) || v.length !== TOTAL_KEYS.length) return false;
  for (const n of v) if (typeof n !== 'number' || !Number.isFinite(n)) return false;
  return true;
};
const isPairs = (v: unknown): v is [string, number[]][] => {
  if (!Array.isArray(v)) return false;
  for (const p of v) if (!Array.isArray(p) || p.length !== 2 || typeof p[0] !== 'string' || !isTotals(p[1])) return false;
  return true;
};
const totals = z.custom<number[]>(isTotals, 'expected totals');
const pairs = z.custom<[string, number[]][]>(isPairs, 'expected name and totals pairs');

/** zod schema of a packed bucket. */
export const PackedBucketSchema = z.object({ all: totals, model: pairs, provider: pairs, workspace: pairs, origin: pairs });

/** A bucket with its totals packed. */
export type PackedBucket = z.infer<typeof PackedBucketSchema>;

function packTotals(t: Totals): number[] {
  return TOTAL_KEYS.map((k) => t[k]);
}

function unpackTotals(a: readonly number[]): Totals {
  // A literal, not a loop over TOTAL_KEYS: tens of thousands of these are built at start.
  return {
    usd: a[0],
    estimatedUsd: a[1],
    unpricedAttempts: a[2],
    attempts: a[3],
    failedAttempts: a[4],
    inputTokens: a[5],
    outputTokens: a[6],
    cacheReadTokens: a[7],
    cacheWriteTokens: a[8],
    reasoningTokens: a[9],
    cacheSavedUsd: a[10],
    requests: a[11],
  };
}

/** Adds packed totals into `t`, building nothing: a digest's days are added this way at start. */
export function addPackedTotals(t: Totals, a: readonly number[]): void {
  for (let i = 0; i < TOTAL_KEYS.length; i++) t[TOTAL_KEYS[i]] += a[i];
}

const packPairs = (ps: [string, Totals][]) => ps.map(([k, t]): [string, number[]] => [k, packTotals(t)]);
const unpackPairs = (ps: [string, number[]][]) => ps.map(([k, v]): [string, Totals] => [k, unpackTotals(v)]);

/** Packs a serialized bucket for a file. */
export function packBucket(b: BucketJson): PackedBucket {
  return {
    all: packTotals(b.all),
    model: packPairs(b.model),
    provider: packPairs(b.provider),
    workspace: packPairs(b.workspace),
    origin: packPairs(b.origin),
  };
}

/** Unpacks a validated bucket read from a file. */
export function unpackBucket(b: PackedBucket): BucketJson {
  return {
    all: unpackTotals(b.all),
    model: unpackPairs(b.model),
    provider: unpackPairs(b.provider),
    workspace: unpackPairs(b.workspace),
    origin: unpackPairs(b.origin),
  };
}
