// How a window writes its own files: a disk that stores nothing, a file cut short behind it,
// a compaction running meanwhile, the files of months folded away, and descriptors left open.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SpendLedger } from '../../../src/core/ledger';
import { entry } from './fixtures/entry';
import { memLogger, tmpDir } from './fixtures/ledger';

const at = (y: number, m: number, d: number, h = 12) => new Date(y, m - 1, d, h).getTime();
const NOW = at(2026, 11, 25);
const JUNE = at(2026, 6, 1);
const WAITED = 'warn Spend ledger: a compaction held its lock too long; recording a late attempt without it.';
const juneFiles = (dir: string) => fs.readdirSync(dir).filter((n) => n.startsWith('spend-2026-06.'));
/** Open descriptors of this process, where the system lists them. */
const openFiles = () => fs.readdirSync('/proc/self/fd').length;

function fresh(dir: string): SpendLedger {
  const l = new SpendLedger({ dir, clock: { now: () => NOW } });
  l.load();
  return l;
}

describe('SpendLedger appends', () => {
  it('a write that stores nothing fails the append as a full disk, instead of trying forever; the next record counts', () => {
    const dir = tmpDir();
    let full = false;
    const writeSync = (fd: number, b: Uint8Array, o: number, n: number) => (full ? 0 : fs.writeSync(fd, b, o, n));
    const l = new SpendLedger({ dir, clock: { now: () => NOW }, writerId: 'w', writeSync });
    l.load();
    full = true;
    assert.throws(
      () => l.append(entry('lost', { costUsd: 5 })),
      (e: NodeJS.ErrnoException) => e.code === 'ENOSPC' && /disk full/.test(e.message),
    );
    full = false;
    l.append(entry('kept', { costUsd: 2 }));
    assert.equal(l.spent('day').usd, 2);
    const r = fresh(dir);
    assert.equal(r.spent('day').usd, 2);
    assert.deepEqual(r.skipped, { torn: 0, corrupt: 0, clamped: 0 });
  });

  it('a record written into a file cut to one torn byte behind the window starts on a line of its own', () => {
    const dir = tmpDir();
    const l = new SpendLedger({ dir, clock: { now: () => NOW }, writerId: 'w' });
    l.load();
    l.append(entry('june-1', { ts: JUNE, costUsd: 1 }));
    const [file] = juneFiles(dir);
    fs.truncateSync(path.join(dir, file), 1);
    l.append(entry('june-2', { ts: JUNE, costUsd: 2 }));
    const r = fresh(dir);
    assert.equal(r.spent('month', { at: JUNE }).usd, 2);
    assert.equal(r.skipped.corrupt, 1, 'only the torn byte is skipped');
  });

  it('a record of the current month is written at once while another window compacts', function () {
    this.timeout(20_000);
    const dir = tmpDir();
    const log = memLogger();
    const l = new SpendLedger({ dir, clock: { now: () => NOW }, logger: log, writerId: 'w' });
    l.load();
    // A live process holds the compaction lock.
    fs.writeFileSync(path.join(dir, 'compact.lock'), JSON.stringify({ pid: process.ppid, at: NOW, nonce: 'theirs' }));
    l.append(entry('now', { costUsd: 1 }));
    assert.ok(!log.lines.includes(WAITED), log.lines.join('\n'));
    assert.equal(l.spent('day').usd, 1);
  });

  it('late records of a month already compacted go to one new file of the window, not to one file each', () => {
    const dir = tmpDir();
    const l = new SpendLedger({ dir, clock: { now: () => NOW }, writerId: 'w' });
    l.load();
    l.append(entry('june-1', { ts: JUNE, costUsd: 1 }));
    assert.deepEqual(l.compact(3), { monthsCompacted: ['2026-06'], filesRemoved: 1 });
    l.append(entry('june-2', { ts: JUNE, costUsd: 2 }));
    l.append(entry('june-3', { ts: JUNE, costUsd: 4 }));
    // The folded file's name is in the summary's sources: a new name, reused for the month's later records.
    assert.deepEqual(juneFiles(dir), ['spend-2026-06.w-1.jsonl']);
    assert.equal(fresh(dir).spent('month', { at: JUNE }).usd, 7);
  });
});

describe('SpendLedger appends and open files', () => {
  before(function () {
    if (!fs.existsSync('/proc/self/fd')) this.skip();
  });

  it('a late record leaves no file open: a compaction removes its month’s files', () => {
    const l = new SpendLedger({ dir: tmpDir(), clock: { now: () => NOW }, writerId: 'w' });
    const before = openFiles();
    l.append(entry('june', { ts: JUNE, costUsd: 1 }));
    assert.equal(openFiles(), before);
    l.close();
  });

  it('records of two months not yet sealed, in turns, keep one file open', () => {
    let now = at(2026, 11, 30, 23);
    const l = new SpendLedger({ dir: tmpDir(), clock: { now: () => now }, writerId: 'w' });
    const before = openFiles();
    l.append(entry('nov', { costUsd: 1 }));
    now = at(2026, 12, 1, 1);
    l.append(entry('dec', { costUsd: 2 }));
    l.append(entry('nov-late', { ts: at(2026, 11, 30, 22), costUsd: 4 }));
    l.append(entry('dec-2', { costUsd: 8 }));
    assert.equal(openFiles(), before + 1);
    l.close();
    assert.equal(openFiles(), before);
  });
});
