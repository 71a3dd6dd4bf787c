import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SpendLedger } from '../../../src/core/ledger';
import { dayKey } from '../../../src/core/ledger/periods';
import { entry } from './fixtures/entry';
import { withTimeZone } from './fixtures/time-zone';

// Compacts July 2026 (two records near the ends of local days) and returns the compacted rows' dates.
function compactedDays(): { days: string[]; expected: string[]; utcDays: string[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-csv-'));
  try {
    const now = new Date(2026, 10, 25, 12).getTime();
    // 00:30 on 1 July is still 30 June in UTC east of Greenwich; 23:30 on 2 July is 3 July in UTC west of it.
    const early = new Date(2026, 6, 1, 0, 30).getTime();
    const late = new Date(2026, 6, 2, 23, 30).getTime();
    const l = new SpendLedger({ dir, clock: { now: () => now } });
    l.load();
    l.append(entry('early', { ts: early, costUsd: 1 }));
    l.append(entry('late', { ts: late, costUsd: 2 }));
    assert.deepEqual(l.compact(3).monthsCompacted, ['2026-07']);
    const rows = l
      .exportCsv()
      .trim()
      .split('\n')
      .slice(1)
      .filter((r) => r.includes(',compacted,'));
    l.close();
    return {
      days: rows.map((r) => r.split(',')[0]).sort(),
      expected: [dayKey(early), dayKey(late)],
      utcDays: [new Date(early).toISOString().slice(0, 10), new Date(late).toISOString().slice(0, 10)],
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('CSV export of compacted months', () => {
  it('dates a compacted row with its local day, in this process’s time zone', () => {
    const { days, expected } = compactedDays();
    assert.deepEqual(days, expected);
    assert.deepEqual(days, ['2026-07-01', '2026-07-02']);
  });

  for (const tz of ['Asia/Tokyo', 'America/Los_Angeles']) {
    it(`dates a compacted row with its local day east and west of UTC (${tz})`, () => {
      withTimeZone(tz, () => {
        const { days, expected, utcDays } = compactedDays();
        assert.notDeepEqual(utcDays, expected, 'the fixture has a record whose UTC date differs from its local date');
        assert.deepEqual(days, expected);
        assert.deepEqual(days, ['2026-07-01', '2026-07-02']);
      });
    });
  }
});
