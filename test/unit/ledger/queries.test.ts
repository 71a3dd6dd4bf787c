// What the status bar, dashboard and budgets read from the ledger: totals filtered by workspace or
// origin, breakdowns ordered by spend, the recent list, and change notifications.
import * as assert from 'node:assert/strict';
import { zeroTotals, type SpendLedgerOptions } from '../../../src/core/ledger';
import { entry } from './fixtures/entry';
import { ledgerAt, memLogger, tmpDir } from './fixtures/ledger';

const NOW = new Date(2026, 10, 25, 12).getTime();

const ledger = (opts: Partial<SpendLedgerOptions> = {}) => ledgerAt(NOW, opts);

describe('SpendLedger queries', () => {
  it('spent() filters by origin or by workspace, and is zero for one that spent nothing', () => {
    const l = ledger();
    l.append(entry('a', { origin: 'chat', workspace: 'ws-a', costUsd: 1 }));
    l.append(entry('b', { origin: 'gateway', workspace: 'ws-a', costUsd: 2 }));
    l.append(entry('c', { origin: 'gateway', workspace: 'ws-b', costUsd: 4 }));
    l.append(entry('d', { origin: undefined, workspace: undefined, costUsd: 8 }));
    assert.equal(l.spent('day').usd, 15);
    assert.equal(l.spent('day', { origin: 'gateway' }).usd, 6);
    assert.equal(l.spent('day', { origin: 'chat' }).usd, 1);
    assert.equal(l.spent('day', { origin: '' }).usd, 8, 'records without an origin are counted under ""');
    assert.equal(l.spent('day', { workspace: 'ws-a' }).usd, 3);
    assert.equal(l.spent('day', { workspace: '' }).usd, 8);
    // The origin filter wins when both are given: budgets ask for one or the other.
    assert.equal(l.spent('day', { origin: 'gateway', workspace: 'ws-a' }).usd, 6);
    assert.deepEqual(l.spent('day', { origin: 'compare' }), zeroTotals());
    assert.deepEqual(l.spent('day', { workspace: 'ws-none' }), zeroTotals());
    assert.deepEqual(l.spent('day', { at: NOW - 3 * 86_400_000 }), zeroTotals());
    assert.deepEqual(l.spent('week', { at: NOW - 14 * 86_400_000, origin: 'chat' }), zeroTotals());
  });

  it('summary() lists each dimension by spend, largest first, and an empty period as zeros', () => {
    const l = ledger();
    l.append(entry('a', { model: 'm-cheap', provider: 'p1', workspace: 'w1', origin: 'chat', costUsd: 0.5 }));
    l.append(entry('b', { model: 'm-dear', provider: 'p2', workspace: 'w2', origin: 'lm-api', costUsd: 3 }));
    l.append(entry('c', { model: 'm-mid', provider: 'p1', workspace: 'w3', origin: 'compare', costUsd: 1 }));
    const s = l.summary('month');
    assert.equal(s.period, 'month');
    assert.equal(s.key, '2026-11');
    assert.equal(s.totals.usd, 4.5);
    assert.deepEqual(
      s.by.model.map(([k, t]) => [k, t.usd]),
      [
        ['m-dear', 3],
        ['m-mid', 1],
        ['m-cheap', 0.5],
      ],
    );
    assert.deepEqual(
      s.by.provider.map(([k, t]) => [k, t.usd]),
      [
        ['p2', 3],
        ['p1', 1.5],
      ],
    );
    assert.deepEqual(
      s.by.workspace.map(([k]) => k),
      ['w2', 'w3', 'w1'],
    );
    assert.deepEqual(
      s.by.origin.map(([k]) => k),
      ['lm-api', 'compare', 'chat'],
    );
    const empty = l.summary('day', new Date(2026, 0, 5).getTime());
    assert.deepEqual(empty, {
      period: 'day',
      key: '2026-01-05',
      totals: zeroTotals(),
      by: { model: [], provider: [], workspace: [], origin: [] },
    });
  });

  it('recent() gives the newest records by time, at most the limit, also after many appends and a restart', () => {
    const dir = tmpDir();
    const l = ledger({ dir, recentLimit: 3, writerId: 'w' });
    // Appended out of time order: the list is ordered by when each attempt happened.
    for (const [id, ts] of [
      ['late', NOW - 1_000],
      ['early', NOW - 5_000],
      ['last', NOW],
      ['mid', NOW - 3_000],
    ] as const)
      l.append(entry(id, { ts }));
    assert.deepEqual(
      l.recent().map((r) => r.id),
      ['mid', 'late', 'last'],
    );
    for (let i = 0; i < 20; i++) l.append(entry(`n${i}`, { ts: NOW + i }));
    assert.deepEqual(
      l.recent().map((r) => r.id),
      ['n17', 'n18', 'n19'],
    );
    l.close();
    const again = ledger({ dir, recentLimit: 3 });
    assert.deepEqual(
      again.recent().map((r) => r.id),
      ['n17', 'n18', 'n19'],
    );
  });

  it('recent() after a restart holds the newest records whichever writer’s file is read first, ties by id', () => {
    for (const [newer, older] of [
      ['a', 'b'],
      ['b', 'a'],
    ]) {
      const dir = tmpDir();
      const n = ledger({ dir, recentLimit: 3, writerId: newer });
      for (let i = 0; i < 3; i++) n.append(entry(`new${i}`, { ts: NOW + 1_000 + i }));
      n.close();
      const o = ledger({ dir, recentLimit: 3, writerId: older });
      for (let i = 0; i < 10; i++) o.append(entry(`old${i}`, { ts: NOW - 100_000 + i }));
      o.append(entry('tie-b', { ts: NOW + 1_002 }));
      o.append(entry('tie-a', { ts: NOW + 1_002 }));
      o.close();
      assert.deepEqual(
        ledger({ dir, recentLimit: 3 })
          .recent()
          .map((r) => r.id),
        ['new2', 'tie-a', 'tie-b'],
        `newest records written by ${newer}`,
      );
    }
  });

  it('keeps the last 200 records by default', () => {
    const l = ledger();
    for (let i = 0; i < 450; i++) l.append(entry(`r${i}`, { ts: NOW + i }));
    const recent = l.recent();
    assert.equal(recent.length, 200);
    assert.equal(recent[0].id, 'r250');
    assert.equal(recent.at(-1)?.id, 'r449');
  });

  it('tells every listener of each append, survives a listener that throws, and stops after unsubscribe', () => {
    const log = memLogger();
    const l = ledger({ logger: log });
    const heard: string[] = [];
    l.onChange(() => {
      throw new Error('listener broke');
    });
    const off = l.onChange(() => heard.push('second'));
    l.append(entry('a'));
    assert.deepEqual(heard, ['second']);
    assert.ok(log.lines.includes('error Spend ledger listener failed: listener broke'), log.lines.join('\n'));
    off();
    l.append(entry('b'));
    assert.deepEqual(heard, ['second']);
    assert.equal(l.spent('day').attempts, 2);
  });

  it('refresh() reports whether another window added anything, and notifies only then', () => {
    const dir = tmpDir();
    const mine = ledger({ dir, writerId: 'mine' });
    const other = ledger({ dir, writerId: 'other' });
    let heard = 0;
    mine.onChange(() => heard++);
    assert.equal(mine.refresh(), false);
    assert.equal(heard, 0);
    other.append(entry('o1', { costUsd: 2 }));
    assert.equal(mine.refresh(), true);
    assert.equal(heard, 1);
    assert.equal(mine.spent('day').usd, 2);
    assert.equal(mine.refresh(), false);
    assert.equal(heard, 1);
    // Its own append is not news to a later refresh.
    mine.append(entry('m1'));
    assert.equal(heard, 2);
    assert.equal(mine.refresh(), false);
    assert.equal(heard, 2);
  });

  it('refresh() after another window compacted reads the summaries instead of counting twice', () => {
    const dir = tmpDir();
    const mine = ledger({ dir, writerId: 'mine' });
    const other = ledger({ dir, writerId: 'other' });
    const june = new Date(2026, 5, 10).getTime();
    mine.append(entry('m', { ts: june, costUsd: 1 }));
    other.append(entry('o', { ts: june, costUsd: 2 }));
    assert.equal(mine.refresh(), true);
    assert.equal(mine.spent('month', { at: june }).usd, 3);
    let heard = 0;
    mine.onChange(() => heard++);
    assert.deepEqual(other.compact(3).monthsCompacted, ['2026-06']);
    assert.equal(mine.refresh(), true);
    assert.equal(heard, 1);
    assert.equal(mine.spent('month', { at: june }).usd, 3);
    assert.equal(mine.spent('month', { at: june }).attempts, 2);
  });

  it('compact() with nothing old enough changes nothing and notifies no one', () => {
    const l = ledger();
    l.append(entry('now', { costUsd: 1 }));
    let heard = 0;
    l.onChange(() => heard++);
    assert.deepEqual(l.compact(3), { monthsCompacted: [], filesRemoved: 0 });
    assert.equal(heard, 0);
    l.append(entry('old', { ts: new Date(2026, 1, 1).getTime(), costUsd: 1 }));
    assert.equal(heard, 1);
    const r = l.compact(3);
    assert.deepEqual(r, { monthsCompacted: ['2026-02'], filesRemoved: 1 });
    assert.equal(heard, 2);
    assert.equal(l.spent('month', { at: new Date(2026, 1, 1).getTime() }).usd, 1);
  });
});
