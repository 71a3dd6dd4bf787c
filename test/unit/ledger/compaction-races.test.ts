// A compaction that meets another window's work in the middle of its pass (a lock broken as
// stale lets two run): it never removes a record it did not fold, nor publishes over another pass.
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
const RAW = 'spend-2026-06.w.jsonl';

function juneFolder(): string {
  const dir = tmpDir();
  const l = new SpendLedger({ dir, clock: { now: () => NOW }, writerId: 'w' });
  l.append(entry('j1', { ts: JUNE, costUsd: 1 }));
  l.close();
  return dir;
}

function juneSpend(dir: string): { usd: number; attempts: number } {
  const l = new SpendLedger({ dir, clock: { now: () => NOW } });
  l.load();
  const { usd, attempts } = l.spent('month', { at: JUNE });
  return { usd, attempts };
}

describe('Ledger compaction meeting other writers', () => {
  it('a raw file that grew after it was read is kept, and its new record is counted and folded next time', () => {
    const dir = juneFolder();
    const line = `${JSON.stringify({ v: 1, ts: JUNE + 1, ...entry('j2', { costUsd: 2 }) })}\n`;
    const r = compactLedger(dir, 3, NOW, memLogger(), {
      step: (name) => {
        if (name === 'read') fs.appendFileSync(path.join(dir, RAW), line);
      },
    });
    assert.deepEqual(r, { monthsCompacted: ['2026-06'], filesRemoved: 0 });
    assert.ok(fs.existsSync(path.join(dir, RAW)));
    assert.deepEqual(juneSpend(dir), { usd: 3, attempts: 2 });
    assert.deepEqual(compactLedger(dir, 3, NOW, memLogger()), { monthsCompacted: ['2026-06'], filesRemoved: 1 });
    assert.deepEqual(juneSpend(dir), { usd: 3, attempts: 2 });
  });

  it('a pass that finds its summary already published by another backs off: nothing removed, no temp left', () => {
    const dir = juneFolder();
    const r = compactLedger(dir, 3, NOW, memLogger(), {
      step: (name) => {
        if (name !== 'temp-written') return;
        // The other pass published the same summary first.
        const tmp = fs.readdirSync(dir).find((n) => n.endsWith('.tmp'))!;
        fs.copyFileSync(path.join(dir, tmp), path.join(dir, 'summary-2026-06.g1.json'));
      },
    });
    assert.deepEqual(r, { monthsCompacted: [], filesRemoved: 0 });
    assert.deepEqual(
      fs.readdirSync(dir).filter((n) => n.includes('2026-06') || n.endsWith('.tmp')),
      [RAW, 'summary-2026-06.g1.json'],
    );
    assert.deepEqual(juneSpend(dir), { usd: 1, attempts: 1 });
  });

  it('a raw file left by a pass cut short, then found shorter than its summary holds, counts only through the summary', () => {
    const dir = juneFolder();
    assert.throws(() =>
      compactLedger(dir, 3, NOW, memLogger(), {
        step: (name) => {
          if (name === 'published') throw new Error('killed');
        },
      }),
    );
    const raw = path.join(dir, RAW);
    fs.truncateSync(raw, fs.statSync(raw).size - 10);
    const log = memLogger();
    const l = new SpendLedger({ dir, clock: { now: () => NOW }, logger: log });
    l.load();
    assert.deepEqual(
      { usd: l.spent('month', { at: JUNE }).usd, attempts: l.spent('month', { at: JUNE }).attempts },
      { usd: 1, attempts: 1 },
    );
    assert.deepEqual(log.lines, []);
  });
});
