// What lands on disk: one JSON line per record, in the file of the record's month, and token
// counts and unpriced spend summed the same live and after compaction.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SpendLedger } from '../../../src/core/ledger';
import { entry } from './fixtures/entry';
import { memLogger, tmpDir } from './fixtures/ledger';

const at = (y: number, m: number, d: number, h = 12) => new Date(y, m - 1, d, h).getTime();
const NOW = at(2026, 11, 25);

const rawLines = (dir: string) =>
  fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.jsonl'))
    .flatMap((n) => fs.readFileSync(path.join(dir, n), 'utf8').split('\n'));

describe('SpendLedger on disk', () => {
  it('writes one line per record, also when a window with the same id appends to its file again', () => {
    const dir = tmpDir();
    for (const id of ['a', 'b']) {
      const l = new SpendLedger({ dir, writerId: 'same', clock: { now: () => NOW } });
      l.append(entry(`${id}1`));
      l.append(entry(`${id}2`));
      l.close();
    }
    const lines = rawLines(dir);
    assert.deepEqual(
      lines.map((x) => (x ? (JSON.parse(x) as { id: string }).id : '')),
      ['a1', 'a2', 'b1', 'b2', ''],
    );
  });

  it('gives a record without id or time the window’s id with a running number and the clock’s time', () => {
    const dir = tmpDir();
    const l = new SpendLedger({ dir, writerId: 'w7', clock: { now: () => NOW } });
    l.load();
    const a = l.append({ ...entry('x'), id: undefined });
    const b = l.append({ ...entry('x'), id: undefined, ts: undefined });
    assert.deepEqual([a.id, b.id, a.ts, b.ts], ['w7-1', 'w7-2', NOW, NOW]);
    l.close();
    const again = new SpendLedger({ dir, clock: { now: () => NOW } });
    again.load();
    assert.deepEqual(
      again.recent().map((r) => r.id),
      ['w7-1', 'w7-2'],
    );
    assert.equal(again.skipped.corrupt, 0);
  });

  it('puts each record in the file of its own month, whichever month the window is in', () => {
    const dir = tmpDir();
    let now = at(2026, 11, 30, 23);
    const l = new SpendLedger({ dir, writerId: 'w', clock: { now: () => now } });
    l.load();
    l.append(entry('nov', { costUsd: 1 }));
    now = at(2026, 12, 1, 1);
    l.append(entry('dec', { costUsd: 2 }));
    l.append(entry('nov-late', { ts: at(2026, 11, 30, 22), costUsd: 4 }));
    assert.deepEqual(
      fs
        .readdirSync(dir)
        .filter((n) => n.endsWith('.jsonl'))
        .sort(),
      ['spend-2026-11.w.jsonl', 'spend-2026-12.w.jsonl'],
    );
    const ids = (name: string) =>
      fs
        .readFileSync(path.join(dir, name), 'utf8')
        .trim()
        .split('\n')
        .map((x) => (JSON.parse(x) as { id: string }).id);
    assert.deepEqual(ids('spend-2026-12.w.jsonl'), ['dec']);
    assert.deepEqual(ids('spend-2026-11.w.jsonl').sort(), ['nov', 'nov-late']);
    now = at(2027, 1, 10);
    assert.deepEqual(l.compact(1).monthsCompacted, ['2026-11', '2026-12']);
    assert.equal(l.spent('month', { at: at(2026, 11, 1) }).usd, 5);
    assert.equal(l.spent('month', { at: at(2026, 12, 1) }).usd, 2);
  });

  it('sums cache-write and reasoning tokens, and leaves an unpriced record’s stray cost out, live and compacted', () => {
    const dir = tmpDir();
    const june = at(2026, 6, 3);
    const l = new SpendLedger({ dir, clock: { now: () => NOW } });
    l.load();
    for (const ts of [june, NOW]) {
      l.append(entry(`x${ts}`, { ts, cacheWriteTokens: 100, reasoningTokens: 30, costUsd: 1 }));
      l.append(entry(`y${ts}`, { ts, cacheWriteTokens: 50, reasoningTokens: 20, costUsd: 2 }));
      // A cost on an unpriced record is not a known cost: it must not reach the totals.
      l.append(entry(`u${ts}`, { ts, cacheWriteTokens: 0, reasoningTokens: 0, costUsd: 7, costStatus: 'unpriced' }));
    }
    l.compact(3);
    for (const ts of [june, NOW]) {
      const t = l.spent('month', { at: ts });
      assert.equal(t.cacheWriteTokens, 150);
      assert.equal(t.reasoningTokens, 50);
      assert.equal(t.usd, 3);
      assert.equal(t.unpricedAttempts, 1);
      assert.equal(t.attempts, 3);
    }
  });

  it('compacting a month whose file ends in a torn line keeps every whole record, reports the drop, and removes the file', () => {
    const dir = tmpDir();
    const june = at(2026, 6, 3);
    const line = (id: string) => `${JSON.stringify({ v: 1, ts: june, ...entry(id, { costUsd: 1 }) })}\n`;
    fs.writeFileSync(path.join(dir, 'spend-2026-06.gone.jsonl'), line('a') + line('b') + line('c').slice(0, 50));
    const log = memLogger();
    const l = new SpendLedger({ dir, clock: { now: () => NOW }, logger: log });
    l.load();
    assert.deepEqual(l.compact(3), { monthsCompacted: ['2026-06'], filesRemoved: 1 });
    assert.ok(log.lines.includes('warn Spend ledger: dropped an incomplete last line of spend-2026-06.gone.jsonl while compacting.'));
    assert.equal(l.spent('month', { at: june }).usd, 2);
    assert.deepEqual(
      fs.readdirSync(dir).filter((n) => n.includes('2026-06')),
      ['summary-2026-06.g1.json'],
    );
    assert.ok(!log.lines.some((x) => x.includes('dropped') && x.includes('2026-11')));
  });
});

describe('SpendLedger checkpoint at close', () => {
  const cpOf = (dir: string) => fs.readFileSync(path.join(dir, 'checkpoint.json'), 'utf8');

  it('a window that read the ledger leaves a checkpoint at close after 500 new records, not after 499', () => {
    const dir = tmpDir();
    const first = new SpendLedger({ dir, writerId: 'a', clock: { now: () => NOW } });
    first.load();
    const written = cpOf(dir);
    for (let i = 0; i < 499; i++) first.append(entry(`a${i}`));
    first.close();
    assert.equal(cpOf(dir), written, '499 records are cheaper to read again than a checkpoint is to write');
    const second = new SpendLedger({ dir, writerId: 'b', clock: { now: () => NOW } });
    second.load();
    for (let i = 0; i < 500; i++) second.append(entry(`b${i}`));
    const before = cpOf(dir);
    second.close();
    assert.notEqual(cpOf(dir), before);
    // A writer that never read the folder cannot describe it, however much it wrote.
    const blind = new SpendLedger({ dir, writerId: 'c', clock: { now: () => NOW } });
    for (let i = 0; i < 500; i++) blind.append(entry(`c${i}`));
    const last = cpOf(dir);
    blind.close();
    assert.equal(cpOf(dir), last);
    const check = new SpendLedger({ dir, clock: { now: () => NOW } });
    check.load();
    assert.equal(check.spent('day').attempts, 1499);
  });

  it('a summary that cannot be read is reported and its month left out, the rest counted', () => {
    const dir = tmpDir();
    const l = new SpendLedger({ dir, clock: { now: () => NOW } });
    l.load();
    l.append(entry('june', { ts: at(2026, 6, 3), costUsd: 1 }));
    l.append(entry('now', { costUsd: 2 }));
    l.close();
    fs.mkdirSync(path.join(dir, 'summary-2026-07.g1.json'));
    const log = memLogger();
    const fresh = new SpendLedger({ dir, clock: { now: () => NOW }, logger: log });
    fresh.load();
    assert.equal(fresh.spent('month').usd, 2);
    assert.equal(fresh.spent('month', { at: at(2026, 6, 3) }).usd, 1);
    assert.ok(log.lines.some((x) => x.startsWith('error Spend ledger: could not read summary') && x.includes('summary-2026-07.g1.json')));
  });
});
