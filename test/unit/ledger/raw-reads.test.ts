// Raw files as a reader finds them: a lone newline, a first record torn, a file restored behind
// the reader, and files or a folder gone by the time they are read.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SpendLedger } from '../../../src/core/ledger';
import { fsyncDir, readTail, sameBytesBefore } from '../../../src/core/ledger/files';
import { entry } from './fixtures/entry';
import { memLogger, tmpDir } from './fixtures/ledger';

const NOW = new Date(2026, 10, 25, 12).getTime();
const FILE = 'spend-2026-11.other.jsonl';
const full = (id: string, usd: number) => `${JSON.stringify({ v: 1, ts: NOW, ...entry(id, { costUsd: usd }) })}\n`;
/** An unpriced record with only the required fields, as a slimmer writer may leave: under 256 bytes. */
const slim = (id: string) =>
  `${JSON.stringify({
    ...{ v: 1, id, ts: NOW, model: 'm', provider: 'p', endpoint: 'e', costStatus: 'unpriced' },
    ...{ inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 },
    ...{ durationMs: 1, outcome: 'success', fallback: false },
  })}\n`;

function reader(dir: string, logger = memLogger()): SpendLedger {
  const l = new SpendLedger({ dir, logger, clock: { now: () => NOW }, writerId: 'reader' });
  l.load();
  return l;
}

describe('SpendLedger reading raw files', () => {
  it('a file emptied in an editor (a lone newline) skips nothing, and a record written after it counts', () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, FILE), '\n');
    const l = reader(dir);
    assert.deepEqual(l.skipped, { torn: 0, corrupt: 0, clamped: 0 });
    fs.appendFileSync(path.join(dir, FILE), full('a', 2));
    assert.equal(l.refresh(), true);
    assert.equal(l.spent('day').usd, 2);
    assert.deepEqual(reader(dir).skipped, { torn: 0, corrupt: 0, clamped: 0 });
  });

  it('a window killed while writing its very first record: the torn line is reported at load, then counted once finished', () => {
    const dir = tmpDir();
    const whole = full('a', 2);
    fs.writeFileSync(path.join(dir, FILE), whole.slice(0, 40));
    const log = memLogger();
    const l = reader(dir, log);
    assert.deepEqual(l.skipped, { torn: 1, corrupt: 0, clamped: 0 });
    assert.equal(log.lines.filter((x) => x.includes(`incomplete last line in ${FILE}`)).length, 1, log.lines.join('\n'));
    fs.appendFileSync(path.join(dir, FILE), whole.slice(40));
    l.refresh();
    assert.equal(l.spent('day').usd, 2);
  });

  it('a file restored to other records after a read that ended in a torn line is read again from its start', () => {
    const dir = tmpDir();
    const file = path.join(dir, FILE);
    // Less than 256 bytes of whole lines, then a torn record: the reader keeps every whole byte to compare.
    fs.writeFileSync(file, slim('a') + full('b', 2).slice(0, 100));
    const l = reader(dir);
    assert.equal(l.spent('day').attempts, 1);
    // Restored from a backup: other records, longer than what was read.
    fs.writeFileSync(file, slim('x') + slim('y'));
    l.refresh();
    assert.equal(l.spent('day').attempts, 2);
    assert.deepEqual(
      l.recent().map((r) => r.id),
      ['x', 'y'],
    );
  });

  it('a sealed month whose only line is torn is compacted: the line dropped with a warning, its file removed', () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'spend-2026-06.other.jsonl'), full('a', 2).slice(0, 40));
    const log = memLogger();
    assert.deepEqual(reader(dir, log).compact(3), { monthsCompacted: ['2026-06'], filesRemoved: 1 });
    assert.ok(log.lines.includes('warn Spend ledger: dropped an incomplete last line of spend-2026-06.other.jsonl while compacting.'));
    assert.deepEqual(
      fs.readdirSync(dir).filter((n) => n.includes('2026-06')),
      ['summary-2026-06.g1.json'],
    );
  });

  it('a ledger folder removed behind a window: refresh keeps the totals and does not throw', () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, FILE), full('a', 2));
    const l = reader(dir);
    fs.rmSync(dir, { recursive: true });
    assert.equal(l.refresh(), false);
    assert.equal(l.spent('day').usd, 2);
  });
});

describe('ledger files gone when they are read', () => {
  it('a raw file removed after it was listed reads as missing: no lines, the offset and known bytes kept', () => {
    const known = Buffer.from('{"v":1}\n');
    const tail = readTail(path.join(tmpDir(), FILE), 120, known);
    assert.deepEqual(tail, { lines: [], nextOffset: 120, fragment: '', tail: known, status: 'missing' });
  });

  it('a file gone does not hold the bytes a checkpoint expects before its offset', () => {
    assert.equal(sameBytesBefore(path.join(tmpDir(), FILE), 8, Buffer.from('{"v":1}\n')), false);
  });

  it('making a folder’s renames durable is skipped where the folder cannot be opened', () => {
    assert.doesNotThrow(() => fsyncDir(path.join(tmpDir(), 'gone')));
  });
});
