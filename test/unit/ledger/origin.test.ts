// Spend by origin (chat, compare, selection, lm-api, participant, gateway): the same split in the
// live totals, after a restart from the checkpoint, after compaction, and in the CSV.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SpendLedger } from '../../../src/core/ledger';
import { entry } from './fixtures/entry';

const byOrigin = (l: SpendLedger, at: number) =>
  Object.fromEntries(l.summary('month', at).by.origin.map(([k, t]) => [k, [t.attempts, +t.usd.toFixed(2)]]));

describe('SpendLedger spend by origin', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-origin-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('splits totals by origin live, from the checkpoint, after compaction and in the CSV', () => {
    const now = new Date(2026, 10, 25, 12).getTime();
    const l = new SpendLedger({ dir, clock: { now: () => now } });
    l.load();
    const old = new Date(2026, 5, 3, 9).getTime();
    l.append(entry('a', { ts: old, costUsd: 1, origin: 'gateway', client: 'claude-cli' }));
    l.append(entry('b', { ts: old, costUsd: 2, origin: 'chat' }));
    l.append(entry('c', { ts: old, costUsd: 4 })); // written before origins were recorded
    l.append(entry('d', { ts: now, costUsd: 8, origin: 'lm-api' }));
    const expectedOld = { gateway: [1, 1], chat: [1, 2], '': [1, 4] };
    assert.deepEqual(byOrigin(l, old), expectedOld);
    assert.deepEqual(byOrigin(l, now), { 'lm-api': [1, 8] });
    l.close();

    const restarted = new SpendLedger({ dir, clock: { now: () => now } });
    restarted.load();
    assert.deepEqual(byOrigin(restarted, old), expectedOld, 'from the checkpoint');

    assert.deepEqual(restarted.compact(3).monthsCompacted, ['2026-06']);
    assert.deepEqual(byOrigin(restarted, old), expectedOld, 'after compaction');
    const fresh = new SpendLedger({ dir, clock: { now: () => now } });
    fresh.load();
    assert.deepEqual(byOrigin(fresh, old), expectedOld, 'from the summary');

    const csv = fresh.exportCsv().trim().split('\n');
    assert.match(csv[0], /,origin,client$/);
    assert.ok(
      csv.some((r) => r.endsWith(',lm-api,')),
      'a raw record keeps its origin',
    );
    assert.ok(
      csv.some((r) => r.includes(',compacted,') && r.endsWith(',gateway,')),
      'a compacted row keeps its origin',
    );
    restarted.close();
    fresh.close();
  });
});
