// A record dated in a sealed month is written under the compaction lock, so it never lands in a
// file while a compaction folds that month. The lock is waited for briefly, never forever, and
// only a lock this window took is released.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SpendLedger } from '../../../src/core/ledger';
import { compactLedger } from '../../../src/core/ledger/compaction';
import { entry } from './fixtures/entry';
import { memLogger, tmpDir } from './fixtures/ledger';

const at = (y: number, m: number, d: number, h = 12) => new Date(y, m - 1, d, h).getTime();
const NOW = at(2026, 11, 25);
/** A pid no process has: above the kernel's largest. */
const DEAD_PID = 2 ** 22 + 12345;
const WAITED = 'warn Spend ledger: a compaction held its lock too long; recording a late attempt without it.';

const lockFile = (dir: string) => path.join(dir, 'compact.lock');
const holdLock = (dir: string, pid: number, since = NOW) =>
  fs.writeFileSync(lockFile(dir), JSON.stringify({ pid, at: since, nonce: 'theirs' }));

describe('SpendLedger late records and the compaction lock', () => {
  it('a late record waits for a live compaction, then is recorded anyway and the holder keeps its lock', function () {
    this.timeout(20_000);
    const dir = tmpDir();
    const log = memLogger();
    const l = new SpendLedger({ dir, clock: { now: () => NOW }, logger: log, writerId: 'w' });
    l.load();
    holdLock(dir, process.ppid);
    const started = performance.now();
    l.append(entry('late', { ts: at(2026, 6, 20), costUsd: 2 }));
    assert.ok(performance.now() - started >= 1_900, 'it waited for the holder');
    assert.ok(log.lines.includes(WAITED), log.lines.join('\n'));
    assert.equal(JSON.parse(fs.readFileSync(lockFile(dir), 'utf8')).nonce, 'theirs');
    // The window goes on recording the current month after the late write closed its file.
    l.append(entry('now', { costUsd: 1 }));
    assert.equal(l.spent('month', { at: at(2026, 6, 1) }).usd, 2);
    assert.equal(l.spent('month').usd, 1);
    l.close();
    const again = new SpendLedger({ dir, clock: { now: () => NOW } });
    again.load();
    assert.equal(again.spent('month', { at: at(2026, 6, 1) }).usd, 2);
    assert.equal(again.spent('month').usd, 1);
  });

  it('a late record takes a dead window’s lock without waiting, and releases it after', () => {
    const dir = tmpDir();
    const log = memLogger();
    const l = new SpendLedger({ dir, clock: { now: () => NOW }, logger: log, writerId: 'w' });
    l.load();
    holdLock(dir, DEAD_PID);
    l.append(entry('late', { ts: at(2026, 6, 20), costUsd: 2 }));
    assert.ok(!log.lines.includes(WAITED), log.lines.join('\n'));
    assert.ok(!fs.existsSync(lockFile(dir)), 'its own lock released');
    assert.equal(l.spent('month', { at: at(2026, 6, 1) }).usd, 2);
  });

  it('a month that seals while its file is open is then written under the lock', function () {
    this.timeout(20_000);
    const dir = tmpDir();
    const log = memLogger();
    let now = at(2026, 2, 20);
    const l = new SpendLedger({ dir, clock: { now: () => now }, logger: log, writerId: 'w' });
    l.load();
    l.append(entry('feb', { costUsd: 1 }));
    // Sealed from the first instant of the day after the month's last: 2 March, 00:00.
    now = at(2026, 3, 2, 0);
    holdLock(dir, process.ppid, now);
    l.append(entry('feb-late', { ts: at(2026, 2, 28), costUsd: 2 }));
    assert.ok(log.lines.includes(WAITED), log.lines.join('\n'));
    assert.equal(l.spent('month', { at: at(2026, 2, 1) }).usd, 3);
  });

  it('while a compaction runs, its lock names its process and start, so other windows judge it live and fresh', () => {
    const dir = tmpDir();
    let owner: unknown;
    compactLedger(dir, 3, NOW, memLogger(), {
      step: (name) => {
        if (name === 'locked') owner = JSON.parse(fs.readFileSync(lockFile(dir), 'utf8'));
      },
    });
    assert.deepEqual({ ...(owner as object), nonce: 'n' }, { pid: process.pid, at: NOW, nonce: 'n' });
    assert.ok(!fs.existsSync(lockFile(dir)), 'released after');
  });

  it('a compaction does not release a lock another window took over from it', () => {
    const dir = tmpDir();
    const l = new SpendLedger({ dir, clock: { now: () => NOW }, writerId: 'w' });
    l.load();
    l.append(entry('june', { ts: at(2026, 6, 10), costUsd: 1 }));
    l.close();
    const steps: string[] = [];
    const r = compactLedger(dir, 3, NOW, memLogger(), {
      step: (name) => {
        steps.push(name);
        // Another window judged this pass's lock stale, broke it and took its own.
        if (name === 'published') holdLock(dir, process.ppid);
      },
    });
    assert.deepEqual(r.monthsCompacted, ['2026-06']);
    assert.ok(steps.includes('published'), steps.join(' '));
    assert.equal(JSON.parse(fs.readFileSync(lockFile(dir), 'utf8')).nonce, 'theirs');
  });
});
