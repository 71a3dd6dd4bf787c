// What a ledger holds in memory: the totals, how far each file was read, the recent records and
// the lines it skipped, with the reading of new lines into them. Raw lines stay on disk.
import type { Logger } from '../platform';
import { aggregatesFromJson, aggregatesToJson, SpendAggregates } from './aggregates';
import { writeCheckpoint, type Checkpoint } from './checkpoint';
import { FileCursors } from './cursors';
import type { MonthDigest } from './digest';
import type { RawFile } from './files';
import { packBucket } from './packed-totals';
import { parseRecordLine, type LedgerRecord } from './record';

/** Lines the ledger could not use, by kind. Never fatal. */
export interface SkippedLines {
  /** An unterminated last line: a writer killed mid-write (or writing right now). */
  torn: number;
  /** A complete line that is not a valid record (corrupt or foreign). */
  corrupt: number;
  /** Records kept with a number brought into range (e.g. a negative duration after a clock step). */
  clamped: number;
}

/** The in-memory state of one ledger, or of one month while its digest is made. */
export class LedgerState {
  aggregates = new SpendAggregates();
  readonly cursors = new FileCursors();
  /** The summaries inside the totals; another set on disk means another window compacted. */
  summaryKey = '';
  recentRecords: LedgerRecord[] = [];
  sinceCheckpoint = 0;
  /** Only a ledger that has read everything may write a checkpoint: it must describe all files. */
  loaded = false;
  /** Whether lines of other windows were counted since the last emit. */
  changed = false;
  readonly skipped: SkippedLines = { torn: 0, corrupt: 0, clamped: 0 };

  constructor(
    readonly dir: string,
    readonly logger: Logger,
    readonly recentLimit: number,
  ) {}

  reset(): void {
    this.aggregates = new SpendAggregates();
    this.cursors.clear();
    this.recentRecords = [];
    Object.assign(this.skipped, { torn: 0, corrupt: 0, clamped: 0 });
  }

  restore(cp: Checkpoint): void {
    this.aggregates = aggregatesFromJson(cp.buckets);
    this.cursors.restore(cp);
    Object.assign(this.skipped, cp.skipped);
    this.recentRecords = cp.recent;
  }

  /** Counts a month from its digest: its bytes are then read only past the digest's offsets. */
  applyDigest(d: MonthDigest): void {
    for (const [day, b] of d.days) this.aggregates.addDay(day, b);
    this.cursors.restore({ files: d.files, tails: d.tails, fragments: {} });
    this.skipped.corrupt += d.skipped.corrupt;
    this.skipped.clamped += d.skipped.clamped;
    for (const r of d.recent) this.remember(r);
  }

  /** What this state counted, as the digest of `month` (it must have read only that month's files). */
  toDigest(month: string): MonthDigest {
    const { files, tails } = this.cursors.snapshot();
    const days = aggregatesToJson(this.aggregates)
      .filter(([id]) => id.startsWith('day|'))
      .map(([id, b]): MonthDigest['days'][number] => [id.slice(4), packBucket(b)]);
    const { corrupt, clamped } = this.skipped;
    return { month, files, tails, skipped: { corrupt, clamped }, days, recent: this.recent() };
  }

  /** The most recent records seen (newest last). */
  recent(): LedgerRecord[] {
    return [...this.recentRecords].sort(byTimeThenId).slice(-this.recentLimit);
  }

  readNew(raw: readonly RawFile[], initial: boolean): 'ok' | 'rebuild' {
    return this.cursors.readNew(
      this.dir,
      raw,
      (file, line) => this.readLine(file, line),
      (file) => {
        if (!initial) return;
        this.skipped.torn++;
        this.logger.warn(
          `Spend ledger: skipped an incomplete last line in ${file} (a window was closed or killed mid-write); every other line was kept.`,
        );
      },
    );
  }

  ingest(r: LedgerRecord): void {
    this.sinceCheckpoint++;
    this.aggregates.addRecord(r);
    this.remember(r);
  }

  reportClamped(id: string, fields: string[], how: string): void {
    this.logger.warn(`Spend ledger: record ${id} ${how} with ${fields.join(', ')} out of range; clamped, its spend kept.`);
  }

  checkpoint(): void {
    writeCheckpoint(
      this.dir,
      {
        v: 4,
        ...this.cursors.snapshot(),
        summaries: this.summaryKey ? this.summaryKey.split('\n') : [],
        skipped: { ...this.skipped },
        buckets: aggregatesToJson(this.aggregates),
        recent: this.recent(),
      },
      this.logger,
    );
    this.sinceCheckpoint = 0;
  }

  private readLine(file: string, line: string): void {
    const parsed = parseRecordLine(line);
    if (!parsed) {
      this.skipped.corrupt++;
      this.logger.warn(`Spend ledger: skipped a corrupt or foreign line in ${file}: ${line.slice(0, 80)}`);
      return;
    }
    if (parsed.clamped.length) {
      this.skipped.clamped++;
      this.reportClamped(parsed.record.id, parsed.clamped, 'read');
    }
    this.ingest(parsed.record);
    this.changed = true;
  }

  private remember(r: LedgerRecord): void {
    this.recentRecords.push(r);
    // Files are read one writer at a time, so the order of arrival is not the order in time:
    // trimming keeps the newest by time, or another writer's older lines would push out the newest.
    if (this.recentRecords.length > this.recentLimit * 2) this.recentRecords = this.recent();
  }
}

/** Time order; records of the same millisecond by id, so every way of loading lists them alike. */
function byTimeThenId(a: LedgerRecord, b: LedgerRecord): number {
  return a.ts - b.ts || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
