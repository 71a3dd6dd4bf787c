// Compaction under concurrency and crashes: totals stay exact whatever runs at once or dies.
import * as assert from 'node:assert/strict';
import { fork, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { SpendLedger } from '../../../src/core/ledger';
import { compactLedger } from '../../../src/core/ledger/compaction';
import { silentLogger } from '../../../src/core/platform';
import { entry } from './fixtures/entry';

const WRITERS = 3;
const PER_MONTH = 4;
const USD = 0.5;

function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'sb-compact-'));
}

/** The `count` months before `now`'s month, oldest first, as a time in the middle of each. */
function oldMonths(now: number, count: number): number[] {
  const d = new Date(now);
  return Array.from({ length: count }, (_, i) => new Date(d.getFullYear(), d.getMonth() - count + i, 10, 12).getTime());
}

/** Each writer appends PER_MONTH records in each month, written at that time as a window would. */
function seed(dir: string, months: number[]): void {
  for (let w = 0; w < WRITERS; w++) {
    for (const at of months) {
      const l = new SpendLedger({ dir, writerId: `seed${w}-${at}`, clock: { now: () => at } });
      for (let i = 0; i < PER_MONTH; i++) l.append(entry(`w${w}-${at}-${i}`, { costUsd: USD, ts: at + i }));
      l.close();
    }
  }
}

function monthTotals(dir: string, months: number[]): string[] {
  const l = new SpendLedger({ dir, writerId: 'check' });
  l.load();
  return months.map((at) => {
    const t = l.spent('month', { at });
    return `${t.attempts}/${t.usd}`;
  });
}

function assertExact(dir: string, months: number[], when: string): void {
  const want = months.map(() => `${WRITERS * PER_MONTH}/${WRITERS * PER_MONTH * USD}`);
  assert.deepEqual(monthTotals(dir, months), want, when);
}

function listMonth(dir: string, at: number): string[] {
  const d = new Date(at);
  const key = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
  return fs.readdirSync(dir).filter((n) => n.includes(key));
}

describe('Ledger compaction', () => {
  it('compacting a month that already has a summary adds the new lines once', () => {
    const dir = tmpDir();
    const now = Date.now();
    const [june] = oldMonths(now, 6);
    seed(dir, [june]);
    assert.equal(compactLedger(dir, 3, now, silentLogger).monthsCompacted.length, 1);
    // A window whose clock was back in that month appends to it again.
    const late = new SpendLedger({ dir, writerId: 'late', clock: { now: () => june } });
    late.append(entry('late-1', { costUsd: 2 }));
    late.close();
    assert.deepEqual(monthTotals(dir, [june]), [`${WRITERS * PER_MONTH + 1}/${WRITERS * PER_MONTH * USD + 2}`]);
    compactLedger(dir, 3, now, silentLogger);
    compactLedger(dir, 3, now, silentLogger);
    assert.deepEqual(monthTotals(dir, [june]), [`${WRITERS * PER_MONTH + 1}/${WRITERS * PER_MONTH * USD + 2}`]);
    assert.equal(listMonth(dir, june).length, 1, `one summary, no raw file: ${listMonth(dir, june).join(' ')}`);
  });

  it('a crash at any step leaves totals exact, and the next compaction finishes the job', () => {
    const now = Date.now();
    const months = oldMonths(now, 3);
    let steps = 0;
    const counted = tmpDir();
    seed(counted, months);
    compactLedger(counted, 1, now, silentLogger, { step: () => void steps++ });
    assert.ok(steps >= 3 * 4, `compaction reports its steps (${steps})`);
    for (let crashAt = 1; crashAt <= steps; crashAt++) {
      const dir = tmpDir();
      seed(dir, months);
      let n = 0;
      const crash = () => {
        if (++n === crashAt) throw new Error('killed');
      };
      assert.throws(() => compactLedger(dir, 1, now, silentLogger, { step: crash }), /killed/);
      assertExact(dir, months, `after a crash at step ${crashAt}`);
      compactLedger(dir, 1, now, silentLogger);
      assertExact(dir, months, `after the next compaction (crash at step ${crashAt})`);
      for (const at of months) assert.equal(listMonth(dir, at).length, 1, `crash at ${crashAt}: ${listMonth(dir, at).join(' ')}`);
    }
  });

  it('leaves the work to a live lock holder, and breaks a lock whose owner is gone or which is too old', () => {
    const now = Date.now();
    const months = oldMonths(now, 2);
    const lockOf = (dir: string, pid: number, at: number) =>
      fs.writeFileSync(path.join(dir, 'compact.lock'), JSON.stringify({ pid, at, nonce: 'x' }));
    const live = tmpDir();
    seed(live, months);
    lockOf(live, process.ppid, now);
    assert.equal(compactLedger(live, 1, now, silentLogger).monthsCompacted.length, 0, 'a live holder wins');
    assertExact(live, months, 'nothing lost while locked out');
    const dead = tmpDir();
    seed(dead, months);
    lockOf(dead, 2 ** 22 + 12345, now);
    assert.equal(compactLedger(dead, 1, now, silentLogger).monthsCompacted.length, 2, 'a dead owner’s lock is broken');
    const old = tmpDir();
    seed(old, months);
    lockOf(old, process.ppid, now - 3_600_000);
    assert.equal(compactLedger(old, 1, now, silentLogger).monthsCompacted.length, 2, 'a lock past its age bound is broken');
    assert.ok(!fs.existsSync(path.join(old, 'compact.lock')), 'released');
    assertExact(old, months, 'after breaking an old lock');
  });

  describe('several processes at once', () => {
    let worker = '';
    before(function () {
      this.timeout(30_000);
      // Bundled once so each child starts in milliseconds instead of compiling TypeScript.
      worker = path.join(tmpDir(), 'compact-worker.js');
      buildSync({
        entryPoints: [path.join(__dirname, 'fixtures', 'compact-worker.ts')],
        outfile: worker,
        bundle: true,
        platform: 'node',
        format: 'cjs',
        logLevel: 'error',
      });
    });

    /** A worker process; `done` resolves with false when it died before finishing its job. */
    class Worker {
      readonly child: ChildProcess;
      readonly ready: Promise<void>;
      alive = true;
      private onDone: (finished: boolean) => void = () => undefined;

      constructor() {
        this.child = fork(worker, [], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
        this.ready = new Promise((resolve) => this.child.once('message', () => resolve()));
        this.child.on('exit', () => {
          this.alive = false;
          this.onDone(false);
        });
      }

      run(dir: string, crashAt: number): Promise<boolean> {
        const done = new Promise<boolean>((resolve) => {
          this.onDone = resolve;
          this.child.once('message', () => resolve(true));
        });
        this.child.send({ dir, retention: 1, crashAt });
        return done;
      }
    }

    it('4 processes compacting 12 months together, some killed at random points, keep every total exact', async function () {
      this.timeout(60_000);
      const now = Date.now();
      const months = oldMonths(now, 12);
      let pool: Worker[] = [];
      try {
        for (let trial = 0; trial < 3; trial++) {
          pool = pool.filter((w) => w.alive);
          while (pool.length < 4) pool.push(new Worker());
          const dir = tmpDir();
          seed(dir, months);
          await Promise.all(pool.map((w) => w.ready));
          // Worker 0 dies at a random step of its compaction, worker 1 at a random time.
          const runs = pool.map((w, i) => w.run(dir, i === 0 ? Math.ceil(Math.random() * 12 * 6) : 0));
          setTimeout(() => pool[1].child.kill('SIGKILL'), Math.random() * 30);
          await Promise.all(runs);
          assertExact(dir, months, `trial ${trial}: after the processes ended`);
          compactLedger(dir, 1, now, silentLogger);
          assertExact(dir, months, `trial ${trial}: after a final compaction`);
          for (const at of months) assert.equal(listMonth(dir, at).length, 1, `trial ${trial}: ${listMonth(dir, at).join(' ')}`);
        }
      } finally {
        for (const w of pool) w.child.kill('SIGKILL');
      }
    });
  });
});
