// The ledger lives as long as the editor: every file it opens to append, read, lock or compact
// must be closed again, or a long session runs out of descriptors.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { SpendLedger } from '../../../src/core/ledger';
import { entry } from './fixtures/entry';
import { tmpDir } from './fixtures/ledger';

const at = (y: number, m: number, d: number, h = 12) => new Date(y, m - 1, d, h).getTime();
const NOW = at(2026, 11, 25);
/** Open descriptors of this process, where the system lists them. */
const openFiles = () => fs.readdirSync('/proc/self/fd').length;

describe('SpendLedger open files', () => {
  before(function () {
    if (!fs.existsSync('/proc/self/fd')) this.skip();
  });

  it('loading, appending, refreshing, compacting, exporting and closing leave no file open', () => {
    const dir = tmpDir();
    const before = openFiles();
    const l = new SpendLedger({ dir, clock: { now: () => NOW }, writerId: 'w' });
    l.load();
    l.append(entry('june', { ts: at(2026, 6, 10), costUsd: 1 }));
    l.append(entry('now', { costUsd: 2 }));
    const other = new SpendLedger({ dir, clock: { now: () => NOW }, writerId: 'o' });
    other.append(entry('o', { costUsd: 4 }));
    other.close();
    l.refresh();
    assert.deepEqual(l.compact(3).monthsCompacted, ['2026-06']);
    l.exportCsv();
    l.close();
    const again = new SpendLedger({ dir, clock: { now: () => NOW } });
    again.load();
    again.close();
    assert.equal(openFiles(), before);
    assert.equal(again.spent('month').usd, 6);
  });
});
