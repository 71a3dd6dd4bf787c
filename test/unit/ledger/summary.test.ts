// A summary written by an older version (unnumbered name, no sources, no origins, no request
// counts) still counts after an upgrade, in totals, breakdowns, the CSV and the next compaction.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SpendLedger } from '../../../src/core/ledger';
import { effectiveSummaries } from '../../../src/core/ledger/summary';
import { entry } from './fixtures/entry';
import { memLogger, tmpDir } from './fixtures/ledger';

const at = (y: number, m: number, d: number, h = 12) => new Date(y, m - 1, d, h).getTime();
const NOW = at(2026, 11, 25);
const JUNE = at(2026, 6, 3);

const TOTALS = {
  usd: 1.5,
  estimatedUsd: 0,
  unpricedAttempts: 0,
  attempts: 2,
  failedAttempts: 1,
  inputTokens: 100,
  outputTokens: 50,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  cacheSavedUsd: 0,
};

/** A folder holding only June's summary in the first format. */
function oldSummaryFolder(): string {
  const dir = tmpDir();
  const row = { day: '2026-06-03', ts: JUNE, model: 'm-old', provider: 'p-old', workspace: 'ws-1', totals: TOTALS };
  fs.writeFileSync(path.join(dir, 'summary-2026-06.json'), JSON.stringify({ v: 1, month: '2026-06', rows: [row] }));
  return dir;
}

const ledger = (dir: string) => {
  const l = new SpendLedger({ dir, clock: { now: () => NOW }, writerId: 'w' });
  l.load();
  return l;
};

describe('Ledger summaries of an older format', () => {
  it('count in totals, by origin as none, with each attempt as a request, and in the CSV', () => {
    const l = ledger(oldSummaryFolder());
    const june = l.summary('month', JUNE);
    assert.equal(june.totals.usd, 1.5);
    assert.equal(june.totals.requests, 2);
    assert.deepEqual(
      june.by.origin.map(([o, t]) => [o, t.attempts]),
      [['', 2]],
    );
    assert.deepEqual(
      june.by.model.map(([m]) => m),
      ['m-old'],
    );
    const [, row] = l.exportCsv().trim().split('\n');
    assert.ok(row.startsWith('2026-06-03,ws-1,,m-old,p-old,,compacted,'), row);
  });

  it('a late record into its month is folded with it into a numbered summary, and the old one removed', () => {
    const dir = oldSummaryFolder();
    const l = ledger(dir);
    l.append(entry('late', { ts: at(2026, 6, 20), costUsd: 2 }));
    assert.equal(l.spent('month', { at: JUNE }).usd, 3.5);
    assert.deepEqual(l.compact(3), { monthsCompacted: ['2026-06'], filesRemoved: 1 });
    assert.deepEqual(
      fs.readdirSync(dir).filter((n) => n.includes('2026-06')),
      ['summary-2026-06.g1.json'],
    );
    fs.rmSync(path.join(dir, 'checkpoint.json'));
    const again = ledger(dir);
    assert.equal(again.spent('month', { at: JUNE }).usd, 3.5);
    assert.equal(again.spent('month', { at: JUNE }).attempts, 3);
  });
});

describe('Ledger summaries found on disk', () => {
  it('a summary that is not valid is reported with what is wrong, and its month counts nothing', () => {
    const dir = oldSummaryFolder();
    const file = path.join(dir, 'summary-2026-06.json');
    const summary = JSON.parse(fs.readFileSync(file, 'utf8')) as { rows: { totals: Record<string, unknown> }[] };
    summary.rows[0].totals.usd = '1.5';
    fs.writeFileSync(file, JSON.stringify(summary));
    const log = memLogger();
    const l = new SpendLedger({ dir, clock: { now: () => NOW }, logger: log });
    l.load();
    assert.equal(l.spent('month', { at: JUNE }).attempts, 0);
    const errors = log.lines.filter((x) => x.startsWith('error '));
    assert.equal(errors.length, 1, log.lines.join('\n'));
    assert.match(errors[0], /summary-2026-06\.json is not valid \(.*expected number.*\)/);
  });

  it('the summary that counts is each month’s newest generation, in month order, whatever order they come in', () => {
    const s = (month: string, gen: number) => ({ name: `${month}.g${gen}`, month, gen });
    const listed = [s('2026-03', 1), s('2026-01', 0), s('2026-02', 2), s('2026-01', 3), s('2026-02', 1), s('2025-12', 4)];
    assert.deepEqual(
      effectiveSummaries(listed).map((x) => x.name),
      ['2025-12.g4', '2026-01.g3', '2026-02.g2', '2026-03.g1'],
    );
  });
});
