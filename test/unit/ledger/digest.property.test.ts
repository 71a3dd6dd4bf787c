// Property: whatever records the months hold and whatever happens to the files after their
// digests were made, a start from digests shows what reading every record shows.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { monthKey } from '../../../src/core/ledger/periods';
import { entry } from './fixtures/entry';
import { coldView, recordsOnlyView } from './fixtures/views';

const NOW = new Date(2026, 4, 20, 12).getTime();
const FROM = new Date(2026, 0, 1).getTime();
const SPAN = NOW - FROM;

const record = fc.record({
  at: fc.integer({ min: 0, max: SPAN }),
  writer: fc.constantFrom('a', 'b', 'c'),
  quarters: fc.integer({ min: 0, max: 40 }),
  model: fc.constantFrom('m1', 'm2', 'm3'),
  workspace: fc.constantFrom('w1', 'w2'),
  origin: fc.constantFrom(undefined, 'chat', 'gateway'),
  outcome: fc.constantFrom('success' as const, 'failed' as const),
});
type Rec = typeof record extends fc.Arbitrary<infer T> ? T : never;

const fault = fc.oneof(
  fc.record({ t: fc.constant('late' as const), rec: record }),
  fc.record({ t: fc.constant('cut' as const), pick: fc.nat(), bytes: fc.integer({ min: 1, max: 400 }) }),
  fc.record({ t: fc.constant('remove' as const), pick: fc.nat() }),
  fc.record({ t: fc.constant('garble' as const), pick: fc.nat(), at: fc.nat() }),
  fc.record({ t: fc.constant('torn' as const), pick: fc.nat() }),
);
type Fault = typeof fault extends fc.Arbitrary<infer T> ? T : never;

function write(dir: string, r: Rec, id: string): void {
  const ts = FROM + r.at;
  const { quarters, writer, ...over } = r;
  const line = JSON.stringify({ v: 1, ts, ...entry(id, { ...over, costUsd: quarters / 4, cacheSavedUsd: 0 }) });
  fs.appendFileSync(path.join(dir, `spend-${monthKey(ts)}.${writer}.jsonl`), `${line}\n`);
}

function pickOf(dir: string, prefix: string, n: number): string | undefined {
  const names = fs.readdirSync(dir).filter((x) => x.startsWith(prefix));
  return names.length ? path.join(dir, names[n % names.length]) : undefined;
}

function apply(dir: string, f: Fault, i: number): void {
  if (f.t === 'late') return write(dir, f.rec, `late-${i}`);
  const file = pickOf(dir, f.t === 'garble' ? 'digest-' : 'spend-', f.pick);
  if (!file) return;
  if (f.t === 'cut') fs.truncateSync(file, Math.max(0, fs.statSync(file).size - f.bytes));
  else if (f.t === 'remove') fs.rmSync(file);
  else if (f.t === 'torn') fs.appendFileSync(file, '{"v":1,"id":"torn","ts":');
  else {
    const text = fs.readFileSync(file, 'utf8');
    const at = f.at % text.length;
    fs.writeFileSync(file, text.slice(0, at) + (text[at] === '1' ? '2' : '1') + text.slice(at + 1));
  }
}

describe('Spend ledger month digests, property', () => {
  it('totals, breakdowns, skipped lines and recent records from digests equal those from the records alone', function () {
    this.timeout(120_000);
    fc.assert(
      fc.property(fc.array(record, { maxLength: 40 }), fc.array(fault, { maxLength: 4 }), (recs, faults) => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-ledger-digest-prop-'));
        try {
          recs.forEach((r, i) => write(dir, r, `r${i}`));
          const first = coldView(dir, NOW, FROM, NOW);
          assert.equal(coldView(dir, NOW, FROM, NOW), first, 'a second start, from the digests');
          faults.forEach((f, i) => apply(dir, f, i));
          assert.equal(coldView(dir, NOW, FROM, NOW), recordsOnlyView(dir, NOW, FROM, NOW), 'after the files changed');
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: Number(process.env.LEDGER_PROPERTY_RUNS ?? 40) },
    );
  });
});
