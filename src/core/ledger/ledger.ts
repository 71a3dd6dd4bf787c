// SpendLedger: durable, append-only record of every attempt, shared by every VS Code window.
// Only aggregates and a short recent list stay in memory; raw lines stay on disk.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { systemClock, silentLogger, type Clock, type Logger } from '../platform';
import { aggregatesFromJson, aggregatesToJson, SpendAggregates, zeroTotals, type Bucket, type Dimension, type Totals } from './aggregates';
import { readCheckpoint, writeCheckpoint } from './checkpoint';
import { inDir, listLedgerFiles, rawFileName, readTail } from './files';
import { monthKey, periodKey, recentPeriodKeys, type Period } from './periods';
import { parseLine, toLine, type LedgerEntry, type LedgerRecord } from './record';
import { readSummaryRows } from './summary';
import { compactLedger, type CompactionResult } from './compaction';
import { exportLedgerCsv } from './csv';

/** Records read or written after which a fresh checkpoint is worth its write. */
const CHECKPOINT_EVERY = 500;

/** Lines the ledger could not use, by kind. Never fatal. */
export interface SkippedLines {
  /** An unterminated last line: a writer killed mid-write (or writing right now). */
  torn: number;
  /** A complete line that is not a valid record (corrupt or foreign). */
  corrupt: number;
}

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
  private aggregates = new SpendAggregates();
  private offsets = new Map<string, number>();
  private fragments = new Map<string, string>();
  private recentRecords: LedgerRecord[] = [];
  private fd: number | undefined;
  private fdMonth = '';
  private seq = 0;
  private sinceCheckpoint = 0;
  /** Only a ledger that has read everything may write a checkpoint: it must describe all files. */
  private loaded = false;
  private listeners = new Set<() => void>();
  /** Lines skipped since the ledger was created. */
  readonly skipped: SkippedLines = { torn: 0, corrupt: 0 };

  constructor(opts: SpendLedgerOptions) {
    this.dir = opts.dir;
    this.clock = opts.clock ?? systemClock;
    this.logger = opts.logger ?? silentLogger;
    this.writerId = opts.writerId ?? `${process.pid}-${randomBytes(4).toString('hex')}`;
    this.recentLimit = opts.recentLimit ?? 200;
    fs.mkdirSync(this.dir, { recursive: true });
  }

  /**
   * Reads the ledger at start: the checkpoint's totals plus whatever was appended after it
   * (or every file, when there is no valid checkpoint). Later, use refresh().
   */
  load(): void {
    this.aggregates = new SpendAggregates();
    this.offsets.clear();
    this.fragments.clear();
    this.recentRecords = [];
    this.skipped.torn = 0;
    this.skipped.corrupt = 0;
    const { raw, summaries } = listLedgerFiles(this.dir);
    const cp = readCheckpoint(this.dir, raw, summaries.map((s) => s.name), this.logger);
    if (cp) {
      this.aggregates = aggregatesFromJson(cp.buckets);
      for (const [name, offset] of Object.entries(cp.files)) this.offsets.set(name, offset);
      this.skipped.torn = cp.skipped.torn;
      this.skipped.corrupt = cp.skipped.corrupt;
      for (const [name, text] of Object.entries(cp.fragments)) this.fragments.set(name, text);
      this.recentRecords = cp.recent;
    } else {
      for (const s of summaries) {
        const rows = readSummaryRows(inDir(this.dir, s.name), this.logger);
        for (const row of rows) this.aggregates.addRow(row);
      }
    }
    this.sinceCheckpoint = 0;
    this.readNew(true);
    this.loaded = true;
    if (!cp || this.sinceCheckpoint >= CHECKPOINT_EVERY) this.checkpoint(summaries.map((s) => s.name));
  }

  /**
   * Picks up lines other windows appended. The host calls it from a file watcher; it reads
   * only bytes past what it has seen.
   */
  refresh(): boolean {
    const changed = this.readNew(false);
    if (changed) this.emit();
    return changed;
  }

  /** Appends one attempt. Durable once this returns: the bytes are in the OS, so a killed process loses nothing. */
  append(entry: LedgerEntry): LedgerRecord {
    const ts = entry.ts ?? this.clock.now();
    const record: LedgerRecord = { ...entry, v: 1, id: entry.id ?? `${this.writerId}-${++this.seq}`, ts };
    const line = toLine(record);
    const month = monthKey(ts);
    if (this.fd === undefined || this.fdMonth !== month) this.openFor(month);
    const bytes = Buffer.from(line, 'utf8');
    // One write() call per line: the kernel never interleaves it with another process's writes.
    fs.writeSync(this.fd!, bytes);
    const name = rawFileName(month, this.writerId);
    this.offsets.set(name, (this.offsets.get(name) ?? 0) + bytes.length);
    this.ingest(record);
    this.emit();
    return record;
  }

  /** Subscribes to changes (own appends and other windows'). Returns an unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Totals for the period containing `at` (default now), optionally only one workspace. */
  spent(period: Period, opts: { at?: number; workspace?: string } = {}): Totals {
    const b = this.aggregates.bucket(period, periodKey(period, opts.at ?? this.clock.now()));
    if (!b) return zeroTotals();
    if (opts.workspace === undefined) return b.all;
    return b.workspace.get(opts.workspace) ?? zeroTotals();
  }

  /** Full breakdown of one period. */
  summary(period: Period, at: number = this.clock.now()): PeriodSummary {
    const key = periodKey(period, at);
    const b: Bucket | undefined = this.aggregates.bucket(period, key);
    const sorted = (m: Map<string, Totals> | undefined) => [...(m ?? new Map<string, Totals>()).entries()].sort((x, y) => y[1].usd - x[1].usd);
    return {
      period,
      key,
      totals: b?.all ?? zeroTotals(),
      by: { model: sorted(b?.model), provider: sorted(b?.provider), workspace: sorted(b?.workspace) },
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
    if (result.monthsCompacted.length) {
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
    if (this.loaded && this.sinceCheckpoint >= CHECKPOINT_EVERY) this.checkpoint(listLedgerFiles(this.dir).summaries.map((s) => s.name));
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }

  private openFor(month: string): void {
    this.close();
    const name = rawFileName(month, this.writerId);
    this.fd = fs.openSync(inDir(this.dir, name), 'a');
    this.fdMonth = month;
    if (!this.offsets.has(name)) this.offsets.set(name, fs.fstatSync(this.fd).size);
  }

  private readNew(initial: boolean): boolean {
    let changed = false;
    for (const f of listLedgerFiles(this.dir).raw) {
      const offset = this.offsets.get(f.name) ?? 0;
      const tail = readTail(inDir(this.dir, f.name), offset);
      for (const line of tail.lines) {
        if (line.length === 0) continue;
        const r = parseLine(line);
        if (r) {
          this.ingest(r);
          changed = true;
        } else {
          this.skipped.corrupt++;
          this.logger.warn(`Spend ledger: skipped a corrupt or foreign line in ${f.name}: ${line.slice(0, 80)}`);
        }
      }
      this.offsets.set(f.name, tail.nextOffset);
      const before = this.fragments.get(f.name);
      if (tail.fragment && tail.fragment !== before) {
        this.fragments.set(f.name, tail.fragment);
        if (initial) {
          this.skipped.torn++;
          this.logger.warn(`Spend ledger: skipped an incomplete last line in ${f.name} (a window was closed or killed mid-write); every other line was kept.`);
        }
      } else if (!tail.fragment) this.fragments.delete(f.name);
    }
    return changed;
  }

  private checkpoint(summaries: string[]): void {
    // Fragments (torn or in-flight lines) stay unread: offsets always sit at a line boundary.
    writeCheckpoint(
      this.dir,
      {
        v: 2,
        files: Object.fromEntries(this.offsets),
        summaries,
        skipped: { ...this.skipped },
        fragments: Object.fromEntries(this.fragments),
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
