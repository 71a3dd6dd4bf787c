// Files that are only caches (the checkpoint, month digests) may fail to be written: the ledger
// then warns, keeps exact totals, and the next start reads the records instead.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SpendLedger } from '../../../src/core/ledger';
import { entry } from './fixtures/entry';
import { memLogger, tmpDir } from './fixtures/ledger';

const at = (y: number, m: number, d: number, h = 12) => new Date(y, m - 1, d, h).getTime();
const NOW = at(2026, 11, 25);

/** Puts a non-empty folder where a file is to be renamed into place, so the rename fails. */
function block(dir: string, name: string): void {
  fs.mkdirSync(path.join(dir, name, 'in-the-way'), { recursive: true });
}

function seeded(): string {
  const dir = tmpDir();
  const w = new SpendLedger({ dir, clock: { now: () => NOW }, writerId: 'w' });
  w.append(entry('june', { ts: at(2026, 6, 10), costUsd: 1 }));
  w.append(entry('now', { costUsd: 2 }));
  w.close();
  return dir;
}

describe('SpendLedger caches that cannot be written', () => {
  it('a checkpoint that cannot be written is reported, and the totals stay exact', () => {
    const dir = seeded();
    block(dir, 'checkpoint.json');
    const log = memLogger();
    const l = new SpendLedger({ dir, clock: { now: () => NOW }, logger: log });
    l.load();
    assert.ok(
      log.lines.some(
        (x) => x.startsWith('warn Spend ledger: could not write its checkpoint (') && x.endsWith('); the next start reads every file.'),
      ),
      log.lines.join('\n'),
    );
    assert.equal(l.spent('month').usd, 2);
    assert.equal(l.spent('month', { at: at(2026, 6, 1) }).usd, 1);
  });

  it('a month digest that cannot be written is reported, and the month is counted from its records', () => {
    const dir = seeded();
    block(dir, 'digest-2026-06.json');
    const log = memLogger();
    const l = new SpendLedger({ dir, clock: { now: () => NOW }, logger: log });
    l.load();
    assert.ok(
      log.lines.some((x) => x.startsWith('warn Spend ledger: could not write the digest of 2026-06 (')),
      log.lines.join('\n'),
    );
    assert.equal(l.spent('month', { at: at(2026, 6, 1) }).usd, 1);
    assert.equal(l.spent('month').usd, 2);
  });

  it('a compaction names the summary it wrote and how many rows it holds', () => {
    const dir = seeded();
    const log = memLogger();
    const l = new SpendLedger({ dir, clock: { now: () => NOW }, logger: log });
    l.load();
    assert.deepEqual(l.compact(3).monthsCompacted, ['2026-06']);
    assert.ok(log.lines.includes('info Spend ledger: compacted 2026-06 into summary-2026-06.g1.json (1 rows).'), log.lines.join('\n'));
  });
});
