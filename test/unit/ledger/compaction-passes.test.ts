// What a compaction pass leaves behind: the files it removes or keeps, the summary generations it
// publishes, and the totals read afterwards, including when it finds another pass's work.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import nodeFs from 'node:fs';
import * as path from 'node:path';
import { SpendLedger, type LedgerEntry } from '../../../src/core/ledger';
import { compactLedger } from '../../../src/core/ledger/compaction';
import { entry } from './fixtures/entry';
import { memLogger, tmpDir } from './fixtures/ledger';

const at = (y: number, m: number, d: number, h = 12) => new Date(y, m - 1, d, h).getTime();
const NOW = at(2026, 11, 25);
const JUNE = at(2026, 6, 10);
const JULY = at(2026, 7, 10);

/** Appends records as window `writer` would, each at its own `ts`. */
function write(dir: string, writer: string, records: [string, Partial<LedgerEntry>][]): void {
  const l = new SpendLedger({ dir, clock: { now: () => NOW }, writerId: writer });
  for (const [id, over] of records) l.append(entry(id, over));
  l.close();
}

function monthSpend(dir: string, when: number, opts: { workspace?: string } = {}): { usd: number; attempts: number } {
  const l = new SpendLedger({ dir, clock: { now: () => NOW } });
  l.load();
  const { usd, attempts } = l.spent('month', { at: when, ...opts });
  return { usd, attempts };
}

const files = (dir: string) => fs.readdirSync(dir).filter((n) => !n.startsWith('checkpoint') && !n.startsWith('digest'));
const raw = (dir: string, writer: string, month = '2026-06') => path.join(dir, `spend-${month}.${writer}.jsonl`);

/** A pass killed right after publishing its summary: the summary holds the raw files, which are still there. */
function cutAfterPublish(dir: string): void {
  assert.throws(() =>
    compactLedger(dir, 3, NOW, memLogger(), {
      step: (name) => {
        if (name === 'published') throw new Error('killed');
      },
    }),
  );
}

/** Runs `fn` as on a file system without hard links (some network and FAT volumes). */
function withoutHardLinks<T>(fn: () => T): T {
  const link = nodeFs.linkSync;
  nodeFs.linkSync = () => {
    throw Object.assign(new Error('operation not permitted'), { code: 'EPERM' });
  };
  try {
    return fn();
  } finally {
    nodeFs.linkSync = link;
  }
}

describe('Ledger compaction passes', () => {
  it('a raw file found shorter than its summary holds stays covered by the next generation: nothing counted twice', () => {
    const dir = tmpDir();
    write(dir, 'w', [
      ['w1', { ts: JUNE, costUsd: 1 }],
      ['w2', { ts: JUNE + 1, costUsd: 1 }],
    ]);
    write(dir, 'x', [['x1', { ts: JUNE, costUsd: 4 }]]);
    cutAfterPublish(dir);
    // w loses its last bytes (restored from an older copy); x gets a late record.
    fs.truncateSync(raw(dir, 'w'), fs.statSync(raw(dir, 'w')).size - 10);
    write(dir, 'x', [['x2', { ts: JUNE + 2, costUsd: 2 }]]);
    assert.deepEqual(monthSpend(dir, JUNE), { usd: 8, attempts: 4 });
    assert.deepEqual(compactLedger(dir, 3, NOW, memLogger()), { monthsCompacted: ['2026-06'], filesRemoved: 1 });
    assert.deepEqual(monthSpend(dir, JUNE), { usd: 8, attempts: 4 });
  });

  it('a month compacted again publishes the next generation, and each month cleans up only its own files', () => {
    const dir = tmpDir();
    write(dir, 'w', [['w1', { ts: JUNE, costUsd: 1 }]]);
    compactLedger(dir, 3, NOW, memLogger());
    write(dir, 'late', [['l1', { ts: JUNE + 1, costUsd: 2 }]]);
    write(dir, 'j', [['j1', { ts: JULY, costUsd: 4, workspace: undefined }]]);
    assert.deepEqual(compactLedger(dir, 3, NOW, memLogger()), { monthsCompacted: ['2026-06', '2026-07'], filesRemoved: 2 });
    assert.deepEqual(files(dir), ['summary-2026-06.g2.json', 'summary-2026-07.g1.json']);
    assert.deepEqual(monthSpend(dir, JUNE), { usd: 3, attempts: 2 });
    // A record without a workspace is counted under '' before and after compaction.
    assert.deepEqual(monthSpend(dir, JULY, { workspace: '' }), { usd: 4, attempts: 1 });
    // Nothing new: the next pass reads and writes nothing.
    const steps: string[] = [];
    assert.deepEqual(compactLedger(dir, 3, NOW, memLogger(), { step: (n) => void steps.push(n) }), {
      monthsCompacted: [],
      filesRemoved: 0,
    });
    assert.deepEqual(steps, ['locked']);
  });

  it('after a pass cut short once published, the next removes the raw files without publishing again', () => {
    const dir = tmpDir();
    write(dir, 'w', [['w1', { ts: JUNE, costUsd: 1 }]]);
    write(dir, 'x', [['x1', { ts: JUNE, costUsd: 2 }]]);
    cutAfterPublish(dir);
    const log = memLogger();
    assert.deepEqual(compactLedger(dir, 3, NOW, log), { monthsCompacted: [], filesRemoved: 2 });
    assert.deepEqual(files(dir), ['summary-2026-06.g1.json']);
    assert.deepEqual(log.lines, []);
    assert.deepEqual(monthSpend(dir, JUNE), { usd: 3, attempts: 2 });
  });

  it('a torn last line is dropped with one warning naming its file', () => {
    const dir = tmpDir();
    write(dir, 'w', [['w1', { ts: JUNE, costUsd: 1 }]]);
    write(dir, 'x', [['x1', { ts: JUNE, costUsd: 2 }]]);
    fs.appendFileSync(raw(dir, 'x'), '{"v":1,"id":"x2","ts":');
    const log = memLogger();
    assert.deepEqual(compactLedger(dir, 3, NOW, log), { monthsCompacted: ['2026-06'], filesRemoved: 2 });
    assert.deepEqual(
      log.lines.filter((l) => l.startsWith('warn')),
      ['warn Spend ledger: dropped an incomplete last line of spend-2026-06.x.jsonl while compacting.'],
    );
    assert.deepEqual(monthSpend(dir, JUNE), { usd: 3, attempts: 2 });
  });

  it('a summary replaced by another pass while this one works on an earlier month is left to that pass', () => {
    const dir = tmpDir();
    write(dir, 'j', [['j1', { ts: JULY, costUsd: 4 }]]);
    compactLedger(dir, 3, NOW, memLogger());
    write(dir, 'w', [['w1', { ts: JUNE, costUsd: 1 }]]);
    write(dir, 'late', [['l1', { ts: JULY + 1, costUsd: 2 }]]);
    const july = (n: number) => path.join(dir, `summary-2026-07.g${n}.json`);
    const r = compactLedger(dir, 3, NOW, memLogger(), {
      step: (name) => {
        if (name === 'published' && fs.existsSync(july(1))) fs.renameSync(july(1), july(2));
      },
    });
    assert.deepEqual(r, { monthsCompacted: ['2026-06'], filesRemoved: 1 });
    assert.deepEqual(monthSpend(dir, JULY), { usd: 6, attempts: 2 });
    assert.deepEqual(compactLedger(dir, 3, NOW, memLogger()), { monthsCompacted: ['2026-07'], filesRemoved: 1 });
    assert.deepEqual(monthSpend(dir, JULY), { usd: 6, attempts: 2 });
  });

  it('while it removes files, a late record in a file not yet removed is kept, and an old generation already gone is no error', () => {
    const dir = tmpDir();
    write(dir, 'w', [['w1', { ts: JUNE, costUsd: 1 }]]);
    compactLedger(dir, 3, NOW, memLogger());
    write(dir, 'v', [['v1', { ts: JUNE + 1, costUsd: 2 }]]);
    write(dir, 'x', [['x1', { ts: JUNE + 2, costUsd: 4 }]]);
    cutAfterPublish(dir);
    let first = true;
    const r = compactLedger(dir, 3, NOW, memLogger(), {
      step: (name) => {
        if (name !== 'raw-removed' || !first) return;
        first = false;
        write(dir, 'x', [['x2', { ts: JUNE + 3, costUsd: 8 }]]);
        // Another pass, let in by a lock broken as stale, cleans up the same old generation.
        fs.rmSync(path.join(dir, 'summary-2026-06.g1.json'));
      },
    });
    assert.deepEqual(r, { monthsCompacted: [], filesRemoved: 1 });
    assert.deepEqual(files(dir), ['spend-2026-06.x.jsonl', 'summary-2026-06.g2.json']);
    assert.deepEqual(monthSpend(dir, JUNE), { usd: 15, attempts: 4 });
  });

  it('killed right after removing the old generation, the month reads exactly', () => {
    const dir = tmpDir();
    write(dir, 'w', [['w1', { ts: JUNE, costUsd: 1 }]]);
    compactLedger(dir, 3, NOW, memLogger());
    write(dir, 'v', [['v1', { ts: JUNE + 1, costUsd: 2 }]]);
    cutAfterPublish(dir);
    assert.throws(
      () =>
        compactLedger(dir, 3, NOW, memLogger(), {
          step: (name) => {
            if (name === 'old-summary-removed') throw new Error('killed');
          },
        }),
      /killed/,
    );
    assert.deepEqual(files(dir), ['summary-2026-06.g2.json']);
    assert.deepEqual(monthSpend(dir, JUNE), { usd: 3, attempts: 2 });
  });

  it('without hard links, a summary is published by rename; a pass that finds one already there backs off', () => {
    const dir = tmpDir();
    write(dir, 'w', [['w1', { ts: JUNE, costUsd: 1 }]]);
    write(dir, 'j', [['j1', { ts: JULY, costUsd: 2 }]]);
    const r = withoutHardLinks(() =>
      compactLedger(dir, 3, NOW, memLogger(), {
        step: (name) => {
          if (name !== 'temp-written' || fs.existsSync(path.join(dir, 'summary-2026-06.g1.json'))) return;
          // June: another pass published the same summary first.
          const tmp = fs.readdirSync(dir).find((n) => n.endsWith('.tmp'))!;
          fs.copyFileSync(path.join(dir, tmp), path.join(dir, 'summary-2026-06.g1.json'));
        },
      }),
    );
    assert.deepEqual(r, { monthsCompacted: ['2026-07'], filesRemoved: 1 });
    assert.deepEqual(files(dir), ['spend-2026-06.w.jsonl', 'summary-2026-06.g1.json', 'summary-2026-07.g1.json']);
    assert.deepEqual(
      [monthSpend(dir, JUNE), monthSpend(dir, JULY)],
      [
        { usd: 1, attempts: 1 },
        { usd: 2, attempts: 1 },
      ],
    );
  });

  it('removes temp files of its own process and of dead ones, and nothing that only looks like one', () => {
    const dir = tmpDir();
    write(dir, 'w', [['w1', { ts: JUNE, costUsd: 1 }]]);
    const names = [`summary-2026-06.g1.json.${process.pid}-ab12.tmp`, `summary-2026-05.json.${2 ** 22 + 7}-cd34.tmp`];
    const kept = [`notes.${2 ** 22 + 7}-cd34.tmp.bak`, `spend-2026-06.w.jsonl.${process.ppid}-ef56.tmp`];
    for (const n of [...names, ...kept]) fs.writeFileSync(path.join(dir, n), '{}');
    compactLedger(dir, 3, NOW, memLogger());
    assert.deepEqual(files(dir), [...kept, 'summary-2026-06.g1.json'].sort());
  });

  it('a damaged summary is left for the user to restore: a late record stays raw, and the restored month is whole', () => {
    const dir = tmpDir();
    write(dir, 'w', [['w1', { ts: JUNE, costUsd: 1 }]]);
    compactLedger(dir, 3, NOW, memLogger());
    const g1 = path.join(dir, 'summary-2026-06.g1.json');
    const good = fs.readFileSync(g1, 'utf8');
    fs.writeFileSync(g1, good.slice(0, 20));
    write(dir, 'v', [['v1', { ts: JUNE + 1, costUsd: 2 }]]);
    const log = memLogger();
    assert.deepEqual(compactLedger(dir, 3, NOW, log), { monthsCompacted: [], filesRemoved: 0 });
    assert.deepEqual(files(dir), ['spend-2026-06.v.jsonl', 'summary-2026-06.g1.json']);
    assert.equal(log.lines.filter((l) => l.startsWith('error')).length, 1);
    assert.ok(
      log.lines.some((l) => l.startsWith('warn') && l.includes('2026-06') && l.includes('damaged')),
      `the skipped month is named: ${log.lines.join(' | ')}`,
    );
    fs.writeFileSync(g1, good);
    assert.deepEqual(monthSpend(dir, JUNE), { usd: 3, attempts: 2 });
  });

  it('a raw file another pass removed after this one read it is not counted as removed', () => {
    const dir = tmpDir();
    // One byte, so a size misread as +1 would match what the summary holds.
    fs.writeFileSync(raw(dir, 'w'), '\n');
    const result = compactLedger(dir, 3, NOW, memLogger(), {
      step: (name) => {
        if (name === 'read') fs.rmSync(raw(dir, 'w'));
      },
    });
    assert.deepEqual(result, { monthsCompacted: ['2026-06'], filesRemoved: 0 });
  });

  it('a summary that cannot be read at all (a folder in its place) is left alone too, with the raw records', () => {
    const dir = tmpDir();
    fs.mkdirSync(path.join(dir, 'summary-2026-06.g1.json'));
    write(dir, 'v', [['v1', { ts: JUNE, costUsd: 2 }]]);
    assert.deepEqual(compactLedger(dir, 3, NOW, memLogger()), { monthsCompacted: [], filesRemoved: 0 });
    assert.deepEqual(files(dir), ['spend-2026-06.v.jsonl', 'summary-2026-06.g1.json']);
  });
});
