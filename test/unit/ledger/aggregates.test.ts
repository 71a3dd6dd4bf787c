// Behaviours of the totals that a plausible slip would break without any other test noticing.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SpendLedger, type LedgerEntry } from '../../../src/core/ledger';
import { aggregatesToJson, SpendAggregates, totalsOf } from '../../../src/core/ledger/aggregates';
import type { LedgerRecord } from '../../../src/core/ledger/record';
import { entry } from './fixtures/entry';
import { withTimeZone } from './fixtures/time-zone';

function ledgerAt(now: number): SpendLedger {
  const l = new SpendLedger({ dir: fs.mkdtempSync(path.join(os.tmpdir(), 'sb-agg-')), clock: { now: () => now } });
  l.load();
  return l;
}

describe('Spend aggregates', () => {
  it('a partial outcome counts as a failed attempt, before and after compaction', () => {
    const now = new Date(2026, 10, 25, 12).getTime();
    const l = ledgerAt(now);
    const old = new Date(2026, 5, 3, 9).getTime();
    for (const ts of [now, old]) {
      l.append(entry(`p${ts}`, { ts, outcome: 'partial' }));
      l.append(entry(`c${ts}`, { ts, outcome: 'cancelled' }));
      l.append(entry(`s${ts}`, { ts, outcome: 'success' }));
    }
    assert.equal(l.spent('day').failedAttempts, 1);
    assert.equal(l.spent('day').attempts, 3);
    assert.deepEqual(l.compact(3).monthsCompacted, ['2026-06']);
    assert.equal(l.spent('month', { at: old }).failedAttempts, 1);
    assert.equal(l.spent('month', { at: old }).attempts, 3);
  });

  it('cache-write and reasoning tokens add up, before and after compaction', () => {
    const now = new Date(2026, 10, 25, 12).getTime();
    const l = ledgerAt(now);
    const old = new Date(2026, 5, 3, 9).getTime();
    for (const ts of [now, old]) {
      l.append(entry(`a${ts}`, { ts, cacheWriteTokens: 100, reasoningTokens: 30 }));
      l.append(entry(`b${ts}`, { ts: ts + 1, cacheWriteTokens: 50, reasoningTokens: 20 }));
    }
    const tokens = (at: number) => {
      const { cacheWriteTokens, reasoningTokens } = l.spent('month', { at });
      return { cacheWriteTokens, reasoningTokens };
    };
    assert.deepEqual(tokens(now), { cacheWriteTokens: 150, reasoningTokens: 50 });
    assert.deepEqual(l.compact(3).monthsCompacted, ['2026-06']);
    assert.deepEqual(tokens(old), { cacheWriteTokens: 150, reasoningTokens: 50 });
    // A late record of that day folds into the summary's row on the next pass.
    l.append(entry('late', { ts: old + 2, cacheWriteTokens: 25, reasoningTokens: 5 }));
    assert.deepEqual(l.compact(3).monthsCompacted, ['2026-06']);
    assert.deepEqual(tokens(old), { cacheWriteTokens: 175, reasoningTokens: 55 });
  });

  it('a record stamped at the epoch (a clock reset to 0) counts on its day', () => {
    const l = ledgerAt(Date.now());
    l.append(entry('epoch', { ts: 0, costUsd: 1 }));
    assert.equal(l.spent('day', { at: 0 }).usd, 1);
    assert.equal(l.spent('month', { at: 0 }).attempts, 1);
  });

  for (const tz of ['Asia/Tokyo', 'America/Los_Angeles', 'UTC']) {
    it(`a record at exactly local midnight lands on the new day (${tz})`, () =>
      withTimeZone(tz, () => {
        const midnight = new Date(2026, 10, 26, 0, 0, 0, 0).getTime();
        const l = ledgerAt(midnight);
        // The record just before warms the day cache, so the boundary itself is what is tested.
        l.append(entry('before', { ts: midnight - 1, costUsd: 1 }));
        l.append(entry('at', { ts: midnight, costUsd: 2 }));
        assert.equal(l.spent('day', { at: midnight }).usd, 2);
        assert.equal(l.spent('day', { at: midnight - 1 }).usd, 1);
        assert.equal(l.summary('day', midnight).key, '2026-11-26');
        // 1 December at 00:00 opens a new month, and a Monday a new week.
        const monthStart = new Date(2026, 11, 1).getTime();
        l.append(entry('m-before', { ts: monthStart - 1, costUsd: 4 }));
        l.append(entry('m-at', { ts: monthStart, costUsd: 8 }));
        assert.equal(l.spent('month', { at: monthStart }).usd, 8);
        const monday = new Date(2026, 10, 30).getTime();
        l.append(entry('w-before', { ts: monday - 1, costUsd: 16 }));
        l.append(entry('w-at', { ts: monday, costUsd: 32 }));
        assert.equal(l.spent('week', { at: monday }).usd, 32 + 4 + 8);
      }));
  }
});

describe('Spend aggregates: records and rows', () => {
  it('adding a record gives exactly what adding its row gives, in every bucket and dimension', () => {
    const recs = [
      { costStatus: 'exact', outcome: 'success' },
      { costStatus: 'estimated', outcome: 'partial', costUsd: 0.1 },
      { costStatus: 'unpriced', outcome: 'failed', costUsd: undefined, cacheSavedUsd: undefined },
      { costStatus: 'free', outcome: 'cancelled', costUsd: 0, workspace: undefined, origin: 'chat' },
    ].map((o, i) => ({ v: 1 as const, ts: new Date(2026, 3, 1 + i, 10).getTime() + i, ...entry(`r${i}`, o as Partial<LedgerEntry>) }));
    const byRecord = new SpendAggregates();
    const byRow = new SpendAggregates();
    for (const r of [...recs, ...recs]) {
      byRecord.addRecord(r as LedgerRecord);
      byRow.addRow({
        ts: r.ts,
        model: r.model,
        provider: r.provider,
        workspace: r.workspace ?? '',
        origin: r.origin ?? '',
        totals: totalsOf(r as LedgerRecord),
      });
    }
    assert.deepEqual(aggregatesToJson(byRecord), aggregatesToJson(byRow));
    assert.equal(byRecord.bucket('month', '2026-04')?.all.attempts, 8);
  });
});
