// File layout of the ledger folder. Each writer process appends only to its own file, so
// concurrent VS Code windows never interleave bytes and need no lock.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

const RAW_RE = /^spend-(\d{4}-\d{2})\.([A-Za-z0-9_-]+)\.jsonl$/;
// A month's summary is rewritten under a new generation number, so two compactions can never
// both publish the same one (the name is created exclusively). Gen 0 is the older unnumbered name.
const SUMMARY_RE = /^summary-(\d{4}-\d{2})(?:\.g(\d+))?\.json$/;

/** A raw append-only file of one writer for one month. */
export interface RawFile {
  name: string;
  month: string;
  writer: string;
}

/** Name of the raw file a writer appends to for a month. */
export function rawFileName(month: string, writer: string): string {
  return `spend-${month}.${writer}.jsonl`;
}

/** A compacted month's summary file. */
export interface SummaryFile {
  name: string;
  month: string;
  gen: number;
}

/** Name of a month's compacted summary of generation `gen`. */
export function summaryFileName(month: string, gen: number): string {
  return gen === 0 ? `summary-${month}.json` : `summary-${month}.g${gen}.json`;
}

/** Lists raw files and compacted summaries in the folder (missing folder → empty). */
export function listLedgerFiles(dir: string): { raw: RawFile[]; summaries: SummaryFile[] } {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return { raw: [], summaries: [] };
  }
  const raw: RawFile[] = [];
  const summaries: SummaryFile[] = [];
  for (const name of names.sort()) {
    const m = RAW_RE.exec(name);
    if (m) raw.push({ name, month: m[1], writer: m[2] });
    const s = SUMMARY_RE.exec(name);
    if (s) summaries.push({ name, month: s[1], gen: Number(s[2] ?? 0) });
  }
  return { raw, summaries };
}

/** Bytes kept from just before a read offset, to notice a file rewritten behind the reader's back. */
export const TAIL_BYTES = 256;

/** New complete lines of a file past `offset`, and the offset after the last complete line. */
interface TailRead {
  lines: string[];
  nextOffset: number;
  /** Bytes after the last newline: a line still being written, or torn by a killed writer. */
  fragment: string;
  /** The last TAIL_BYTES (or fewer) bytes before nextOffset. */
  tail: Buffer;
  /** `shrunk`: the file is shorter than offset; `rewritten`: the bytes before offset changed. Either way nothing was read. */
  status: 'ok' | 'missing' | 'shrunk' | 'rewritten';
}

/**
 * Reads complete lines appended since `offset`. A trailing fragment is left unconsumed. With
 * `known` (the bytes that were just before `offset`), a file truncated and written again is
 * reported instead of being read from the middle of a line.
 */
export function readTail(file: string, offset: number, known: Buffer = EMPTY): TailRead {
  const none = (status: TailRead['status']): TailRead => ({ lines: [], nextOffset: offset, fragment: '', tail: known, status });
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return none('missing');
  }
  try {
    const size = fs.fstatSync(fd).size;
    if (size < offset) return none('shrunk');
    if (size === offset) return none('ok');
    const back = Math.min(known.length, offset);
    const buf = Buffer.allocUnsafe(size - offset + back);
    let read = 0;
    while (read < buf.length) {
      const n = fs.readSync(fd, buf, read, buf.length - read, offset - back + read);
      if (n === 0) break;
      read += n;
    }
    if (back > 0 && (read < back || !buf.subarray(0, back).equals(known.subarray(known.length - back)))) return none('rewritten');
    const lastNl = buf.lastIndexOf(0x0a, read - 1);
    if (lastNl < back) return { ...none('ok'), fragment: buf.toString('utf8', back, read) };
    const text = buf.toString('utf8', back, lastNl);
    return {
      lines: text.length ? text.split('\n') : [''],
      nextOffset: offset + lastNl + 1 - back,
      fragment: buf.toString('utf8', lastNl + 1, read),
      tail: Buffer.from(buf.subarray(Math.max(0, lastNl + 1 - TAIL_BYTES), lastNl + 1)),
      status: 'ok',
    };
  } finally {
    fs.closeSync(fd);
  }
}

const EMPTY = Buffer.alloc(0);

/** Whether the file is at least `offset` long and holds `tail` just before it. */
export function sameBytesBefore(file: string, offset: number, tail: Buffer): boolean {
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

/** The shape of fs.writeSync used for appends; injectable so tests can store fewer bytes than asked. */
export type WriteFn = (fd: number, buffer: Uint8Array, offset: number, length: number) => number;

const realWrite: WriteFn = (fd, buffer, offset, length) => fs.writeSync(fd, buffer, offset, length);

/** Writes every byte: write() may store fewer than asked (a nearly full disk), so it is called until done. */
export function writeAll(fd: number, bytes: Uint8Array, write: WriteFn = realWrite): void {
  let done = 0;
  while (done < bytes.length) {
    const n = write(fd, bytes, done, bytes.length - done);
    if (!(n > 0)) throw Object.assign(new Error('write stored no bytes (disk full?)'), { code: 'ENOSPC' });
    done += n;
  }
}

/** A unique temporary name next to `file`. */
function tempName(file: string): string {
  return `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
}

/** Writes `data` to a temporary file and makes it durable (fsync, unless `durable` is false); returns its name. */
export function writeDurableTemp(file: string, data: string, durable = true): string {
  const tmp = tempName(file);
  const fd = fs.openSync(tmp, 'w');
  try {
    writeAll(fd, Buffer.from(data, 'utf8'));
    if (durable) fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return tmp;
}

/**
 * Writes a file atomically: temp file in the same folder, fsync, rename. A cache that is checked
 * when read may skip the fsync (`durable` false): after a power loss it is unreadable, not wrong.
 */
export function writeFileAtomic(file: string, data: string, durable = true): void {
  fs.renameSync(writeDurableTemp(file, data, durable), file);
}

/** Makes renames and deletions in a folder durable. Not possible on every platform (Windows); best effort. */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // The rename itself is atomic; only its durability across a power loss is weaker.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Joins the ledger folder and a file name. */
export function inDir(dir: string, name: string): string {
  return path.join(dir, name);
}
