// A sealed month's totals by day, next to its raw files, so a start without a checkpoint reads
// one small file per old month instead of parsing every record of it. A digest is only a cache:
// it names the exact bytes of each raw file it counts, raw files are never removed on its
// account, and a digest that no longer matches its files (a file gone, shorter, or with other
// bytes before the counted offset), written in another time zone, or unreadable (its first line is
// a checksum of the rest) is ignored and the month's records are read instead. Each digest is self-consistent and replaced atomically,
// so concurrent writers need no lock: whichever lands last is as true as the other.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { z } from 'zod';
import type { Logger } from '../platform';
import { inDir, sameBytesBefore, writeFileAtomic, type RawFile } from './files';
import { PackedBucketSchema, type PackedBucket } from './packed-totals';
import { isPlainRecord, type LedgerRecord } from './record';

/** Name of a month's digest. */
export function digestFileName(month: string): string {
  return `digest-${month}.json`;
}

/** Day keys are local: a digest counts days in the zone it was written in. */
function currentZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone ?? '';
}

const count = z.number().int().nonnegative();

/** zod schema of a digest file. */
const MonthDigestSchema = z.object({
  v: z.literal(1),
  month: z.string(),
  zone: z.string(),
  /** Raw file name → bytes counted (at a line boundary); bytes after it are read as records. */
  files: z.record(z.string(), count),
  /** Raw file name → base64 of the bytes just before its offset, to notice a file rewritten since. */
  tails: z.record(z.string(), z.string()),
  /** Lines inside the counted bytes that were skipped or clamped when the digest was made. */
  skipped: z.object({ corrupt: count, clamped: count }),
  days: z.array(z.tuple([z.string().regex(/^\d{4}-\d{2}-\d{2}$/), PackedBucketSchema])),
  /** The month's last records read, for the recent list when nothing newer is left. */
  recent: z.array(z.custom<LedgerRecord>(isPlainRecord, 'expected a ledger record')),
});

/** A digest as used in memory. */
export interface MonthDigest {
  month: string;
  files: Record<string, number>;
  tails: Record<string, string>;
  skipped: { corrupt: number; clamped: number };
  days: [string, PackedBucket][];
  recent: LedgerRecord[];
}

/**
 * The digest of `month` when it still describes `files` (the month's raw files now present);
 * undefined when there is none or it cannot be trusted, so the caller reads the records.
 */
export function readDigest(dir: string, month: string, files: readonly RawFile[], logger: Logger): MonthDigest | undefined {
  let text: string;
  try {
    text = fs.readFileSync(inDir(dir, digestFileName(month)), 'utf8');
  } catch {
    return undefined;
  }
  let digest: MonthDigest;
  try {
    const nl = text.indexOf('\n');
    if (nl < 0 || text.slice(0, nl) !== sumOf(text.slice(nl + 1))) throw new Error('its checksum does not match');
    const r = MonthDigestSchema.safeParse(JSON.parse(text.slice(nl + 1)));
    if (!r.success) throw new Error(r.error.issues[0]?.message);
    if (r.data.month !== month) throw new Error(`it describes ${r.data.month}`);
    digest = r.data;
    if (r.data.zone !== currentZone()) return undefined;
  } catch (e) {
    logger.warn(`Spend ledger: ignoring the unreadable digest of ${month} (${(e as Error).message}); reading its records instead.`);
    return undefined;
  }
  return matchesFiles(dir, digest, files) ? digest : undefined;
}

// A bit flipped inside a name or a number still parses: only a checksum tells.
function sumOf(body: string): string {
  return createHash('sha256').update(body).digest('hex');
}

function matchesFiles(dir: string, d: MonthDigest, files: readonly RawFile[]): boolean {
  const present = new Set(files.map((f) => f.name));
  for (const [name, offset] of Object.entries(d.files)) {
    const tail = Buffer.from(d.tails[name] ?? '', 'base64');
    if (!present.has(name) || !sameBytesBefore(inDir(dir, name), offset, tail)) return false;
  }
  return true;
}

/** Writes a digest atomically, without fsync: one cut by a power loss fails its checks and is made again. */
export function writeDigest(dir: string, d: MonthDigest, logger: Logger): void {
  try {
    const body = JSON.stringify({ v: 1, ...d, zone: currentZone() });
    writeFileAtomic(inDir(dir, digestFileName(d.month)), `${sumOf(body)}\n${body}`, false);
  } catch (e) {
    logger.warn(`Spend ledger: could not write the digest of ${d.month} (${(e as Error).message}).`);
  }
}
