// Where a window stands in each file: its own appends move it without reading, other windows'
// lines are left to refresh(), and a file changed behind it is noticed and read again, so a re-read
// ends where a fresh start would.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SpendLedger, type LedgerEntry, type LedgerRecord } from '../../../src/core/ledger';
import { compactLedger } from '../../../src/core/ledger/compaction';
import { entry } from './fixtures/entry';
import { memLogger, tmpDir } from './fixtures/ledger';
import { coldView, view } from './fixtures/views';

const at = (y: number, m: number, d: number, h = 12) => new Date(y, m - 1, d, h).getTime();
const NOW = at(2026, 11, 25);
const JUNE = at(2026, 6, 10);
const clock = { now: () => NOW };
const REREAD = 'warn Spend ledger: a ledger file shrank or was rewritten; totals were read again from disk.';

const line = (id: string, over: Partial<LedgerEntry> = {}) => `${JSON.stringify({ v: 1, ts: NOW, ...entry(id, over) })}\n`;
const raw = (dir: string, month: string, writer: string) => path.join(dir, `spend-${month}.${writer}.jsonl`);

function open(dir: string, writerId: string, logger = memLogger()): SpendLedger {
  const l = new SpendLedger({ dir, writerId, clock, logger });
  l.load();
  return l;
}

/** The smallest records the schema allows: shorter than the bytes a window keeps to check a file with. */
const short = (id: string, ts: number): LedgerEntry & { id: string } => ({
  ts,
  model: 'm',
  provider: 'p',
  endpoint: 'e',
  inputTokens: 1,
  outputTokens: 1,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  costStatus: 'free',
  durationMs: 1,
  outcome: 'success',
  fallback: false,
  id,
});

/** A window appends short records, another program edits its file and adds one: whether the window read it all again, and its recent list. */
function rewrittenBehind(ids: string[], edit: (text: string) => string): { reread: boolean; recent: LedgerRecord[] } {
  const dir = tmpDir();
  const log = memLogger();
  const a = open(dir, 'a', log);
  for (const [i, id] of ids.entries()) a.append(short(id, NOW + i));
  const file = raw(dir, '2026-11', 'a');
  fs.writeFileSync(file, edit(fs.readFileSync(file, 'utf8')) + `${JSON.stringify({ v: 1, ...short('next', NOW + 9) })}\n`);
  assert.equal(a.refresh(), true);
  return { reread: log.lines.includes(REREAD), recent: a.recent() };
}

describe('SpendLedger read positions', () => {
  it('appends after its own torn line leave another window’s lines to refresh(), and a line being written is not called torn', () => {
    const dir = tmpDir();
    const other = raw(dir, '2026-11', 'b');
    fs.writeFileSync(raw(dir, '2026-11', 'a'), line('cut').slice(0, 30));
    const log = memLogger();
    const a = open(dir, 'a', log);
    let heard = 0;
    a.onChange(() => heard++);
    // The other window is half-way through a line when this one appends (and so reads past its own torn bytes).
    fs.writeFileSync(other, line('b1').slice(0, 40));
    a.append(entry('a1'));
    fs.appendFileSync(other, line('b1').slice(40));
    for (const id of ['a2', 'a3']) {
      a.append(entry(id));
      assert.equal(a.refresh(), true, `the other window's record is news after ${id}`);
      fs.appendFileSync(other, line(`b-${id}`));
    }
    assert.equal(a.refresh(), true);
    assert.equal(a.spent('day').attempts, 6);
    assert.equal(heard, 3 + 3);
    assert.deepEqual({ ...a.skipped }, { torn: 1, corrupt: 1, clamped: 0 });
    assert.equal(log.lines.filter((x) => x.includes('incomplete last line')).length, 1, log.lines.join('\n'));
  });

  it('a file rewritten behind one short record the window appended is read again', () => {
    const { reread, recent } = rewrittenBehind(['s1'], (text) => text.replace('"model":"m"', '"model":"n"'));
    assert.ok(reread);
    assert.deepEqual(
      recent.map((r) => `${r.id}:${r.model}`),
      ['s1:n', 'next:m'],
    );
  });

  it('a file rewritten just before where the window stopped, behind short records it appended, is read again', () => {
    const { reread, recent } = rewrittenBehind(['s1', 's2'], (text) => {
      // The digit changed is the first record's last but ten bytes: within the last 256 the window read.
      assert.ok(Buffer.byteLength(text) - text.indexOf('"s1"') - 2 <= 256);
      return text.replace('"id":"s1"', '"id":"s9"');
    });
    assert.ok(reread);
    assert.deepEqual(
      recent.map((r) => r.id),
      ['s9', 's2', 'next'],
    );
  });

  it('a file cut short behind the window: the re-read counts skipped lines as a fresh start does', () => {
    const dir = tmpDir();
    fs.writeFileSync(raw(dir, '2026-11', 'x'), line('x1') + 'not json\n' + line('x2') + line('x3').slice(0, 50));
    fs.writeFileSync(raw(dir, '2026-11', 'y'), line('y1') + line('y2'));
    const l = open(dir, 'reader');
    assert.deepEqual({ ...l.skipped }, { torn: 1, corrupt: 1, clamped: 0 });
    fs.writeFileSync(raw(dir, '2026-11', 'y'), line('y1'));
    assert.equal(l.refresh(), true);
    assert.deepEqual({ ...l.skipped }, { torn: 1, corrupt: 1, clamped: 0 });
    assert.equal(view(l, NOW, NOW), coldView(dir, NOW, NOW, NOW));
  });

  it('after a compaction that raced a late record, re-reads agree with a fresh start, also once its summary is damaged', () => {
    const dir = tmpDir();
    const june = raw(dir, '2026-06', 'w');
    fs.writeFileSync(june, line('j1', { costUsd: 1 }).replace(`"ts":${NOW}`, `"ts":${JUNE}`));
    // The late record lands after the compaction read the file: the summary holds j1, the file keeps both.
    compactLedger(dir, 3, NOW, memLogger(), {
      step: (name) => {
        if (name === 'read') fs.appendFileSync(june, line('j2', { costUsd: 2 }).replace(`"ts":${NOW}`, `"ts":${JUNE + 1}`));
      },
    });
    const now = raw(dir, '2026-11', 'g');
    fs.writeFileSync(now, line('g1') + line('g2'));
    const l = open(dir, 'reader');
    // June's day and the current one hold every figure that moves here.
    const seen = () => view(l, JUNE, JUNE) + view(l, NOW, NOW);
    const fresh = () => coldView(dir, NOW, JUNE, JUNE) + coldView(dir, NOW, NOW, NOW);
    assert.equal(l.spent('month', { at: JUNE }).usd, 3);
    fs.writeFileSync(now, line('g1'));
    assert.equal(l.refresh(), true);
    assert.equal(seen(), fresh());
    assert.equal(l.spent('month', { at: JUNE }).usd, 3);
    // With the summary unreadable, June is what its raw file still holds, from its first byte.
    const [summary] = fs.readdirSync(dir).filter((n) => n.startsWith('summary-'));
    fs.writeFileSync(path.join(dir, summary), '{');
    fs.writeFileSync(now, '');
    assert.equal(l.refresh(), true);
    assert.equal(seen(), fresh());
    assert.equal(l.spent('month', { at: JUNE }).usd, 3);
  });
});
