// SpendLedger: durable, append-only record of every attempt, shared by every VS Code window.
// Only aggregates and a short recent list stay in memory; raw lines stay on disk.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { systemClock, silentLogger, type Clock, type Logger } from '../platform';
import { zeroTotals, type Bucket, type Dimension, type Totals } from './aggregates';
import { LedgerAppender } from './appender';
import { listLedgerFiles, type WriteFn } from './files';
import { LedgerState, type SkippedLines } from './ledger-state';
import { loadLedger, summaryKeyOf } from './load';
import { monthKey, periodKey, recentPeriodKeys, type Period } from './periods';
import { clampFields, toLine, type LedgerEntry, type LedgerRecord } from './record';
import { effectiveSummaries } from './summary';
import { compactLedger, type CompactionResult } from './compaction';
import { exportLedgerCsv } from './csv';

export type { SkippedLines } from './ledger-state';

/** Records read or written after which a fresh checkpoint is worth its write. */
const CHECKPOINT_EVERY = 500;

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
  private readonly appender: LedgerAppender;
  private readonly state: LedgerState;
  private seq = 0;
  private listeners = new Set<() => void>();

  constructor(opts: SpendLedgerOptions) {
    this.dir = opts.dir;
    this.clock = opts.clock ?? systemClock;
    this.logger = opts.logger ?? silentLogger;
    this.writerId = opts.writerId ?? `${process.pid}-${randomBytes(4).toString('hex')}`;
    this.state = new LedgerState(this.dir, this.logger, opts.recentLimit ?? 200);
    fs.mkdirSync(this.dir, { recursive: true });
    this.appender = new LedgerAppender(
      this.dir,
      this.writerId,
      opts.writeSync ?? ((fd, b, o, l) => fs.writeSync(fd, b, o, l)),
      this.logger,
    );
  }

  /** Lines skipped since the ledger was created. */
  get skipped(): SkippedLines {
    return this.state.skipped;
  }

  /**
   * Reads the ledger at start: the checkpoint's totals plus whatever was appended after it (or,
   * without a valid checkpoint, summaries and digests of old months plus the records after them).
   * Later, use refresh().
   */
  load(): void {
    loadLedger(this.state, this.clock.now(), true);
  }

  /**
   * Picks up lines other windows appended. The host calls it from a file watcher; it reads
   * only bytes past what it has seen.
   */
  refresh(): boolean {
    const { raw, summaries } = listLedgerFiles(this.dir);
    if (summaryKeyOf(effectiveSummaries(summaries)) !== this.state.summaryKey) this.load();
    else if (this.state.readNew(raw, false) === 'rebuild') this.rebuild();
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
    if (clamped.length) this.state.reportClamped(record.id, clamped, 'recorded');
    const w = this.appender.append(toLine(record), monthKey(record.ts), now);
    if (this.state.cursors.advance(w)) {
      this.state.ingest(record);
    } else if (this.state.readNew(listLedgerFiles(this.dir).raw, false) === 'rebuild') {
      // The file changed behind this window (truncated, restored): the totals are read again.
      this.rebuild();
    }
    this.state.changed = false;
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
    const b = this.state.aggregates.bucket(period, periodKey(period, opts.at ?? this.clock.now()));
    if (!b) return zeroTotals();
    if (opts.origin !== undefined) return b.origin.get(opts.origin) ?? zeroTotals();
    if (opts.workspace === undefined) return b.all;
    return b.workspace.get(opts.workspace) ?? zeroTotals();
  }

  /** Full breakdown of one period. */
  summary(period: Period, at: number = this.clock.now()): PeriodSummary {
    const key = periodKey(period, at);
    const b: Bucket | undefined = this.state.aggregates.bucket(period, key);
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
    return recentPeriodKeys(period, at, count).map((key) => ({
      key,
      totals: this.state.aggregates.bucket(period, key)?.all ?? zeroTotals(),
    }));
  }

  /** The most recent records seen (newest last). */
  recent(): LedgerRecord[] {
    return this.state.recent();
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
    if (this.state.loaded && this.state.sinceCheckpoint >= CHECKPOINT_EVERY) this.state.checkpoint();
    this.appender.close();
  }

  private rebuild(): void {
    this.logger.warn('Spend ledger: a ledger file shrank or was rewritten; totals were read again from disk.');
    loadLedger(this.state, this.clock.now(), false);
  }

  private changedSinceEmit(): boolean {
    const changed = this.state.changed;
    this.state.changed = false;
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
