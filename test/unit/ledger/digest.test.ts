// Month digests: a start without a checkpoint reads sealed months from one small file each, and
// shows exactly what reading every record shows, whatever happened to the files since.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SpendLedger, type LedgerRecord } from '../../../src/core/ledger';
import type { Logger } from '../../../src/core/platform';
import { entry } from './fixtures/entry';
import { withTimeZone } from './fixtures/time-zone';
import { coldView, recordsOnlyView, view } from './fixtures/views';

const NOW = new Date(2026, 2, 20, 12).getTime();
const FROM = new Date(2025, 11, 25).getTime();
const DAYS = [new Date(2026, 0, 5, 9).getTime(), new Date(2026, 0, 31, 23).getTime(), new Date(2026, 1, 14, 8).getTime(), NOW - 3_600_000];

function memLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(`info ${m}`), warn: (m) => lines.push(`warn ${m}`), error: (m) => lines.push(`error ${m}`) };
}

function line(id: string, ts: number, over: Partial<LedgerRecord> = {}): string {
  return `${JSON.stringify({ v: 1, ts, ...entry(id, { costUsd: 0.25, cacheSavedUsd: 0.5 }), ...over })}\n`;
}

/** Two writers' files in January, February (both sealed on NOW) and March, with two corrupt and two clamped lines in January. */
function seeded(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-ledger-digest-'));
  for (const [w, model] of [
    ['a', 'm1'],
    ['b', 'm2'],
  ]) {
    for (const [i, ts] of DAYS.entries()) {
      const month = `${new Date(ts).getFullYear()}-${String(new Date(ts).getMonth() + 1).padStart(2, '0')}`;
      const extra = month === '2026-01' && w === 'a' ? `not json\n${line(`${w}-neg`, ts + 7, { durationMs: -5 })}` : '';
      const lines = line(`${w}-${i}`, ts, { model }) + line(`${w}-${i}x`, ts + 1, { workspace: 'ws-2', origin: 'chat' }) + extra;
      fs.appendFileSync(path.join(dir, `spend-${month}.${w}.jsonl`), lines);
    }
  }
  return dir;
}

const cold = (dir: string) => coldView(dir, NOW, FROM, NOW);
const truth = (dir: string) => recordsOnlyView(dir, NOW, FROM, NOW);
const janA = (dir: string) => path.join(dir, 'spend-2026-01.a.jsonl');

describe('Spend ledger month digests', () => {
  it('a start without a checkpoint counts sealed months from their digests, reading none of their lines again', () => {
    const dir = seeded();
    const first = cold(dir);
    assert.deepEqual(
      fs.readdirSync(dir).filter((n) => n.startsWith('digest-')),
      ['digest-2026-01.json', 'digest-2026-02.json'],
    );
    fs.rmSync(path.join(dir, 'checkpoint.json'));
    const log = memLogger();
    const again = new SpendLedger({ dir, writerId: 'again', clock: { now: () => NOW }, logger: log });
    again.load();
    assert.equal(view(again, FROM, NOW), first);
    assert.equal(first, truth(dir));
    // The January lines were read once, when the digest was made: their warnings are not repeated.
    assert.deepEqual(log.lines, []);
    assert.deepEqual({ ...again.skipped }, { torn: 0, corrupt: 2, clamped: 2 });
  });

  const faults: [string, (dir: string) => void][] = [
    ['a raw file cut short', (dir) => fs.truncateSync(janA(dir), fs.statSync(janA(dir)).size - 40)],
    // Like the checkpoint, a digest checks the bytes just before its offset, not every byte.
    [
      'the last counted record rewritten, same length',
      (dir) => {
        const text = fs.readFileSync(janA(dir), 'utf8');
        const at = text.lastIndexOf('"costUsd":0.25');
        fs.writeFileSync(janA(dir), `${text.slice(0, at)}"costUsd":0.75${text.slice(at + 14)}`);
      },
    ],
    ['a raw file removed', (dir) => fs.rmSync(janA(dir))],
    ['a digest that is not JSON', (dir) => fs.writeFileSync(path.join(dir, 'digest-2026-01.json'), '{"v":1,"month":')],
    [
      'a digest of another month under this name',
      (dir) => fs.copyFileSync(path.join(dir, 'digest-2026-02.json'), path.join(dir, 'digest-2026-01.json')),
    ],
    ['a late record after the digest', (dir) => fs.appendFileSync(janA(dir), line('late', DAYS[1] + 5))],
    [
      'a new writer’s file in a digested month',
      (dir) => fs.appendFileSync(path.join(dir, 'spend-2026-02.c.jsonl'), line('c-late', DAYS[2] + 9)),
    ],
    ['a torn line after the digest', (dir) => fs.appendFileSync(janA(dir), '{"v":1,"id":"torn"')],
  ];
  for (const [what, fault] of faults) {
    it(`${what}: the same totals as reading every record, and the digest is made again`, () => {
      const dir = seeded();
      cold(dir);
      fault(dir);
      assert.equal(cold(dir), truth(dir));
      // The next start reads the remade (or still valid) digest and agrees again.
      assert.equal(cold(dir), truth(dir));
    });
  }

  it('a digest with one figure changed but still valid JSON fails its checksum: reported, and the records are read', () => {
    const dir = seeded();
    cold(dir);
    const file = path.join(dir, 'digest-2026-01.json');
    const text = fs.readFileSync(file, 'utf8');
    const at = text.indexOf('0.25');
    assert.ok(at > 0);
    fs.writeFileSync(file, `${text.slice(0, at)}0.75${text.slice(at + 4)}`);
    fs.rmSync(path.join(dir, 'checkpoint.json'));
    const log = memLogger();
    const l = new SpendLedger({ dir, writerId: 'again', clock: { now: () => NOW }, logger: log });
    l.load();
    assert.equal(view(l, FROM, NOW), truth(dir));
    assert.ok(
      log.lines.includes(
        'warn Spend ledger: ignoring the unreadable digest of 2026-01 (its checksum does not match); reading its records instead.',
      ),
      log.lines.join('\n'),
    );
  });

  it('a digest made in another time zone is not used: days are local', () => {
    const dir = seeded();
    withTimeZone('Pacific/Kiritimati', () => cold(dir));
    assert.equal(cold(dir), truth(dir));
    withTimeZone('America/Adak', () => assert.equal(cold(dir), truth(dir)));
  });

  it('the CSV export still lists every record of a digested month', () => {
    const dir = seeded();
    cold(dir);
    const csv = new SpendLedger({ dir, clock: { now: () => NOW } }).exportCsv();
    // 2 writers × 4 days × 2 records, and 2 clamped ones.
    assert.equal(csv.trim().split('\n').length - 1, 18);
    assert.ok(!csv.includes('compacted'));
  });

  it('compaction removes the digest of a month it summarizes, and totals stay the same', () => {
    const dir = seeded();
    const before = cold(dir);
    const l = new SpendLedger({ dir, clock: { now: () => NOW } });
    l.load();
    l.compact(2);
    assert.ok(!fs.existsSync(path.join(dir, 'digest-2026-01.json')));
    assert.ok(fs.existsSync(path.join(dir, 'digest-2026-02.json')));
    const totalsOnly = (v: string) => v.split('\n').filter((x) => x.startsWith('month'));
    assert.deepEqual(totalsOnly(cold(dir)), totalsOnly(before));
  });

  it('the first start, with no digest yet, reports no digest as unreadable', () => {
    const dir = seeded();
    const log = memLogger();
    new SpendLedger({ dir, writerId: 'first', clock: { now: () => NOW }, logger: log }).load();
    assert.ok(fs.existsSync(path.join(dir, 'digest-2026-01.json')));
    assert.deepEqual(
      log.lines.filter((x) => x.includes('digest')),
      [],
    );
  });

  const reported = (dir: string) => {
    fs.rmSync(path.join(dir, 'checkpoint.json'));
    const log = memLogger();
    const l = new SpendLedger({ dir, writerId: 'again', clock: { now: () => NOW }, logger: log });
    l.load();
    assert.equal(view(l, FROM, NOW), truth(dir));
    return log.lines.filter((x) => x.includes('digest'));
  };

  it('a digest of another month under this name is reported as such, and the records are read', () => {
    const dir = seeded();
    cold(dir);
    fs.copyFileSync(path.join(dir, 'digest-2026-02.json'), path.join(dir, 'digest-2026-01.json'));
    assert.deepEqual(reported(dir), [
      'warn Spend ledger: ignoring the unreadable digest of 2026-01 (it describes 2026-02); reading its records instead.',
    ]);
  });

  it('a digest whose checksum holds but whose content this version cannot read is reported with the reason', () => {
    const dir = seeded();
    cold(dir);
    const file = path.join(dir, 'digest-2026-01.json');
    const body = fs.readFileSync(file, 'utf8').split('\n')[1].replace('"v":1', '"v":2');
    fs.writeFileSync(file, `${createHash('sha256').update(body).digest('hex')}\n${body}`);
    assert.deepEqual(reported(dir), [
      'warn Spend ledger: ignoring the unreadable digest of 2026-01 (Invalid input: expected 1); reading its records instead.',
    ]);
  });
});
