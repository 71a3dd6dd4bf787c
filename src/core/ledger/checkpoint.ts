// A snapshot of the aggregates and of how far each file was read, so a window starts by
// reading only what was appended since, not years of lines. Any process may write it; each
// snapshot is self-consistent (offsets match totals) and replaced atomically, so the last
// writer winning is safe. A snapshot that no longer matches the files is ignored.
import * as fs from 'node:fs';
import { z } from 'zod';
import type { Logger } from '../platform';
import type { BucketJson, Totals } from './aggregates';
import { inDir, writeFileAtomic, type RawFile } from './files';
import { LedgerRecordSchema, type LedgerRecord } from './record';

const CHECKPOINT = 'checkpoint.json';

// Totals are stored as fixed-order number arrays: a checkpoint holds tens of thousands of them,
// and arrays parse and validate several times faster than objects with named keys.
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
// Checked by hand inside zod: a checkpoint holds tens of thousands of these arrays, and a zod
// array-of-tuples parse of them cost several times the JSON.parse of the whole file.
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

/** zod schema of the checkpoint file. */
// v3 added the origin dimension and v4 the request count; an older checkpoint fails this schema and
// is rebuilt from the files.
export const CheckpointSchema = z.object({
  v: z.literal(4),
  /** Raw file name → bytes consumed (always at a line boundary). */
  files: z.record(z.string(), z.number().int().nonnegative()),
  /** Summary files whose rows are inside the totals. */
  summaries: z.array(z.string()),
  skipped: z.object({ torn: z.number(), corrupt: z.number(), clamped: z.number().default(0) }),
  /** Raw file name → base64 of the bytes just before its offset, to notice a file rewritten since. */
  tails: z.record(z.string(), z.string()).default({}),
  /** Unterminated tails already counted as torn, so a restart does not count them again. */
  fragments: z.record(z.string(), z.string()),
  buckets: z.array(z.tuple([z.string(), z.object({ all: totals, model: pairs, provider: pairs, workspace: pairs, origin: pairs })])),
  recent: z.array(LedgerRecordSchema),
});

/** A validated checkpoint. */
export interface Checkpoint {
  v: 4;
  files: Record<string, number>;
  summaries: string[];
  skipped: { torn: number; corrupt: number; clamped: number };
  tails: Record<string, string>;
  fragments: Record<string, string>;
  buckets: [string, BucketJson][];
  recent: LedgerRecord[];
}

/** Reads the checkpoint if it exists and still describes the folder; otherwise undefined. */
export function readCheckpoint(dir: string, raw: readonly RawFile[], summaries: readonly string[], logger: Logger): Checkpoint | undefined {
  let text: string;
  try {
    text = fs.readFileSync(inDir(dir, CHECKPOINT), 'utf8');
  } catch {
    return undefined;
  }
  let parsed: Checkpoint;
  try {
    const r = CheckpointSchema.safeParse(JSON.parse(text));
    if (!r.success) throw new Error(r.error.issues[0]?.message);
    const unpackPairs = (ps: [string, number[]][]) => ps.map(([k, v]) => [k, unpackTotals(v)] as [string, Totals]);
    parsed = {
      ...r.data,
      buckets: r.data.buckets.map(([id, b]) => [
        id,
        {
          all: unpackTotals(b.all),
          model: unpackPairs(b.model),
          provider: unpackPairs(b.provider),
          workspace: unpackPairs(b.workspace),
          origin: unpackPairs(b.origin),
        },
      ]),
    };
  } catch (e) {
    logger.warn(`Spend ledger: ignoring an unreadable checkpoint (${(e as Error).message}); reading every file instead.`);
    return undefined;
  }
  // Compaction replaces raw files by summaries; any difference means the snapshot is stale.
  if ([...parsed.summaries].sort().join('\n') !== [...summaries].sort().join('\n')) return undefined;
  const present = new Map(raw.map((f) => [f.name, f]));
  for (const [name, offset] of Object.entries(parsed.files)) {
    if (!present.has(name) || !sameBytesBefore(inDir(dir, name), offset, Buffer.from(parsed.tails[name] ?? '', 'base64'))) return undefined;
  }
  return parsed;
}

/** Whether the file is at least `offset` long and holds `tail` just before it. */
function sameBytesBefore(file: string, offset: number, tail: Buffer): boolean {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    if (fs.fstatSync(fd).size < offset) return false;
    const n = Math.min(tail.length, offset);
    const buf = Buffer.alloc(n);
    return fs.readSync(fd, buf, 0, n, offset - n) === n && buf.equals(tail.subarray(tail.length - n));
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Writes the checkpoint atomically. Failure only costs the next start some time. */
export function writeCheckpoint(dir: string, cp: Checkpoint, logger: Logger): void {
  try {
    const packPairs = (ps: [string, Totals][]) => ps.map(([k, t]) => [k, packTotals(t)]);
    const buckets = cp.buckets.map(([id, b]) => [
      id,
      {
        all: packTotals(b.all),
        model: packPairs(b.model),
        provider: packPairs(b.provider),
        workspace: packPairs(b.workspace),
        origin: packPairs(b.origin),
      },
    ]);
    writeFileAtomic(inDir(dir, CHECKPOINT), JSON.stringify({ ...cp, buckets }));
  } catch (e) {
    logger.warn(`Spend ledger: could not write its checkpoint (${(e as Error).message}); the next start reads every file.`);
  }
}
