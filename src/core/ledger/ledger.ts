// SpendLedger: durable, append-only record of every attempt, shared by every VS Code window.
// Only aggregates and a short recent list stay in memory; raw lines stay on disk.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { systemClock, silentLogger, type Clock, type Logger } from '../platform';
import { aggregatesFromJson, aggregatesToJson, SpendAggregates, zeroTotals, type Bucket, type Dimension, type Totals } from './aggregates';
import { LedgerAppender } from './appender';
import { readCheckpoint, writeCheckpoint, type Checkpoint } from './checkpoint';
import { FileCursors } from './cursors';
import { inDir, listLedgerFiles, type RawFile, type WriteFn } from './files';
import { monthKey, periodKey, recentPeriodKeys, type Period } from './periods';
import { clampFields, parseRecordLine, toLine, type LedgerEntry, type LedgerRecord } from './record';
import { effectiveSummaries, readSummary } from './summary';
import { compactLedger, type CompactionResult } from './compaction';
import { exportLedgerCsv } from './csv';

/** Records read or written after which a fresh checkpoint is worth its write. */
const CHECKPOINT_EVERY = 500;
/**
 * At load the write stands between the window and its first totals, and a checkpoint of a large
 * ledger (megabytes) costs more to write than reading a few thousand lines: below this many new
 * lines, load leaves the write to close().
 */
const CHECKPOINT_AT_LOAD_EVERY = 5_000;

/** Lines the ledger could not use, by kind. Never fatal. */
export interface SkippedLines {
  /** An unterminated last line: a writer killed mid-write (or writing right now). */
  torn: number;
  /** A complete line that is not a valid record (corrupt or foreign). */
  corrupt: number;
  /** Records kept with a number brought into range (e.g. a negative duration after a clock step). */
  clamped: number;
}

/** How often a load restarts because a compaction changed the folder while it was read. */
const LOAD_ATTEMPTS = 5;

/** Options of a ledger. */
export interface SpendLedgerOptions {
  /** Folder the host gives (globalStorageUri/ledger). Created when missing. */
  dir: string;
  clock?: Clock;
  logger?: Logger;
  /** Unique per process; defaults to pid + random so restarts never reuse a torn file. */
  writerId?: string;
  /** How many recent records to keep in memory for the UI. */
  recentLimit?: number;
  /** Replaces fs.writeSync for appends (tests inject short writes). */
  writeSync?: WriteFn;
}

/** A period's figures for display. */
export interface PeriodSummary {
  period: Period;
  key: string;
  totals: Totals;
  by: Record<Dimension, [string, Totals][]>;
}

/** The multi-window, crash-safe spend ledger. */
export class SpendLedger {
  readonly dir: string;
  readonly writerId: string;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly recentLimit: number;
  private readonly appender: LedgerAppender;
  private aggregates = new SpendAggregates();
  private readonly cursors = new FileCursors();
  /** The summaries inside the totals; another set on disk means another window compacted. */
  private summaryKey = '';
  private recentRecords: LedgerRecord[] = [];
  private seq = 0;
  private sinceCheckpoint = 0;
  /** Only a ledger that has read everything may write a checkpoint: it must describe all files. */
  private loaded = false;
  private listeners = new Set<() => void>();
  /** Whether lines of other windows were counted since the last emit. */
  private changed = false;
  /** Lines skipped since the ledger was created. */
  readonly skipped: SkippedLines = { torn: 0, corrupt: 0, clamped: 0 };

  constructor(opts: SpendLedgerOptions) {
    this.dir = opts.dir;
    this.clock = opts.clock ?? systemClock;
    this.logger = opts.logger ?? silentLogger;
    this.writerId = opts.writerId ?? `${process.pid}-${randomBytes(4).toString('hex')}`;
    this.recentLimit = opts.recentLimit ?? 200;
    fs.mkdirSync(this.dir, { recursive: true });
    this.appender = new LedgerAppender(
      this.dir,
      this.writerId,
      opts.writeSync ?? ((fd, b, o, l) => fs.writeSync(fd, b, o, l)),
      this.logger,
    );
  }

  /**
   * Reads the ledger at start: the checkpoint's totals plus whatever was appended after it
   * (or every file, when there is no valid checkpoint). Later, use refresh().
   */
  load(): void {
    this.loadFrom(true);
  }

  /**
   * Picks up lines other windows appended. The host calls it from a file watcher; it reads
   * only bytes past what it has seen.
   */
  refresh(): boolean {
    const { raw, summaries } = listLedgerFiles(this.dir);
    if (keyOf(effectiveSummaries(summaries)) !== this.summaryKey) this.loadFrom(true);
    else if (this.readNew(raw, false) === 'rebuild') this.rebuild();
    else return this.changedSinceEmit();
    this.emit();
    return true;
  }

  /** Appends one attempt. Durable once this returns: the bytes are in the OS, so a killed process loses nothing. */
  append(entry: LedgerEntry): LedgerRecord {
    const now = this.clock.now();
    const fields: Record<string, unknown> = { ...entry, v: 1, id: entry.id ?? `${this.writerId}-${++this.seq}`, ts: entry.ts ?? now };
    const clamped = clampFields(fields);
    const record = fields as LedgerRecord;
    if (clamped.length) this.reportClamped(record.id, clamped, 'recorded');
    const w = this.appender.append(toLine(record), monthKey(record.ts), now);
    if (this.cursors.advance(w)) {
      this.ingest(record);
    } else if (this.readNew(listLedgerFiles(this.dir).raw, false) === 'rebuild') {
      // The file changed behind this window (truncated, restored): the totals are read again.
      this.rebuild();
    }
    this.changed = false;
    this.emit();
    return record;
  }

  /** Subscribes to changes (own appends and other windows'). Returns an unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Totals for the period containing `at` (default now), optionally only one workspace or one origin. */
  spent(period: Period, opts: { at?: number; workspace?: string; origin?: string } = {}): Totals {
    const b = this.aggregates.bucket(period, periodKey(period, opts.at ?? this.clock.now()));
    if (!b) return zeroTotals();
    if (opts.origin !== undefined) return b.origin.get(opts.origin) ?? zeroTotals();
    if (opts.workspace === undefined) return b.all;
    return b.workspace.get(opts.workspace) ?? zeroTotals();
  }

  /** Full breakdown of one period. */
  summary(period: Period, at: number = this.clock.now()): PeriodSummary {
    const key = periodKey(period, at);
    const b: Bucket | undefined = this.aggregates.bucket(period, key);
    const sorted = (m: Map<string, Totals> | undefined) =>
      [...(m ?? new Map<string, Totals>()).entries()].sort((x, y) => y[1].usd - x[1].usd);
    return {
      period,
      key,
      totals: b?.all ?? zeroTotals(),
      by: { model: sorted(b?.model), provider: sorted(b?.provider), workspace: sorted(b?.workspace), origin: sorted(b?.origin) },
    };
  }

  /** Totals for the last `count` periods, oldest first, for charts. */
  series(period: Period, count: number, at: number = this.clock.now()): { key: string; totals: Totals }[] {
    return recentPeriodKeys(period, at, count).map((key) => ({ key, totals: this.aggregates.bucket(period, key)?.all ?? zeroTotals() }));
  }

  /** The most recent records seen (newest last). */
  recent(): LedgerRecord[] {
    return [...this.recentRecords].sort((a, b) => a.ts - b.ts).slice(-this.recentLimit);
  }

  /** Folds months older than the retention into summaries (totals kept), then reloads. */
  compact(retentionMonths: number): CompactionResult {
    const result = compactLedger(this.dir, retentionMonths, this.clock.now(), this.logger);
    if (result.monthsCompacted.length || result.filesRemoved) {
      this.load();
      this.emit();
    }
    return result;
  }

  /** Every record as CSV. */
  exportCsv(): string {
    return exportLedgerCsv(this.dir, this.logger);
  }

  /** Closes the append file, leaving a checkpoint when much was added since the last one. */
  close(): void {
    if (this.loaded && this.sinceCheckpoint >= CHECKPOINT_EVERY) this.checkpoint();
    this.appender.close();
  }

  private loadFrom(useCheckpoint: boolean): void {
    for (let attempt = 1; attempt <= LOAD_ATTEMPTS; attempt++) {
      const outcome = this.tryLoad(useCheckpoint);
      if (outcome === 'done') return;
      if (outcome === 'rebuild') useCheckpoint = false;
    }
    this.logger.warn('Spend ledger: the folder kept changing while it was read; totals may be off until the next change.');
  }

  /** Files are read after listing them; a compaction that ran meanwhile means reading again. */
  private tryLoad(useCheckpoint: boolean): 'done' | 'again' | 'rebuild' {
    this.reset();
    const { raw, summaries } = listLedgerFiles(this.dir);
    const effective = effectiveSummaries(summaries);
    const cp = useCheckpoint
      ? readCheckpoint(
          this.dir,
          raw,
          effective.map((s) => s.name),
          this.logger,
        )
      : undefined;
    if (cp) this.restore(cp);
    const rawMonths = new Set(raw.map((f) => f.month));
    for (const s of effective) {
      if (cp && !rawMonths.has(s.month)) continue;
      const content = readSummary(inDir(this.dir, s.name), this.logger);
      if (!content) return 'again';
      if (!cp) for (const row of content.rows) this.aggregates.addRow(row);
      for (const [name, bytes] of Object.entries(content.sources)) this.cursors.covered.set(name, bytes);
    }
    this.summaryKey = keyOf(effective);
    this.sinceCheckpoint = 0;
    if (this.readNew(raw, true) === 'rebuild') return 'rebuild';
    if (keyOf(effectiveSummaries(listLedgerFiles(this.dir).summaries)) !== this.summaryKey) return 'again';
    this.loaded = true;
    this.changed = false;
    if (!cp || this.sinceCheckpoint >= CHECKPOINT_AT_LOAD_EVERY) this.checkpoint();
    return 'done';
  }

  private rebuild(): void {
    this.logger.warn('Spend ledger: a ledger file shrank or was rewritten; totals were read again from disk.');
    this.loadFrom(false);
  }

  private reset(): void {
    this.aggregates = new SpendAggregates();
    this.cursors.clear();
    this.recentRecords = [];
    Object.assign(this.skipped, { torn: 0, corrupt: 0, clamped: 0 });
  }

  private restore(cp: Checkpoint): void {
    this.aggregates = aggregatesFromJson(cp.buckets);
    this.cursors.restore(cp);
    Object.assign(this.skipped, cp.skipped);
    this.recentRecords = cp.recent;
  }

  private readNew(raw: readonly RawFile[], initial: boolean): 'ok' | 'rebuild' {
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

  private reportClamped(id: string, fields: string[], how: string): void {
    this.logger.warn(`Spend ledger: record ${id} ${how} with ${fields.join(', ')} out of range; clamped, its spend kept.`);
  }

  private checkpoint(): void {
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

  private ingest(r: LedgerRecord): void {
    this.sinceCheckpoint++;
    this.aggregates.addRecord(r);
    this.recentRecords.push(r);
    if (this.recentRecords.length > this.recentLimit * 2) this.recentRecords = this.recentRecords.slice(-this.recentLimit);
  }

  private changedSinceEmit(): boolean {
    const changed = this.changed;
    this.changed = false;
    if (changed) this.emit();
    return changed;
  }

  private emit(): void {
    for (const l of this.listeners) {
      try {
        l();
      } catch (e) {
        this.logger.error(`Spend ledger listener failed: ${(e as Error).message}`);
      }
    }
  }
}

/** Identity of the set of summaries a reader counted. */
function keyOf(summaries: readonly { name: string }[]): string {
  return summaries.map((s) => s.name).join('\n');
}
