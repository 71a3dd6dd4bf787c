// Calendar keys decide which day, week and month a dollar is counted in, and so which budget it
// counts against: a slip moves spend into the wrong period without any total changing.
import * as assert from 'node:assert/strict';
import { dayKey, monthKey, weekKey } from '../../../src/core/ledger';
import { entry } from './fixtures/entry';
import { ledgerAt } from './fixtures/ledger';
import { withTimeZone } from './fixtures/time-zone';

const at = (y: number, m: number, d: number, h = 12) => new Date(y, m - 1, d, h).getTime();

describe('ledger period keys', () => {
  it('day and month keys are zero-padded local dates', () => {
    assert.equal(dayKey(at(2026, 3, 9)), '2026-03-09');
    assert.equal(dayKey(at(2026, 10, 10)), '2026-10-10');
    assert.equal(dayKey(at(2026, 12, 31, 23)), '2026-12-31');
    assert.equal(monthKey(at(2026, 1, 1, 0)), '2026-01');
    assert.equal(monthKey(at(2026, 11, 30)), '2026-11');
  });

  it('weeks are ISO weeks: Monday to Sunday, numbered by the year of their Thursday', () => {
    // 2026-01-01 is a Thursday: its week is the year's first.
    assert.equal(weekKey(at(2026, 1, 1)), '2026-W01');
    assert.equal(weekKey(at(2025, 12, 29)), '2026-W01', 'the Monday before belongs to the new year’s first week');
    assert.equal(weekKey(at(2026, 1, 4)), '2026-W01', 'Sunday ends the week');
    assert.equal(weekKey(at(2026, 1, 5)), '2026-W02', 'Monday starts the next one');
    // 2027-01-01 is a Friday: it still belongs to 2026's last week, the 53rd.
    assert.equal(weekKey(at(2027, 1, 1)), '2026-W53');
    assert.equal(weekKey(at(2027, 1, 3)), '2026-W53');
    assert.equal(weekKey(at(2027, 1, 4)), '2027-W01');
    assert.equal(weekKey(at(2026, 11, 25)), '2026-W48');
    // A year whose 4 January is a Sunday: the first Thursday is 1 January.
    assert.equal(weekKey(at(2015, 1, 1)), '2015-W01');
    assert.equal(weekKey(at(2015, 12, 31)), '2015-W53');
  });

  it('weeks are numbered alike in every time zone, across a daylight-saving change', () => {
    for (const tz of ['America/Los_Angeles', 'Europe/Berlin', 'Australia/Sydney', 'UTC'])
      withTimeZone(tz, () => {
        assert.equal(weekKey(at(2026, 3, 29, 23)), '2026-W13', tz);
        assert.equal(weekKey(at(2026, 3, 30, 0)), '2026-W14', tz);
        assert.equal(weekKey(at(2026, 10, 25, 12)), '2026-W43', tz);
        assert.equal(weekKey(at(2026, 12, 28, 1)), '2026-W53', tz);
      });
  });

  it('a series lists the last periods oldest first, the empty ones at zero', () => {
    const now = at(2026, 3, 31);
    const l = ledgerAt(now);
    l.append(entry('feb', { ts: at(2026, 2, 14), costUsd: 2 }));
    l.append(entry('mar', { ts: at(2026, 3, 31), costUsd: 3 }));
    // 31 March minus one month is not "3 March": each month of the series is its own.
    assert.deepEqual(
      l.series('month', 3).map((s) => [s.key, s.totals.usd]),
      [
        ['2026-01', 0],
        ['2026-02', 2],
        ['2026-03', 3],
      ],
    );
    assert.deepEqual(
      l.series('day', 3).map((s) => [s.key, s.totals.attempts]),
      [
        ['2026-03-29', 0],
        ['2026-03-30', 0],
        ['2026-03-31', 1],
      ],
    );
    assert.deepEqual(
      l.series('week', 8).map((s) => [s.key, s.totals.usd]),
      [
        ['2026-W07', 2],
        ['2026-W08', 0],
        ['2026-W09', 0],
        ['2026-W10', 0],
        ['2026-W11', 0],
        ['2026-W12', 0],
        ['2026-W13', 0],
        ['2026-W14', 3],
      ],
    );
    assert.deepEqual(
      l.series('month', 2, at(2026, 1, 15)).map((s) => s.key),
      ['2025-12', '2026-01'],
    );
    assert.deepEqual(l.series('day', 0), []);
  });
});
