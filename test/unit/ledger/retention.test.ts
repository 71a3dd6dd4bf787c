// Retention: which months a compaction folds, and what happens to spend recorded late into a month
// that is already folded. A slip here either loses a month's figures or counts them twice.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SpendLedger } from '../../../src/core/ledger';
import { compactLedger } from '../../../src/core/ledger/compaction';
import { silentLogger } from '../../../src/core/platform';
import { entry } from './fixtures/entry';
import { memLogger, tmpDir } from './fixtures/ledger';

const at = (y: number, m: number, d: number, h = 12) => new Date(y, m - 1, d, h).getTime();

/** A ledger at `now` holding one $1 record in the middle of each given month of 2026. */
function ledgerWith(now: number, months: number[], dir = tmpDir()): SpendLedger {
  const l = new SpendLedger({ dir, clock: { now: () => now }, writerId: 'w' });
  l.load();
  for (const m of months) l.append(entry(`m${m}`, { ts: at(2026, m, 15), costUsd: 1 }));
  return l;
}

describe('Ledger retention', () => {
  const now = at(2026, 11, 25);
  const months = [5, 6, 7, 8, 9, 10, 11];

  for (const [retention, folded] of [
    [1, ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10']],
    [3, ['2026-05', '2026-06', '2026-07', '2026-08']],
    [2.9, ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09']],
    [6, ['2026-05']],
    [7, []],
    [0, ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10']],
    [-4, ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10']],
  ] as const) {
    it(`keeps the current month and the ${retention} month(s) of retention raw (at least the current one)`, () => {
      const l = ledgerWith(now, months);
      const r = l.compact(retention);
      assert.deepEqual(r.monthsCompacted, folded);
      assert.equal(r.filesRemoved, folded.length);
      for (const m of months) assert.equal(l.spent('month', { at: at(2026, m, 1) }).usd, 1, `month ${m}`);
    });
  }

  it('folds a month only once it ended more than a day ago', () => {
    const dir = tmpDir();
    ledgerWith(at(2026, 2, 20), [2], dir).close();
    const justBefore = at(2026, 3, 2, 0) - 1;
    const early = new SpendLedger({ dir, clock: { now: () => justBefore } });
    early.load();
    assert.deepEqual(early.compact(1).monthsCompacted, []);
    const sealed = new SpendLedger({ dir, clock: { now: () => at(2026, 3, 2, 0) } });
    sealed.load();
    assert.deepEqual(sealed.compact(1).monthsCompacted, ['2026-02']);
    assert.equal(sealed.spent('month', { at: at(2026, 2, 1) }).usd, 1);
  });

  it('spend recorded late into a folded month is counted, and folded in by the next compaction', () => {
    const dir = tmpDir();
    const l = ledgerWith(now, [6], dir);
    assert.deepEqual(l.compact(3).monthsCompacted, ['2026-06']);
    // A request that started in June finishes now (or a clock was wrong): its record is dated June.
    l.append(entry('late-1', { ts: at(2026, 6, 20), costUsd: 2 }));
    assert.equal(l.spent('month', { at: at(2026, 6, 1) }).usd, 3);
    assert.deepEqual(l.compact(3).monthsCompacted, ['2026-06']);
    // A second late record goes to a new file: the old name is inside the summary, and reusing it
    // would hide the new line behind the bytes the summary says it holds.
    l.append(entry('late-2', { ts: at(2026, 6, 21), costUsd: 4 }));
    assert.equal(l.spent('month', { at: at(2026, 6, 1) }).usd, 7);
    l.close();
    const fresh = new SpendLedger({ dir, clock: { now: () => now } });
    fresh.load();
    assert.equal(fresh.spent('month', { at: at(2026, 6, 1) }).usd, 7);
    assert.equal(fresh.spent('month', { at: at(2026, 6, 1) }).attempts, 3);
    assert.deepEqual(fresh.compact(3).monthsCompacted, ['2026-06']);
    assert.equal(fresh.spent('month', { at: at(2026, 6, 1) }).usd, 7);
    assert.deepEqual(
      fs.readdirSync(dir).filter((n) => n.includes('2026-06')),
      ['summary-2026-06.g3.json'],
    );
  });

  it('a compaction with nothing new keeps the summary it has and removes nothing', () => {
    const dir = tmpDir();
    const l = ledgerWith(now, [6], dir);
    l.compact(3);
    const before = fs.readdirSync(dir).sort();
    assert.deepEqual(l.compact(3), { monthsCompacted: [], filesRemoved: 0 });
    assert.deepEqual(fs.readdirSync(dir).sort(), before);
  });

  it('a corrupt summary is reported and leaves only its own month out', () => {
    const dir = tmpDir();
    ledgerWith(now, [6, 7, 11], dir).compact(3);
    const june = fs.readdirSync(dir).find((n) => n.startsWith('summary-2026-06'))!;
    fs.writeFileSync(path.join(dir, june), '{"v":1,"month":"2026-06","rows":[{"day":1}]}');
    fs.rmSync(path.join(dir, 'checkpoint.json'), { force: true });
    const log = memLogger();
    const l = new SpendLedger({ dir, clock: { now: () => now }, logger: log });
    l.load();
    assert.equal(l.spent('month', { at: at(2026, 6, 1) }).usd, 0);
    assert.equal(l.spent('month', { at: at(2026, 7, 1) }).usd, 1);
    assert.equal(l.spent('month').usd, 1);
    assert.ok(
      log.lines.some((x) => x.startsWith('error ') && x.includes(june) && x.includes('its month is missing from totals')),
      log.lines.join('\n'),
    );
  });

  it('a summary written before requests were counted counts each attempt as a request', () => {
    const dir = tmpDir();
    ledgerWith(now, [6], dir).compact(3);
    const name = fs.readdirSync(dir).find((n) => n.startsWith('summary-2026-06'))!;
    const file = path.join(dir, name);
    const s = JSON.parse(fs.readFileSync(file, 'utf8')) as { rows: { totals: Record<string, number> }[] };
    for (const r of s.rows) {
      r.totals.attempts = 3;
      delete r.totals.requests;
    }
    fs.writeFileSync(file, JSON.stringify(s));
    fs.rmSync(path.join(dir, 'checkpoint.json'), { force: true });
    const l = new SpendLedger({ dir, clock: { now: () => now } });
    l.load();
    assert.equal(l.spent('month', { at: at(2026, 6, 1) }).requests, 3);
  });

  it('an older generation left by a cut-short compaction is ignored in totals and CSV', () => {
    const dir = tmpDir();
    const l = ledgerWith(now, [6], dir);
    l.compact(3);
    l.append(entry('late', { ts: at(2026, 6, 20), costUsd: 2 }));
    l.compact(3);
    const [newest] = fs.readdirSync(dir).filter((n) => n.startsWith('summary-2026-06'));
    // Put back a first generation as a crash before its removal would have left it.
    const stale = JSON.parse(fs.readFileSync(path.join(dir, newest), 'utf8')) as { rows: { totals: { usd: number } }[] };
    stale.rows = stale.rows.slice(0, 1);
    stale.rows[0].totals.usd = 100;
    fs.writeFileSync(path.join(dir, 'summary-2026-06.json'), JSON.stringify(stale));
    fs.rmSync(path.join(dir, 'checkpoint.json'), { force: true });
    const fresh = new SpendLedger({ dir, clock: { now: () => now } });
    fresh.load();
    assert.equal(fresh.spent('month', { at: at(2026, 6, 1) }).usd, 3);
    const costs = fresh
      .exportCsv()
      .trim()
      .split('\n')
      .slice(1)
      .map((r) => Number(r.split(',')[14]));
    assert.deepEqual(costs, [1, 2]);
    // The next compaction removes the leftover.
    fresh.compact(3);
    assert.ok(!fs.existsSync(path.join(dir, 'summary-2026-06.json')));
    assert.equal(fresh.spent('month', { at: at(2026, 6, 1) }).usd, 3);
  });

  it('a compaction cut short after publishing its summary: the month counts once in totals and CSV', () => {
    const dir = tmpDir();
    const l = ledgerWith(now, [6, 11], dir);
    l.append(entry('june-2', { ts: at(2026, 6, 16), costUsd: 2 }));
    l.close();
    const stop = (step: string) => {
      if (step === 'published') throw new Error('killed');
    };
    assert.throws(() => compactLedger(dir, 3, now, silentLogger, { step: stop }), /killed/);
    assert.equal(fs.readdirSync(dir).filter((n) => n.startsWith('spend-2026-06')).length, 1, 'the raw file is still there');
    const fresh = new SpendLedger({ dir, clock: { now: () => now } });
    fresh.load();
    assert.equal(fresh.spent('month', { at: at(2026, 6, 1) }).usd, 3);
    const rows = fresh.exportCsv().trim().split('\n').slice(1);
    assert.deepEqual(
      rows.map((r) => [r.split(',')[6], Number(r.split(',')[14])]),
      [
        ['compacted', 1],
        ['compacted', 2],
        ['success', 1],
      ],
    );
  });
});
