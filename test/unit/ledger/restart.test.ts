// A start after another reads only what its checkpoint does not hold, so a line already reported
// (corrupt, torn) is not reported again, and a checkpoint is trusted only while it describes the files.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SpendLedger } from '../../../src/core/ledger';
import { compactLedger } from '../../../src/core/ledger/compaction';
import { entry } from './fixtures/entry';
import { memLogger, tmpDir } from './fixtures/ledger';

const at = (y: number, m: number, d: number, h = 12) => new Date(y, m - 1, d, h).getTime();
const NOW = at(2026, 11, 25);
const JUNE = at(2026, 6, 10);

const line = (id: string, ts = NOW, usd = 1) => `${JSON.stringify({ v: 1, ts, ...entry(id, { costUsd: usd }) })}\n`;
const raw = (dir: string, month: string, writer: string) => path.join(dir, `spend-${month}.${writer}.jsonl`);
const cpOf = (dir: string) => fs.readFileSync(path.join(dir, 'checkpoint.json'), 'utf8');

/** Loads the folder as a new window would; `log` keeps what it reported. */
function start(dir: string, log = memLogger()): SpendLedger {
  const l = new SpendLedger({ dir, writerId: 'reader', clock: { now: () => NOW }, logger: log });
  l.load();
  return l;
}

/** What a start reports, and its totals of June and of today. */
function restart(dir: string): { reported: string[]; june: number; today: number } {
  const log = memLogger();
  const l = start(dir, log);
  return { reported: log.lines, june: l.spent('month', { at: JUNE }).usd, today: l.spent('day').usd };
}

/** A June record, compacted by a pass killed right after it published its summary: the raw file is left. */
function cutShortCompaction(dir: string): string {
  fs.writeFileSync(raw(dir, '2026-06', 'w'), line('j1', JUNE));
  assert.throws(() =>
    compactLedger(dir, 3, NOW, memLogger(), {
      step: (name) => {
        if (name === 'published') throw new Error('killed');
      },
    }),
  );
  return raw(dir, '2026-06', 'w');
}

describe('SpendLedger restarts', () => {
  it('with two compacted months, a restart starts from the checkpoint and reports no line twice', () => {
    const dir = tmpDir();
    fs.writeFileSync(raw(dir, '2026-06', 'w'), line('j1', JUNE));
    fs.writeFileSync(raw(dir, '2026-07', 'w'), line('july', at(2026, 7, 3)));
    fs.writeFileSync(raw(dir, '2026-11', 'w'), line('n1') + 'not json\n');
    const first = start(dir);
    assert.deepEqual(first.compact(3).monthsCompacted, ['2026-06', '2026-07']);
    first.close();
    assert.deepEqual(restart(dir), { reported: [], june: 1, today: 1 });
  });

  it('a raw file left shorter than its summary holds counts only through the summary, also from the checkpoint', () => {
    const dir = tmpDir();
    const june = cutShortCompaction(dir);
    fs.truncateSync(june, fs.statSync(june).size - 10);
    assert.deepEqual(restart(dir), { reported: [], june: 1, today: 0 });
    const again = start(dir);
    assert.deepEqual({ ...again.skipped }, { torn: 0, corrupt: 0, clamped: 0 });
    assert.deepEqual(restart(dir), { reported: [], june: 1, today: 0 });
  });

  it('a compaction that only removes what a cut-short pass left reloads, so the next start trusts its checkpoint', () => {
    const dir = tmpDir();
    const june = cutShortCompaction(dir);
    fs.writeFileSync(raw(dir, '2026-11', 'w'), line('n1') + 'not json\n');
    const l = start(dir);
    assert.deepEqual(l.compact(3), { monthsCompacted: [], filesRemoved: 1 });
    assert.ok(!fs.existsSync(june));
    l.close();
    assert.deepEqual(restart(dir), { reported: [], june: 1, today: 1 });
  });

  it('a load of 5,000 new lines leaves a checkpoint at once, so a start after the window was killed reads none again', () => {
    const dir = tmpDir();
    start(dir).close();
    const one = line('r', NOW, 0.5);
    const lines = Array.from({ length: 5_000 }, (_, i) => one.replace('"id":"r"', `"id":"r${i}"`));
    fs.writeFileSync(raw(dir, '2026-11', 'w'), `${lines.join('')}not json\n`);
    const log = memLogger();
    assert.equal(start(dir, log).spent('day').attempts, 5_000);
    assert.equal(log.lines.length, 1, 'the corrupt line is reported');
    // No close(): the window was killed.
    assert.deepEqual(restart(dir), { reported: [], june: 0, today: 2_500 });
  });

  it('a torn line stays counted once after a window that started from the checkpoint leaves one at close after exactly 500 records', () => {
    const dir = tmpDir();
    fs.writeFileSync(raw(dir, '2026-11', 'x'), line('x1') + line('x2').slice(0, 40));
    start(dir).close();
    fs.writeFileSync(raw(dir, '2026-11', 'y'), Array.from({ length: 499 }, (_, i) => line(`y${i}`)).join(''));
    const second = start(dir);
    const before = cpOf(dir);
    second.append(entry('s', { costUsd: 0 }));
    second.close();
    assert.notEqual(cpOf(dir), before, '500 records read or written since the last checkpoint are worth a new one');
    const log = memLogger();
    const third = start(dir, log);
    assert.deepEqual({ ...third.skipped }, { torn: 1, corrupt: 0, clamped: 0 });
    assert.deepEqual(log.lines, []);
    assert.equal(third.spent('day').attempts, 501);
  });

  it('a file replaced behind the window is read again from its first byte, not from a checkpoint that checks only its last bytes', () => {
    const dir = tmpDir();
    const file = raw(dir, '2026-11', 'w');
    fs.writeFileSync(file, Array.from({ length: 5 }, (_, i) => line(`w${i}`)).join(''));
    const l = start(dir);
    const checkpointed = fs.statSync(file).size;
    fs.appendFileSync(file, line('w5'));
    assert.equal(l.refresh(), true);
    assert.equal(l.spent('day').usd, 6);
    // Restored from a backup: the sixth record is gone and the first one cost more.
    const text = fs.readFileSync(file, 'utf8').slice(0, checkpointed);
    fs.writeFileSync(file, text.replace('"costUsd":1', '"costUsd":7'));
    assert.equal(l.refresh(), true);
    assert.equal(l.spent('day').usd, 11);
    assert.equal(l.spent('day').attempts, 5);
  });

  it('a damaged summary restored from a backup, as its error advises, is counted at the next start', () => {
    const dir = tmpDir();
    fs.writeFileSync(raw(dir, '2026-06', 'w'), line('j1', JUNE));
    fs.writeFileSync(raw(dir, '2026-11', 'w'), line('n1'));
    start(dir).compact(3);
    const [summary] = fs.readdirSync(dir).filter((n) => n.startsWith('summary-'));
    const backup = fs.readFileSync(path.join(dir, summary));
    fs.writeFileSync(path.join(dir, summary), '{');
    fs.rmSync(path.join(dir, 'checkpoint.json'));
    const damaged = restart(dir);
    assert.deepEqual([damaged.june, damaged.today], [0, 1]);
    assert.match(damaged.reported[0], /is not valid .*Restore it from a backup/);
    // Enough new records that a window would leave a checkpoint at close.
    fs.appendFileSync(raw(dir, '2026-11', 'w'), Array.from({ length: 500 }, (_, i) => line(`r${i}`, NOW, 0)).join(''));
    start(dir).close();
    fs.writeFileSync(path.join(dir, summary), backup);
    assert.deepEqual(restart(dir), { reported: [], june: 1, today: 1 });
  });

  it('a summary of the first format, which names no raw bytes, is no reason to distrust the checkpoint', () => {
    const dir = tmpDir();
    const totals = { usd: 1, estimatedUsd: 0, unpricedAttempts: 0, attempts: 1, failedAttempts: 0, inputTokens: 1, outputTokens: 1 };
    const row = { day: '2026-06-10', ts: JUNE, model: 'm', provider: 'p', workspace: 'ws-1', totals };
    const zeros = { cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, cacheSavedUsd: 0 };
    fs.writeFileSync(
      path.join(dir, 'summary-2026-06.json'),
      JSON.stringify({ v: 1, month: '2026-06', rows: [{ ...row, totals: { ...totals, ...zeros } }] }),
    );
    fs.writeFileSync(raw(dir, '2026-11', 'w'), line('n1') + 'not json\n');
    start(dir).close();
    assert.deepEqual(restart(dir), { reported: [], june: 1, today: 1 });
  });

  it('the summary of a month that held no valid record is no reason to distrust the checkpoint', () => {
    const dir = tmpDir();
    fs.writeFileSync(raw(dir, '2026-06', 'w'), 'not json\n');
    fs.writeFileSync(raw(dir, '2026-11', 'w'), line('n1') + 'not json\n');
    const first = start(dir);
    assert.deepEqual(first.compact(3).monthsCompacted, ['2026-06']);
    first.close();
    assert.deepEqual(restart(dir), { reported: [], june: 0, today: 1 });
  });
});
