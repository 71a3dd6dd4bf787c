// File layout of the ledger folder. Each writer process appends only to its own file, so
// concurrent VS Code windows never interleave bytes and need no lock.
import * as fs from 'node:fs';
import * as path from 'node:path';

const RAW_RE = /^spend-(\d{4}-\d{2})\.([A-Za-z0-9_-]+)\.jsonl$/;
const SUMMARY_RE = /^summary-(\d{4}-\d{2})\.json$/;

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

/** Name of a month's compacted summary. */
export function summaryFileName(month: string): string {
  return `summary-${month}.json`;
}

/** Lists raw files and compacted summaries in the folder (missing folder → empty). */
export function listLedgerFiles(dir: string): { raw: RawFile[]; summaries: { name: string; month: string }[] } {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return { raw: [], summaries: [] };
  }
  const raw: RawFile[] = [];
  const summaries: { name: string; month: string }[] = [];
  for (const name of names.sort()) {
    const m = RAW_RE.exec(name);
    if (m) raw.push({ name, month: m[1], writer: m[2] });
    const s = SUMMARY_RE.exec(name);
    if (s) summaries.push({ name, month: s[1] });
  }
  return { raw, summaries };
}

/** New complete lines of a file past `offset`, and the offset after the last complete line. */
export interface TailRead {
  lines: string[];
  nextOffset: number;
  /** Bytes after the last newline: a line still being written, or torn by a killed writer. */
  fragment: string;
}

/** Reads complete lines appended since `offset`. A trailing fragment is left unconsumed. */
export function readTail(file: string, offset: number): TailRead {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return { lines: [], nextOffset: offset, fragment: '' };
  }
  try {
    const size = fs.fstatSync(fd).size;
    if (size <= offset) return { lines: [], nextOffset: size < offset ? 0 : offset, fragment: '' };
    const buf = Buffer.allocUnsafe(size - offset);
    let read = 0;
    while (read < buf.length) {
      const n = fs.readSync(fd, buf, read, buf.length - read, offset + read);
      if (n === 0) break;
      read += n;
    }
    const lastNl = buf.lastIndexOf(0x0a, read - 1);
    if (lastNl < 0) return { lines: [], nextOffset: offset, fragment: buf.toString('utf8', 0, read) };
    const text = buf.toString('utf8', 0, lastNl);
    return {
      lines: text.length ? text.split('\n') : [''],
      nextOffset: offset + lastNl + 1,
      fragment: buf.toString('utf8', lastNl + 1, read),
    };
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes a file atomically: temp file in the same folder, fsync, rename. */
export function writeFileAtomic(file: string, data: string): void {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

/** Joins the ledger folder and a file name. */
export function inDir(dir: string, name: string): string {
  return path.join(dir, name);
}
