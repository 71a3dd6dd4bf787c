// Writes this process's own raw files. Nobody else writes them, so the appender knows where each
// line lands; a write cut short is completed or cut back, so a file only ever holds whole lines.
import * as fs from 'node:fs';
import type { Logger } from '../platform';
import { inDir, rawFileName, writeAll, type WriteFn } from './files';
import { lockWaiting } from './lock';
import { monthKey } from './periods';

/** Where an appended line landed. */
export interface Appended {
  name: string;
  /** File size before the write (the line, or a separating newline first, starts here). */
  start: number;
  /** The bytes written. */
  bytes: Buffer;
}

/**
 * A month is sealed once it ended more than a day ago: only then may compaction fold it, so a
 * window appending at the month's last instant never races it.
 */
export function isSealed(month: string, now: number): boolean {
  return sealsAt(month) <= now && month < monthKey(now);
}

function sealsAt(month: string): number {
  const [y, m] = month.split('-').map(Number);
  return new Date(y, m, 1).getTime() + 86_400_000;
}

/** How long a late append waits for a compaction of its month to finish. */
const LATE_LOCK_WAIT_MS = 2_000;

/** Appends lines to `spend-<month>.<writer>.jsonl`. */
export class LedgerAppender {
  private fd: number | undefined;
  private fdName = '';
  /** The month of the open file while it is not sealed, and when it will be. */
  private fdMonth = '';
  private fdSealsAt = 0;
  /** Size the open file should have; -1 when unknown (a failed write could not be undone). */
  private size = -1;
  private generation = 0;
  private readonly created = new Set<string>();

  constructor(
    private readonly dir: string,
    private readonly writerId: string,
    private readonly write: WriteFn,
    private readonly logger: Logger,
  ) {}

  /** Appends one line. A sealed month is written under the compaction lock, through a fresh descriptor. */
  append(line: string, month: string, now: number): Appended {
    if (month === this.fdMonth && now < this.fdSealsAt) return this.writeLine(line);
    if (!isSealed(month, now)) {
      const name = this.nameFor(month);
      if (this.fd === undefined || this.fdName !== name) this.open(name);
      this.fdMonth = month;
      this.fdSealsAt = sealsAt(month);
      return this.writeLine(line);
    }
    const lock = lockWaiting(this.dir, now, LATE_LOCK_WAIT_MS);
    if (!lock) this.logger.warn('Spend ledger: a compaction held its lock too long; recording a late attempt without it.');
    this.close();
    try {
      this.open(this.nameFor(month));
      return this.writeLine(line);
    } finally {
      this.close();
      lock?.release();
    }
  }

  /** Closes the open file, if any. */
  close(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
    this.fdName = '';
    this.fdMonth = '';
  }

  private nameFor(month: string): string {
    let name = rawFileName(month, this.writerId + (this.generation ? `-${this.generation}` : ''));
    // A file of ours that vanished was folded into a summary that names it: never reuse the name.
    while (this.created.has(name) && name !== this.fdName && !fs.existsSync(inDir(this.dir, name))) {
      this.generation++;
      name = rawFileName(month, `${this.writerId}-${this.generation}`);
    }
    return name;
  }

  private open(name: string): void {
    this.close();
    this.fd = fs.openSync(inDir(this.dir, name), 'a+');
    this.fdName = name;
    this.size = -1;
    this.created.add(name);
  }

  private writeLine(line: string): Appended {
    const fd = this.fd!;
    const start = fs.fstatSync(fd).size;
    // Torn bytes at the end (a cut-back that failed, or a file truncated behind our back) must
    // not swallow this record: it starts on a line of its own.
    const sep = start !== this.size && start > 0 && !endsWithNewline(fd, start) ? '\n' : '';
    const bytes = Buffer.from(sep + line, 'utf8');
    try {
      writeAll(fd, bytes, this.write);
    } catch (e) {
      try {
        fs.ftruncateSync(fd, start);
        this.size = start;
      } catch {
        this.size = -1;
      }
      throw e;
    }
    this.size = start + bytes.length;
    return { name: this.fdName, start, bytes };
  }
}

function endsWithNewline(fd: number, size: number): boolean {
  const b = Buffer.alloc(1);
  return fs.readSync(fd, b, 0, 1, size - 1) === 1 && b[0] === 0x0a;
}
