import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SpendLedger } from '../../../src/core/ledger';
import { dayKey } from '../../../src/core/ledger/periods';
import { entry } from './fixtures/entry';

function withLedger(fn: (l: SpendLedger, now: number) => void): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-csv-rows-'));
  const now = new Date(2026, 10, 25, 12).getTime();
  const l = new SpendLedger({ dir, clock: { now: () => now } });
  try {
    l.load();
    fn(l, now);
  } finally {
    l.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('CSV export rows', () => {
  it('an empty ledger exports the header line alone', () => {
    withLedger((l) => assert.equal(l.exportCsv().split('\n').length, 2));
    withLedger((l) => assert.match(l.exportCsv(), /^time,[a-z_,]+,attempts,origin,client\n$/));
  });

  it('writes every field of a record and of a compacted day, oldest first, each line ended', () => {
    withLedger((l, now) => {
      const june = new Date(2026, 5, 3, 9).getTime();
      const recent = now - 3_600_000;
      l.append(
        entry('recent', {
          ts: recent,
          costUsd: 0.5,
          errorCategory: 'timeout',
          outcome: 'failed',
          fallback: true,
          origin: 'gateway',
          client: 'aider',
        }),
      );
      l.append(entry('june', { ts: june, costUsd: 1, origin: 'chat' }));
      l.compact(3);
      const csv = l.exportCsv();
      assert.ok(csv.endsWith('\n'));
      const [, compacted, raw, ...rest] = csv.split('\n');
      assert.deepEqual(rest, ['']);
      assert.equal(
        compacted,
        `${dayKey(june)},ws-1,,anthropic/claude-sonnet-4.5,anthropic,,compacted,,,1200,350,800,0,0,1,summary,0.00216,,,1,chat,`,
      );
      assert.equal(
        raw,
        `${new Date(recent).toISOString()},ws-1,conv-1,anthropic/claude-sonnet-4.5,anthropic,claude-sonnet-4-5,failed,true,timeout,1200,350,800,0,0,0.5,exact,0.00216,412,3100,1,gateway,aider`,
      );
    });
  });

  it('sorts records by time, not by the order they were appended', () => {
    withLedger((l, now) => {
      l.append(entry('second', { ts: now - 1_000 }));
      l.append(entry('first', { ts: now - 2_000 }));
      const times = l
        .exportCsv()
        .trim()
        .split('\n')
        .slice(1)
        .map((r) => r.split(',')[0]);
      assert.deepEqual(times, [new Date(now - 2_000).toISOString(), new Date(now - 1_000).toISOString()]);
    });
  });

  it('marks a compacted day with unpriced attempts as partly unpriced', () => {
    withLedger((l) => {
      l.append(entry('priced', { ts: new Date(2026, 5, 3, 9).getTime() }));
      l.append(entry('unpriced', { ts: new Date(2026, 5, 3, 10).getTime(), costUsd: undefined, costStatus: 'unpriced' }));
      l.compact(3);
      const row = l.exportCsv().split('\n')[1].split(',');
      assert.deepEqual([row[6], row[15], row[19]], ['compacted', 'partly_unpriced', '2']);
    });
  });

  it('a summary listed but gone when read (removed by a newer compaction) leaves the records to export', () => {
    withLedger((l) => {
      l.append(entry('kept', { costUsd: 1 }));
      fs.symlinkSync(path.join(l.dir, 'nowhere.json'), path.join(l.dir, 'summary-2026-06.g2.json'));
      const lines = l.exportCsv().trim().split('\n');
      assert.equal(lines.length, 2);
      assert.ok(lines[1].includes(',success,'), lines[1]);
    });
  });
});
