// Reading a ledger folder at start and again when it changes behind the window: a load that can
// never settle gives up and says so, and a re-read is announced.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SpendLedger } from '../../../src/core/ledger';
import { entry } from './fixtures/entry';
import { memLogger, tmpDir } from './fixtures/ledger';

const NOW = new Date(2026, 10, 25, 12).getTime();
const KEPT_CHANGING = 'warn Spend ledger: the folder kept changing while it was read; totals may be off until the next change.';
const REREAD = 'warn Spend ledger: a ledger file shrank or was rewritten; totals were read again from disk.';

describe('SpendLedger load', () => {
  it('a summary that is listed but gone whenever it is read: the load gives up after a few tries and warns once', () => {
    const dir = tmpDir();
    const w = new SpendLedger({ dir, clock: { now: () => NOW }, writerId: 'w' });
    w.append(entry('a', { costUsd: 1 }));
    w.close();
    // A name that lists but never reads, as a summary removed by another window's compaction right after listing.
    fs.symlinkSync(path.join(dir, 'nowhere.json'), path.join(dir, 'summary-2026-06.g2.json'));
    const log = memLogger();
    const l = new SpendLedger({ dir, clock: { now: () => NOW }, logger: log });
    l.load();
    assert.deepEqual(
      log.lines.filter((x) => x.startsWith('warn ')),
      [KEPT_CHANGING],
    );
    // Once the folder settles, the next change reads it whole.
    fs.rmSync(path.join(dir, 'summary-2026-06.g2.json'));
    assert.equal(l.refresh(), true);
    assert.equal(l.spent('day').usd, 1);
  });

  it('a file rewritten behind the window is read again, and the window says so', () => {
    const dir = tmpDir();
    const w = new SpendLedger({ dir, clock: { now: () => NOW }, writerId: 'w' });
    w.append(entry('a', { costUsd: 1 }));
    w.append(entry('b', { costUsd: 2 }));
    const log = memLogger();
    const l = new SpendLedger({ dir, clock: { now: () => NOW }, logger: log });
    l.load();
    const file = path.join(
      dir,
      fs.readdirSync(dir).find((n) => n.endsWith('.jsonl'))!,
    );
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').split('\n')[0] + '\n');
    let heard = 0;
    l.onChange(() => heard++);
    assert.equal(l.refresh(), true);
    assert.equal(heard, 1);
    assert.ok(log.lines.includes(REREAD), log.lines.join('\n'));
    assert.equal(l.spent('day').usd, 1);
  });

  it('a folder removed behind the window: refresh keeps what was counted and the export is the header alone', () => {
    const dir = tmpDir();
    const l = new SpendLedger({ dir, clock: { now: () => NOW }, writerId: 'w' });
    l.load();
    l.append(entry('a', { costUsd: 1 }));
    l.close();
    fs.rmSync(dir, { recursive: true });
    assert.equal(l.refresh(), false);
    assert.equal(l.spent('day').usd, 1);
    assert.equal(l.exportCsv().split('\n').length, 2);
    assert.ok(l.exportCsv().startsWith('time,workspace,'));
  });

  it('a folder that settles before the fifth try is loaded whole, without a warning', () => {
    const dir = tmpDir();
    const w = new SpendLedger({ dir, clock: { now: () => NOW }, writerId: 'w' });
    w.append(entry('a', { costUsd: 1 }));
    w.close();
    const gone = path.join(dir, 'summary-2026-06.g2.json');
    fs.symlinkSync(path.join(dir, 'nowhere.json'), gone);
    // A damaged checkpoint is reported at every try: the fourth report is when the other window's summary goes away.
    fs.writeFileSync(path.join(dir, 'checkpoint.json'), 'damaged');
    const lines: string[] = [];
    const warn = (m: string) => {
      lines.push(m);
      if (lines.length === 4) fs.rmSync(gone);
    };
    const log = { ...memLogger(), warn };
    const l = new SpendLedger({ dir, clock: { now: () => NOW }, logger: log });
    l.load();
    assert.ok(!lines.includes(KEPT_CHANGING.slice(5)), lines.join('\n'));
    assert.equal(l.spent('day').usd, 1);
  });

  it('after a load that gave up, refresh() over a folder with nothing to count reports nothing', () => {
    const dir = tmpDir();
    const gone = path.join(dir, 'summary-2026-06.g2.json');
    fs.symlinkSync(path.join(dir, 'nowhere.json'), gone);
    const log = memLogger();
    const l = new SpendLedger({ dir, clock: { now: () => NOW }, logger: log });
    l.load();
    assert.deepEqual(log.lines, [KEPT_CHANGING]);
    fs.rmSync(gone);
    let heard = 0;
    l.onChange(() => heard++);
    assert.equal(l.refresh(), false);
    assert.equal(heard, 0);
  });
});
