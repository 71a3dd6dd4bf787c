// A snapshot of the aggregates and of how far each file was read, so a window starts by
// reading only what was appended since, not years of lines. Any process may write it; each
// snapshot is self-consistent (offsets match totals) and replaced atomically, so the last
// writer winning is safe. A snapshot that no longer matches the files is ignored.
import * as fs from 'node:fs';
import { z } from 'zod';
import type { Logger } from '../platform';
import type { BucketJson } from './aggregates';
import { inDir, sameBytesBefore, writeFileAtomic, type RawFile } from './files';
import { packBucket, PackedBucketSchema, unpackBucket } from './packed-totals';
import { LedgerRecordSchema, type LedgerRecord } from './record';

const CHECKPOINT = 'checkpoint.json';

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
  buckets: z.array(z.tuple([z.string(), PackedBucketSchema])),
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
    parsed = { ...r.data, buckets: r.data.buckets.map(([id, b]) => [id, unpackBucket(b)]) };
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

/** Writes the checkpoint atomically. Failure only costs the next start some time. */
export function writeCheckpoint(dir: string, cp: Checkpoint, logger: Logger): void {
  try {
    const buckets = cp.buckets.map(([id, b]) => [id, packBucket(b)]);
    writeFileAtomic(inDir(dir, CHECKPOINT), JSON.stringify({ ...cp, buckets }));
  } catch (e) {
    logger.warn(`Spend ledger: could not write its checkpoint (${(e as Error).message}); the next start reads every file.`);
  }
}
