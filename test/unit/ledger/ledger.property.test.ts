// Property: whatever order several windows append, refresh, compact, fail to write and die in,
// every acknowledged record is counted exactly once, by every window and by a fresh start.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { SpendLedger } from '../../../src/core/ledger';
import { compactLedger } from '../../../src/core/ledger/compaction';
import { monthKey } from '../../../src/core/ledger/periods';
import { silentLogger } from '../../../src/core/platform';
import { entry } from './fixtures/entry';

const WINDOWS = 3;
const DAY = 86_400_000;

type Op =
  | { t: 'append'; w: number; quarters: number; daysBack: number }
  | { t: 'refresh'; w: number }
  | { t: 'compact'; w: number; retention: number }
  | { t: 'crashCompact'; w: number; retention: number; step: number }
  | { t: 'failedWrite'; w: number }
  | { t: 'kill'; w: number; torn: boolean }
  | { t: 'advance'; days: number };

const w = fc.integer({ min: 0, max: WINDOWS - 1 });
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      t: fc.constant('append' as const),
      w,
      quarters: fc.integer({ min: 0, max: 8 }),
      daysBack: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 120 })),
    }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('refresh' as const), w }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('compact' as const), w, retention: fc.integer({ min: 1, max: 3 }) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('crashCompact' as const),
      w,
      retention: fc.integer({ min: 1, max: 3 }),
      step: fc.integer({ min: 1, max: 8 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('failedWrite' as const), w }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('kill' as const), w, torn: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('advance' as const), days: fc.integer({ min: 1, max: 45 }) }) },
);

/** One simulated world: a folder, a clock, and the windows open on it. */
class World {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-ledger-prop-'));
  now = new Date(2026, 0, 15, 12).getTime();
  /** Acknowledged spend in quarters of a dollar (exact in binary), by month. */
  readonly expected = new Map<string, { attempts: number; quarters: number }>();
  private failNext = new Set<number>();
  private born = 0;
  windows: SpendLedger[] = [];

  constructor() {
    for (let i = 0; i < WINDOWS; i++) this.windows.push(this.open(i));
  }

  open(i: number): SpendLedger {
    const writeSync = (fd: number, buf: Uint8Array, off: number, len: number) => {
      if (!this.failNext.delete(i)) return fs.writeSync(fd, buf, off, len);
      fs.writeSync(fd, buf, off, Math.min(len, 7));
      throw Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' });
    };
    const l = new SpendLedger({ dir: this.dir, writerId: `win${i}g${this.born++}`, clock: { now: () => this.now }, writeSync });
    l.load();
    return l;
  }

  apply(o: Op): void {
    switch (o.t) {
      case 'append': {
        const ts = this.now - o.daysBack * DAY;
        this.windows[o.w].append(entry(`${this.born}-${ts}-${Math.random()}`, { ts, costUsd: o.quarters / 4 }));
        const e = this.expected.get(monthKey(ts)) ?? { attempts: 0, quarters: 0 };
        this.expected.set(monthKey(ts), { attempts: e.attempts + 1, quarters: e.quarters + o.quarters });
        return;
      }
      case 'refresh':
        this.windows[o.w].refresh();
        return;
      case 'compact':
        this.windows[o.w].compact(o.retention);
        return;
      case 'crashCompact': {
        let n = 0;
        const step = () => {
          if (++n === o.step) throw new Error('killed');
        };
        try {
          compactLedger(this.dir, o.retention, this.now, silentLogger, { step });
        } catch (e) {
          if ((e as Error).message !== 'killed') throw e;
        }
        return;
      }
      case 'failedWrite':
        this.failNext.add(o.w);
        assert.throws(() => this.windows[o.w].append(entry('never', { costUsd: 100 })), /ENOSPC/);
        return;
      case 'kill': {
        const dead = this.windows[o.w];
        // Killed between the two halves of a line: the half never counts.
        const file = fs.readdirSync(this.dir).find((n) => n.includes(`.${dead.writerId}`) && n.endsWith('.jsonl'));
        if (o.torn && file) fs.appendFileSync(path.join(this.dir, file), '{"v":1,"id":"torn","ts":1,"mod');
        this.windows[o.w] = this.open(o.w);
        return;
      }
      case 'advance':
        this.now += o.days * DAY;
        return;
    }
  }

  /** What a window shows per month, in the same units as `expected`. */
  seen(l: SpendLedger): string {
    return [...this.expected.keys()]
      .sort()
      .map((m) => {
        const [y, mo] = m.split('-').map(Number);
        const t = l.spent('month', { at: new Date(y, mo - 1, 15).getTime() });
        return `${m}:${t.attempts}/${Math.round(t.usd * 4)}`;
      })
      .join(' ');
  }

  want(): string {
    return [...this.expected.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([m, e]) => `${m}:${e.attempts}/${e.quarters}`)
      .join(' ');
  }

  check(after: string): void {
    const fresh = new SpendLedger({ dir: this.dir, writerId: 'reader', clock: { now: () => this.now } });
    fresh.load();
    assert.equal(this.seen(fresh), this.want(), `a fresh start, after ${after}`);
    for (const [i, l] of this.windows.entries()) {
      l.refresh();
      assert.equal(this.seen(l), this.want(), `window ${i} after refresh, after ${after}`);
    }
  }

  close(): void {
    for (const l of this.windows) l.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

describe('SpendLedger property', () => {
  it('random appends, refreshes, compactions, failed writes and kills lose no record and double none', function () {
    this.timeout(60_000);
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 30 }), (ops) => {
        const world = new World();
        try {
          ops.forEach((o, i) => {
            world.apply(o);
            // A fresh start must agree at every step, not only at the end.
            const fresh = new SpendLedger({ dir: world.dir, writerId: 'peek', clock: { now: () => world.now } });
            fresh.load();
            assert.equal(world.seen(fresh), world.want(), `a fresh start after op ${i} ${JSON.stringify(o)}`);
          });
          world.check('the last op');
          fs.rmSync(path.join(world.dir, 'checkpoint.json'), { force: true });
          world.check('removing the checkpoint');
        } finally {
          world.close();
        }
      }),
      { numRuns: Number(process.env.LEDGER_PROPERTY_RUNS ?? 60) },
    );
  });
});
