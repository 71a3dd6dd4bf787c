// Requests, not attempts: each request's first recorded attempt is marked, and the totals count
// marks per period and origin, live, from the checkpoint, after compaction and from a summary.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SpendLedger } from '../../../src/core/ledger';
import { entry } from './fixtures/entry';

const counts = (l: SpendLedger, at: number, origin?: string) => {
  const t = l.spent('month', { at, origin });
  return [t.requests, t.attempts];
};

describe('SpendLedger request counts', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-requests-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const now = new Date(2026, 10, 25, 12).getTime();
  const old = new Date(2026, 5, 3, 9).getTime();
  const open = () => {
    const l = new SpendLedger({ dir, clock: { now: () => now } });
    l.load();
    return l;
  };

  it('counts requests apart from attempts, per origin, through restart and compaction', () => {
    const l = open();
    // A gateway request that failed once, was retried on the same host, then fell back.
    l.append(entry('a1', { ts: old, origin: 'gateway', outcome: 'failed', requestStart: true }));
    l.append(entry('a2', { ts: old, origin: 'gateway', outcome: 'failed', requestStart: false }));
    l.append(entry('a3', { ts: old, origin: 'gateway', fallback: true, requestStart: false }));
    l.append(entry('b1', { ts: old, origin: 'gateway', requestStart: true }));
    l.append(entry('c1', { ts: old, origin: 'chat', requestStart: true }));
    const expected = { gateway: [2, 4], chat: [1, 1], all: [3, 5] };
    const check = (x: SpendLedger, how: string) => {
      assert.deepEqual(counts(x, old, 'gateway'), expected.gateway, how);
      assert.deepEqual(counts(x, old, 'chat'), expected.chat, how);
      assert.deepEqual(counts(x, old), expected.all, how);
    };
    check(l, 'live');
    l.close();
    const restarted = open();
    check(restarted, 'from the checkpoint');
    assert.deepEqual(restarted.compact(3).monthsCompacted, ['2026-06']);
    check(restarted, 'after compaction');
    restarted.close();
    const fresh = open();
    check(fresh, 'from the summary');
    fresh.close();
  });

  it('a record written before requests were marked counts as one unless it is a fallback', () => {
    const l = open();
    l.append(entry('x', { ts: now, origin: 'gateway' }));
    l.append(entry('y', { ts: now, origin: 'gateway', fallback: true }));
    assert.deepEqual(counts(l, now, 'gateway'), [1, 2]);
    l.close();
  });

  it('an older checkpoint, without request counts, is not trusted: the totals are read again from the files', () => {
    const l = open();
    for (let i = 0; i < 3; i++) l.append(entry(`r${i}`, { ts: now, origin: 'gateway', requestStart: i === 0 }));
    l.close();
    // What the previous version wrote: v3, eleven numbers per total, and a request count it never had.
    const file = path.join(dir, 'checkpoint.json');
    const cp = JSON.parse(fs.readFileSync(file, 'utf8')) as { v: number; buckets: [string, Record<string, unknown>][] };
    const v3 = (t: number[]) => t.slice(0, 11);
    cp.v = 3;
    cp.buckets = cp.buckets.map(([id, b]) => [
      id,
      Object.fromEntries(
        Object.entries(b).map(([k, v]) => [k, k === 'all' ? v3(v as number[]) : (v as [string, number[]][]).map(([n, t]) => [n, v3(t)])]),
      ),
    ]);
    fs.writeFileSync(file, JSON.stringify(cp));
    const again = open();
    assert.deepEqual(counts(again, now, 'gateway'), [1, 3]);
    again.close();
    assert.equal((JSON.parse(fs.readFileSync(file, 'utf8')) as { v: number }).v, 4, 'the rebuilt totals are checkpointed again');
  });
});
