// Another window changing the folder while this one loads it: a file cut short, or a compaction
// that finished meanwhile, makes the load start over, so its totals are those of the folder as it is.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SpendLedger } from '../../../src/core/ledger';
import { compactLedger } from '../../../src/core/ledger/compaction';
import type { Logger } from '../../../src/core/platform';
import { entry } from './fixtures/entry';
import { memLogger, tmpDir } from './fixtures/ledger';

const at = (y: number, m: number, d: number, h = 12) => new Date(y, m - 1, d, h).getTime();
const NOW = at(2026, 11, 25);
const JUNE = at(2026, 6, 10);

const line = (id: string, usd: number, ts = NOW) => `${JSON.stringify({ v: 1, ts, ...entry(id, { costUsd: usd }) })}\n`;
const raw = (dir: string, month: string, writer: string) => path.join(dir, `spend-${month}.${writer}.jsonl`);

/** A logger that runs `meanwhile` once, the first time it is told a line containing `cue`: the other window's move. */
function cueLogger(cue: string, meanwhile: () => void): Logger {
  let done = false;
  const log = memLogger();
  return {
    ...log,
    warn: (m) => {
      log.warn(m);
      if (done || !m.includes(cue)) return;
      done = true;
      meanwhile();
    },
  };
}

function load(dir: string, logger: Logger): SpendLedger {
  const l = new SpendLedger({ dir, writerId: 'reader', clock: { now: () => NOW }, logger });
  l.load();
  return l;
}

describe('SpendLedger load racing other windows', () => {
  it('a file cut short while the load reads the folder: the load starts over and counts every file as it is', () => {
    const dir = tmpDir();
    fs.writeFileSync(raw(dir, '2026-11', 'a'), line('a1', 1));
    fs.writeFileSync(raw(dir, '2026-11', 'b'), line('b1', 1) + line('b2', 10));
    fs.writeFileSync(raw(dir, '2026-11', 'c'), line('c1', 1));
    load(dir, memLogger()).close();
    fs.appendFileSync(raw(dir, '2026-11', 'a'), 'not json\n');
    fs.appendFileSync(raw(dir, '2026-11', 'c'), line('c2', 100));
    // Reading a's new line, this window reports it; meanwhile b loses its last record.
    const l = load(
      dir,
      cueLogger('corrupt', () => fs.writeFileSync(raw(dir, '2026-11', 'b'), line('b1', 1))),
    );
    assert.equal(l.spent('day').usd, 103);
    assert.equal(l.spent('day').attempts, 4);
  });

  it('a compaction that finished while the load read the folder: the load starts over and counts the month once', () => {
    const dir = tmpDir();
    fs.writeFileSync(raw(dir, '2026-06', 'w'), line('j1', 1, JUNE));
    fs.writeFileSync(raw(dir, '2026-11', 'w'), line('n1', 2));
    load(dir, memLogger()).close();
    fs.rmSync(path.join(dir, 'checkpoint.json'));
    fs.writeFileSync(path.join(dir, 'digest-2026-06.json'), 'damaged');
    // Reporting the damaged digest, this window is slower than another one compacting June.
    const l = load(
      dir,
      cueLogger('digest', () => compactLedger(dir, 3, NOW, memLogger())),
    );
    assert.ok(fs.readdirSync(dir).some((n) => n.startsWith('summary-2026-06')));
    assert.equal(l.spent('month', { at: JUNE }).usd, 1);
    assert.equal(l.spent('day').usd, 2);
  });
});
