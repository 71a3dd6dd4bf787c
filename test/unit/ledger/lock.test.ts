// The compaction lock and the temp files of dead writers: a window must neither wait forever on a
// lock nobody holds nor break one a live window holds, and must clear what a crash left.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compactLedger } from '../../../src/core/ledger/compaction';
import { processAlive } from '../../../src/core/ledger/lock';
import { entry } from './fixtures/entry';
import { ledgerAt, memLogger } from './fixtures/ledger';

const NOW = new Date(2026, 10, 25, 12).getTime();
const JUNE = new Date(2026, 5, 10).getTime();
/** A pid no process has: above the kernel's largest. */
const DEAD_PID = 2 ** 22 + 12345;

/** A folder with one record in June, ready to be compacted. */
function folder(): string {
  const l = ledgerAt(NOW, { writerId: 'w' });
  l.append(entry('june', { ts: JUNE, costUsd: 1 }));
  l.close();
  return l.dir;
}

const lockFile = (dir: string) => path.join(dir, 'compact.lock');

function compactWithLock(content: string, ageMs = 0): { compacted: string[]; log: string[]; lockLeft: boolean } {
  const dir = folder();
  fs.writeFileSync(lockFile(dir), content);
  if (ageMs) fs.utimesSync(lockFile(dir), new Date(Date.now() - ageMs), new Date(Date.now() - ageMs));
  const log = memLogger();
  const compacted = compactLedger(dir, 3, NOW, log).monthsCompacted;
  return { compacted, log: log.lines, lockLeft: fs.existsSync(lockFile(dir)) };
}

describe('Ledger compaction lock', () => {
  it('a lock another live window holds is left alone and the pass skipped', () => {
    const r = compactWithLock(JSON.stringify({ pid: process.ppid, at: NOW - 60_000, nonce: 'n' }));
    assert.deepEqual(r.compacted, []);
    assert.ok(r.log.includes('info Spend ledger: another window is compacting; skipped.'), r.log.join('\n'));
    assert.ok(r.lockLeft);
  });

  it('a lock held just under ten minutes by a live window still holds; just over, it is broken', () => {
    const minutes = (m: number) => JSON.stringify({ pid: process.ppid, at: NOW - m * 60_000, nonce: 'n' });
    assert.deepEqual(compactWithLock(minutes(9.9)).compacted, []);
    assert.deepEqual(compactWithLock(minutes(10)).compacted, [], 'exactly ten minutes still holds');
    assert.deepEqual(compactWithLock(minutes(10.1)).compacted, ['2026-06']);
    // A clock that stepped back counts as much as one that went forward.
    assert.deepEqual(compactWithLock(JSON.stringify({ pid: process.ppid, at: NOW + 11 * 60_000, nonce: 'n' })).compacted, ['2026-06']);
  });

  it('a lock left by this very process (a pass that threw) or by a dead one is broken, and released after', () => {
    for (const pid of [process.pid, DEAD_PID]) {
      const r = compactWithLock(JSON.stringify({ pid, at: NOW, nonce: 'n' }));
      assert.deepEqual(r.compacted, ['2026-06'], `pid ${pid}`);
      assert.equal(r.lockLeft, false);
    }
  });

  it('a lock without a usable owner is broken', () => {
    assert.deepEqual(compactWithLock(JSON.stringify({ at: NOW })).compacted, ['2026-06']);
    assert.deepEqual(compactWithLock(JSON.stringify({ pid: String(process.ppid), at: NOW })).compacted, ['2026-06']);
    assert.deepEqual(compactWithLock(JSON.stringify({ pid: process.ppid })).compacted, ['2026-06']);
  });

  it('an empty lock is its creator between two calls while fresh, and a dead creator’s once old', () => {
    assert.deepEqual(compactWithLock('').compacted, []);
    assert.deepEqual(compactWithLock('', 5_000).compacted, [], 'five seconds is not yet dead');
    assert.deepEqual(compactWithLock('', 60_000).compacted, ['2026-06']);
  });

  it('a lock released between the attempt to take it and the read of its owner is taken, and released after', () => {
    const dir = folder();
    // A name that exists for an exclusive create but not for a read: the holder's file removed in between.
    fs.symlinkSync(path.join(dir, 'released.lock'), lockFile(dir));
    const log = memLogger();
    assert.deepEqual(compactLedger(dir, 3, NOW, log).monthsCompacted, ['2026-06']);
    assert.equal(fs.existsSync(lockFile(dir)), false);
    assert.equal(fs.lstatSync(lockFile(dir), { throwIfNoEntry: false }), undefined);
  });

  it('a ledger path that is a file, not a folder: the pass takes no lock, skips, and throws nothing', () => {
    const notADir = path.join(folder(), 'checkpoint.json');
    assert.deepEqual(compactLedger(notADir, 3, NOW, memLogger()), { monthsCompacted: [], filesRemoved: 0 });
  });

  it('counts this process and its parent as running, and a pid no process has as gone', () => {
    assert.equal(processAlive(process.pid), true);
    assert.equal(processAlive(process.ppid), true);
    assert.equal(processAlive(DEAD_PID), false);
  });

  it('removes temp files of dead processes and of its own, and keeps those of live ones', () => {
    const dir = folder();
    const temp = (pid: number) => `summary-2026-06.g1.json.${pid}-0a1b2c3d.tmp`;
    for (const pid of [DEAD_PID, process.pid, process.ppid]) fs.writeFileSync(path.join(dir, temp(pid)), '{}');
    fs.writeFileSync(path.join(dir, 'notes.tmp'), 'not ours');
    compactLedger(dir, 3, NOW, memLogger());
    const left = fs.readdirSync(dir).filter((n) => n.endsWith('.tmp'));
    assert.deepEqual(left.sort(), ['notes.tmp', temp(process.ppid)].sort());
  });
});
