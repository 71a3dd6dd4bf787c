// The checkpoint's buckets are checked by hand (tens of thousands of number arrays); a corrupt
// one must still be refused, so the ledger reads every file instead of trusting it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SpendLedger } from '../../../src/core/ledger';
import { CheckpointSchema, readCheckpoint } from '../../../src/core/ledger/checkpoint';
import { listLedgerFiles } from '../../../src/core/ledger/files';
import { silentLogger } from '../../../src/core/platform';
import { entry } from './fixtures/entry';
import { memLogger } from './fixtures/ledger';

const T = [0.5, 0, 0, 3, 0, 10, 20, 0, 0, 0, 0, 2];
const valid = () => ({
  v: 4,
  files: { 'spend-2026-09.w0.jsonl': 120 },
  summaries: [],
  skipped: { torn: 0, corrupt: 0, clamped: 0 },
  tails: {},
  fragments: {},
  // Fresh arrays each time: a spoiled shared array would make every later case refused whatever it spoils.
  buckets: [
    [
      'day|2026-09-01',
      { all: [...T], model: [['m', [...T]]], provider: [['p', [...T]]], workspace: [['', [...T]]], origin: [['chat', [...T]]] },
    ],
  ],
  recent: [],
});

describe('ledger checkpoint schema', () => {
  it('accepts a well-formed checkpoint', () => {
    assert.ok(CheckpointSchema.safeParse(valid()).success);
  });

  const corrupt: [string, (c: ReturnType<typeof valid>) => void][] = [
    ['a string among the totals', (c) => ((c.buckets[0][1] as { all: unknown[] }).all[2] = '3')],
    ['an infinite total (JSON reads 1e400 so)', (c) => ((c.buckets[0][1] as { all: unknown[] }).all[0] = Infinity)],
    ['eleven totals instead of twelve', (c) => (c.buckets[0][1] as { all: unknown[] }).all.pop()],
    ['a null total', (c) => ((c.buckets[0][1] as { model: unknown[][] }).model[0][1] = [...T.slice(0, 11), null])],
    ['a pair with a third element', (c) => (c.buckets[0][1] as { provider: unknown[][] }).provider[0].push(1)],
    ['a number as the key of a pair', (c) => ((c.buckets[0][1] as { workspace: unknown[][] }).workspace[0][0] = 7)],
    ['pairs that are not an array', (c) => ((c.buckets[0][1] as { origin: unknown }).origin = {})],
    ['a missing dimension', (c) => delete (c.buckets[0][1] as { origin?: unknown }).origin],
    ['a bucket id that is not a string', (c) => (c.buckets[0][0] = 5 as unknown as string)],
  ];
  for (const [what, spoil] of corrupt) {
    it(`refuses ${what}`, () => {
      const c = valid();
      spoil(c);
      assert.equal(CheckpointSchema.safeParse(c).success, false);
    });
  }
});

describe('when a ledger writes its checkpoint', () => {
  const cpOf = (dir: string) => fs.readFileSync(path.join(dir, 'checkpoint.json'), 'utf8');

  it('a load with a thousand new lines counts them without rewriting the checkpoint; close leaves the new one', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-cp-when-'));
    const a = new SpendLedger({ dir, writerId: 'a' });
    a.load();
    for (let i = 0; i < 600; i++) a.append(entry(`a${i}`));
    a.close();
    const before = cpOf(dir);
    const b = new SpendLedger({ dir, writerId: 'b' });
    for (let i = 0; i < 1000; i++) b.append(entry(`b${i}`));
    b.close();
    assert.equal(cpOf(dir), before, 'a writer that never loaded writes no checkpoint');
    const c = new SpendLedger({ dir, writerId: 'c' });
    c.load();
    assert.equal(c.spent('day').attempts, 1600);
    assert.equal(cpOf(dir), before, 'reading a thousand lines is cheaper than writing the checkpoint at start');
    c.close();
    assert.notEqual(cpOf(dir), before, 'the window leaves it when it closes');
    const d = new SpendLedger({ dir, writerId: 'd' });
    d.load();
    assert.equal(d.spent('day').attempts, 1600);
  });

  it('a load without a checkpoint still writes one at once', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-cp-when-'));
    const a = new SpendLedger({ dir, writerId: 'a' });
    for (let i = 0; i < 10; i++) a.append(entry(`a${i}`));
    a.close();
    new SpendLedger({ dir, writerId: 'b' }).load();
    assert.ok(fs.existsSync(path.join(dir, 'checkpoint.json')));
  });
});

describe('whether a start trusts the checkpoint', () => {
  const at = (y: number, m: number, d: number) => new Date(y, m - 1, d, 12).getTime();
  const NOW = at(2026, 11, 25);
  const cpFile = (dir: string) => path.join(dir, 'checkpoint.json');

  /** A folder with June and July compacted, a record of this month, and the checkpoint a start left. */
  function compactedFolder(): { dir: string; names: string[] } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-cp-trust-'));
    const l = new SpendLedger({ dir, clock: { now: () => NOW }, writerId: 'w' });
    l.load();
    l.append(entry('june', { ts: at(2026, 6, 10) }));
    l.append(entry('july', { ts: at(2026, 7, 10) }));
    l.append(entry('now'));
    assert.deepEqual(l.compact(3).monthsCompacted, ['2026-06', '2026-07']);
    l.close();
    fs.rmSync(cpFile(dir), { force: true });
    new SpendLedger({ dir, clock: { now: () => NOW } }).load();
    return { dir, names: listLedgerFiles(dir).summaries.map((s) => s.name) };
  }

  it('one taken after months were compacted still describes the folder', () => {
    const { dir, names } = compactedFolder();
    assert.equal(names.length, 2);
    assert.ok(readCheckpoint(dir, listLedgerFiles(dir).raw, names, silentLogger));
  });

  it('one of an older version, without the bytes before each offset, is trusted while every file is long enough', () => {
    const { dir, names } = compactedFolder();
    fs.writeFileSync(cpFile(dir), JSON.stringify({ ...JSON.parse(fs.readFileSync(cpFile(dir), 'utf8')), tails: undefined }));
    assert.ok(readCheckpoint(dir, listLedgerFiles(dir).raw, names, silentLogger));
  });

  it('an invalid one is ignored with a warning that says what is wrong', () => {
    const { dir, names } = compactedFolder();
    fs.writeFileSync(cpFile(dir), JSON.stringify({ ...JSON.parse(fs.readFileSync(cpFile(dir), 'utf8')), v: 3 }));
    const log = memLogger();
    assert.equal(readCheckpoint(dir, listLedgerFiles(dir).raw, names, log), undefined);
    assert.equal(log.lines.length, 1);
    assert.match(log.lines[0], /^warn Spend ledger: ignoring an unreadable checkpoint \(.*expected 4.*\)/);
  });
});
