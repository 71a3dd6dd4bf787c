// Only totals and a short recent list stay in memory, however many records a ledger reads.
import * as assert from 'node:assert/strict';
import type { LedgerRecord } from '../../../src/core/ledger';
import { LedgerState } from '../../../src/core/ledger/ledger-state';
import { entry } from './fixtures/entry';
import { memLogger, tmpDir } from './fixtures/ledger';

const NOW = new Date(2026, 10, 25, 12).getTime();

describe('Ledger state memory', () => {
  it('holds at most twice the recent limit of records, and lists the newest', () => {
    const state = new LedgerState(tmpDir(), memLogger(), 3);
    for (let i = 0; i < 50; i++) state.ingest({ v: 1, ts: NOW + i, ...entry(`r${i}`) } as LedgerRecord);
    assert.ok(state.recentRecords.length <= 6, `${state.recentRecords.length} records held`);
    assert.deepEqual(
      state.recent().map((r) => r.id),
      ['r47', 'r48', 'r49'],
    );
  });
});
