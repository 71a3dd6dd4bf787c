// Lines the ledger cannot use are counted and reported once, and a line still being written by
// another window is neither counted early nor lost once it is complete.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { monthKey, SpendLedger } from '../../../src/core/ledger';
import type { Logger } from '../../../src/core/platform';
import { entry } from './fixtures/entry';
import { memLogger, tmpDir } from './fixtures/ledger';

const line = (id: string, usd: number) => `${JSON.stringify({ v: 1, ts: Date.now(), ...entry(id, { costUsd: usd }) })}\n`;

function reader(dir: string, logger: Logger = memLogger()): SpendLedger {
  const l = new SpendLedger({ dir, logger, writerId: 'reader' });
  l.load();
  return l;
}

describe('SpendLedger skipped lines', () => {
  it('a torn last line is skipped and reported at load, then counted once its writer finishes it', () => {
    const dir = tmpDir();
    const file = path.join(dir, 'spend-2026-11.other.jsonl');
    const whole = line('b', 2);
    fs.writeFileSync(file, line('a', 1) + whole.slice(0, 30));
    const log = memLogger();
    const l = reader(dir, log);
    assert.equal(l.spent('day').usd, 1);
    assert.deepEqual(l.skipped, { torn: 1, corrupt: 0, clamped: 0 });
    assert.equal(
      log.lines.filter((x) => x.startsWith('warn ') && x.includes('incomplete last line in spend-2026-11.other.jsonl')).length,
      1,
    );
    // The rest of the line arrives: the record counts, and nothing is called corrupt.
    fs.appendFileSync(file, whole.slice(30));
    assert.equal(l.refresh(), true);
    assert.equal(l.spent('day').usd, 3);
    assert.equal(l.skipped.corrupt, 0);
  });

  it('a line another window is writing right now is not reported as torn on refresh', () => {
    const dir = tmpDir();
    const file = path.join(dir, 'spend-2026-11.other.jsonl');
    fs.writeFileSync(file, line('a', 1));
    const log = memLogger();
    const l = reader(dir, log);
    const whole = line('b', 2);
    fs.appendFileSync(file, whole.slice(0, 25));
    assert.equal(l.refresh(), false);
    assert.equal(l.skipped.torn, 0);
    assert.ok(!log.lines.some((x) => x.includes('incomplete')), log.lines.join('\n'));
    fs.appendFileSync(file, whole.slice(25));
    assert.equal(l.refresh(), true);
    assert.equal(l.spent('day').attempts, 2);
  });

  it('a torn line is counted once across restarts that start from the checkpoint', () => {
    const dir = tmpDir();
    const file = path.join(dir, 'spend-2026-11.other.jsonl');
    fs.writeFileSync(file, line('a', 1) + line('b', 1).slice(0, 40));
    const first = reader(dir);
    assert.equal(first.skipped.torn, 1);
    first.close();
    assert.ok(fs.existsSync(path.join(dir, 'checkpoint.json')));
    const log = memLogger();
    const second = reader(dir, log);
    assert.deepEqual(second.skipped, { torn: 1, corrupt: 0, clamped: 0 });
    assert.ok(!log.lines.some((x) => x.includes('incomplete')), 'not reported again');
    assert.equal(second.spent('day').usd, 1);
  });

  it('corrupt lines are counted through a restart, and their report quotes at most 80 characters', () => {
    const dir = tmpDir();
    const file = path.join(dir, 'spend-2026-11.other.jsonl');
    const junk = `${'x'.repeat(80)}SECRET-TAIL`;
    fs.writeFileSync(file, `${line('a', 1)}${junk}\n{"v":1}\n${line('b', 1)}`);
    const log = memLogger();
    const l = reader(dir, log);
    assert.deepEqual(l.skipped, { torn: 0, corrupt: 2, clamped: 0 });
    assert.equal(l.spent('day').attempts, 2);
    const warning = log.lines.find((x) => x.includes('x'.repeat(80)));
    assert.equal(warning, `warn Spend ledger: skipped a corrupt or foreign line in spend-2026-11.other.jsonl: ${'x'.repeat(80)}`);
    l.close();
    assert.deepEqual(reader(dir).skipped, { torn: 0, corrupt: 2, clamped: 0 });
  });

  it('a clamped record is counted with its spend, reported with its id and field, and kept clamped after a restart', () => {
    const dir = tmpDir();
    const file = path.join(dir, 'spend-2026-11.other.jsonl');
    fs.writeFileSync(file, `${JSON.stringify({ v: 1, ts: Date.now(), ...entry('neg', { costUsd: 2 }), durationMs: -50 })}\n`);
    const log = memLogger();
    const l = reader(dir, log);
    assert.deepEqual(l.skipped, { torn: 0, corrupt: 0, clamped: 1 });
    assert.equal(l.spent('day').usd, 2);
    assert.ok(
      log.lines.includes('warn Spend ledger: record neg read with durationMs out of range; clamped, its spend kept.'),
      log.lines.join('\n'),
    );
    assert.equal(l.recent()[0].durationMs, 0);
    l.close();
    assert.equal(reader(dir).skipped.clamped, 1);
  });

  it('an append with out-of-range numbers is recorded clamped and reported', () => {
    const log = memLogger();
    const l = reader(tmpDir(), log);
    const r = l.append(entry('big', { durationMs: 3 * 86_400_000, ttftMs: -1, costUsd: 1 }));
    assert.equal(r.durationMs, 86_400_000);
    assert.equal(r.ttftMs, 0);
    assert.ok(log.lines.includes('warn Spend ledger: record big recorded with durationMs, ttftMs out of range; clamped, its spend kept.'));
    assert.equal(l.spent('day').usd, 1);
    assert.equal(l.skipped.clamped, 0, 'only lines read are counted as skipped-and-clamped');
  });

  it('a window that appends after its own torn line counts the record once, warns of nothing else, and has no news after', () => {
    const dir = tmpDir();
    const file = path.join(dir, `spend-${monthKey(Date.now())}.reader.jsonl`);
    fs.writeFileSync(file, line('a', 1) + line('b', 2).slice(0, 30));
    const log = memLogger();
    const l = reader(dir, log);
    const other = new SpendLedger({ dir, writerId: 'other' });
    other.append(entry('o', { costUsd: 8 }));
    l.append(entry('c', { costUsd: 4 }));
    // The torn half became a corrupt line of its own; the other window's line was read on the way.
    assert.deepEqual({ ...l.skipped }, { torn: 1, corrupt: 1, clamped: 0 });
    assert.equal(l.spent('day').usd, 13);
    assert.equal(l.refresh(), false);
    assert.equal(
      log.lines.filter((x) => !x.includes('incomplete last line') && !x.includes('corrupt or foreign')).length,
      0,
      log.lines.join('\n'),
    );
    assert.equal(reader(dir).spent('day').usd, 13);
  });
});

describe('SpendLedger folder contents', () => {
  it('blank lines are neither records nor corrupt, in totals, compaction and CSV', () => {
    const dir = tmpDir();
    const now = new Date(2026, 10, 25, 12).getTime();
    const june = new Date(2026, 5, 3).getTime();
    const dated = (id: string, ts: number) => `${JSON.stringify({ v: 1, ts, ...entry(id, { costUsd: 1 }) })}\n`;
    fs.writeFileSync(path.join(dir, 'spend-2026-06.other.jsonl'), `\n${dated('a', june)}\n\n${dated('b', june)}\n`);
    const l = new SpendLedger({ dir, clock: { now: () => now } });
    l.load();
    assert.deepEqual(l.skipped, { torn: 0, corrupt: 0, clamped: 0 });
    assert.equal(l.spent('month', { at: june }).attempts, 2);
    assert.equal(l.exportCsv().trim().split('\n').length, 3);
    assert.deepEqual(l.compact(1).monthsCompacted, ['2026-06']);
    assert.equal(l.spent('month', { at: june }).attempts, 2);
    // One compacted row for the day, holding both attempts.
    const rows = l.exportCsv().trim().split('\n');
    assert.equal(rows.length, 2);
    assert.equal(rows[1].split(',')[19], '2');
  });

  it('files that are not ledger files are left out: backups, notes, names without a writer', () => {
    const dir = tmpDir();
    const l = reader(dir);
    l.append(entry('real', { costUsd: 1 }));
    const [own] = fs.readdirSync(dir).filter((n) => n.endsWith('.jsonl'));
    const copy = fs.readFileSync(path.join(dir, own));
    for (const name of [`${own}.bak`, 'spend-2026-11.jsonl', 'old-spend-2026-11.w.jsonl', 'spend-26-11.w.jsonl'])
      fs.writeFileSync(path.join(dir, name), copy);
    fs.writeFileSync(path.join(dir, 'summary-2026-05.json.bak'), '{}');
    l.close();
    const fresh = reader(dir);
    assert.equal(fresh.spent('day').attempts, 1);
  });
});
