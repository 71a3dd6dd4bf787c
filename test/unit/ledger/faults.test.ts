// Disk and clock faults: short writes, files that shrink or are rewritten, and bad numbers.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SpendLedger } from '../../../src/core/ledger';
import { readCheckpoint } from '../../../src/core/ledger/checkpoint';
import { listLedgerFiles } from '../../../src/core/ledger/files';
import { silentLogger, type Logger } from '../../../src/core/platform';
import { entry } from './fixtures/entry';

function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'sb-ledger-faults-'));
}

function memLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(`info ${m}`), warn: (m) => lines.push(`warn ${m}`), error: (m) => lines.push(`error ${m}`) };
}

function rawFiles(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.jsonl'))
    .map((n) => path.join(dir, n));
}

function fresh(dir: string): SpendLedger {
  const l = new SpendLedger({ dir, writerId: `fresh${Math.random().toString(36).slice(2, 8)}` });
  l.load();
  return l;
}

const cents = (usd: number) => Math.round(usd * 100);

describe('SpendLedger under disk faults', () => {
  it('completes a write that stored fewer bytes than asked', () => {
    const dir = tmpDir();
    let calls = 0;
    // The first call of each record stores only half its bytes, as a nearly full disk can.
    const writeSync = (fd: number, buf: Uint8Array, off: number, len: number) => {
      calls++;
      return fs.writeSync(fd, buf, off, len > 8 && off === 0 ? Math.floor(len / 2) : len);
    };
    const l = new SpendLedger({ dir, writerId: 'short', writeSync });
    l.load();
    for (let i = 0; i < 3; i++) l.append(entry(`s${i}`, { costUsd: 2 }));
    assert.ok(calls >= 6, 'the injected write was used');
    assert.equal(cents(l.spent('day').usd), 600);
    l.refresh();
    assert.equal(cents(l.spent('day').usd), 600, 'the writer does not re-read its own lines');
    const r = fresh(dir);
    assert.equal(cents(r.spent('day').usd), 600);
    assert.equal(r.skipped.corrupt + r.skipped.torn, 0);
  });

  it('cuts a failed write back to the last full line, so the next record is not glued to it', () => {
    const dir = tmpDir();
    let fail = false;
    const writeSync = (fd: number, buf: Uint8Array, off: number, len: number) => {
      if (!fail) return fs.writeSync(fd, buf, off, len);
      fs.writeSync(fd, buf, off, Math.min(len, 20));
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    };
    const l = new SpendLedger({ dir, writerId: 'full', writeSync });
    l.load();
    l.append(entry('a', { costUsd: 1 }));
    fail = true;
    assert.throws(() => l.append(entry('lost', { costUsd: 5 })), /ENOSPC/);
    fail = false;
    l.append(entry('b', { costUsd: 2 }));
    assert.equal(cents(l.spent('day').usd), 300);
    const r = fresh(dir);
    assert.equal(cents(r.spent('day').usd), 300);
    assert.equal(r.skipped.corrupt + r.skipped.torn, 0);
  });

  it('a file found shorter than what was read is re-read from scratch, not on top of old totals', () => {
    const dir = tmpDir();
    const w = new SpendLedger({ dir, writerId: 'w' });
    for (let i = 0; i < 3; i++) w.append(entry(`w${i}`, { costUsd: 2 }));
    const reader = fresh(dir);
    assert.equal(cents(reader.spent('day').usd), 600);
    // The last line loses its second half (a short write, or a file restored from a backup).
    const [file] = rawFiles(dir);
    fs.truncateSync(file, fs.statSync(file).size - 100);
    reader.refresh();
    reader.refresh();
    assert.equal(cents(reader.spent('day').usd), 400);
    assert.equal(reader.spent('day').attempts, 2);
    // The owner of the file appends after the torn bytes: its record must stand on a line of its own.
    w.append(entry('w3', { costUsd: 1 }));
    reader.refresh();
    assert.equal(cents(reader.spent('day').usd), 500);
    assert.equal(cents(w.spent('day').usd), 500, 'the writer rebuilt its totals too');
    const r = fresh(dir);
    assert.equal(cents(r.spent('day').usd), 500);
    assert.equal(r.skipped.corrupt, 1, 'only the torn half-line is skipped');
  });

  it('truncate then append: the new records are counted and the old ones are gone', () => {
    const dir = tmpDir();
    const w = new SpendLedger({ dir, writerId: 'w' });
    for (let i = 0; i < 3; i++) w.append(entry(`w${i}`, { costUsd: 1 }));
    w.close();
    const reader = fresh(dir);
    assert.equal(reader.spent('day').attempts, 3);
    const [file] = rawFiles(dir);
    fs.truncateSync(file, 0);
    fs.appendFileSync(file, `${JSON.stringify({ v: 1, ts: Date.now(), ...entry('n0', { costUsd: 4 }) })}\n`);
    reader.refresh();
    assert.equal(reader.spent('day').attempts, 1);
    assert.equal(cents(reader.spent('day').usd), 400);
  });

  it('a file rewritten to more bytes than were read is detected and re-read', () => {
    const dir = tmpDir();
    const w = new SpendLedger({ dir, writerId: 'w' });
    w.append(entry('w0', { costUsd: 1 }));
    w.close();
    const reader = fresh(dir);
    const [file] = rawFiles(dir);
    const line = (id: string, usd: number) =>
      `${JSON.stringify({ v: 1, ts: Date.now(), ...entry(id, { costUsd: usd, model: 'x/a-longer-model-name' }) })}\n`;
    fs.writeFileSync(file, line('n0', 3) + line('n1', 4));
    reader.refresh();
    assert.equal(reader.spent('day').attempts, 2);
    assert.equal(cents(reader.spent('day').usd), 700);
    assert.equal(reader.skipped.corrupt, 0);
  });

  it('a file smaller than its checkpoint offset is read again in full at load', () => {
    const dir = tmpDir();
    const w = new SpendLedger({ dir, writerId: 'w' });
    w.load();
    for (let i = 0; i < 600; i++) w.append(entry(`w${i}`, { costUsd: 0.01 }));
    w.close();
    assert.ok(fs.existsSync(path.join(dir, 'checkpoint.json')));
    const [file] = rawFiles(dir);
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    fs.writeFileSync(file, `${lines.slice(0, 10).join('\n')}\n`);
    const { raw } = listLedgerFiles(dir);
    assert.equal(readCheckpoint(dir, raw, [], silentLogger), undefined, 'the checkpoint no longer describes the file');
    // A checkpoint of an older version keeps no bytes to compare: the size alone must tell.
    const cpFile = path.join(dir, 'checkpoint.json');
    fs.writeFileSync(cpFile, JSON.stringify({ ...JSON.parse(fs.readFileSync(cpFile, 'utf8')), tails: undefined }));
    assert.equal(readCheckpoint(dir, raw, [], silentLogger), undefined, 'an older checkpoint no longer describes the file');
    assert.equal(fresh(dir).spent('day').attempts, 10);
  });
});

describe('SpendLedger with bad numbers', () => {
  it('a negative duration (the clock stepped back) is clamped on write and the spend counted everywhere', () => {
    const dir = tmpDir();
    const log = memLogger();
    const a = new SpendLedger({ dir, writerId: 'a', logger: log });
    const b = new SpendLedger({ dir, writerId: 'b' });
    a.load();
    b.load();
    a.append(entry('neg', { durationMs: -2990, ttftMs: -10, costUsd: 1.5 }));
    b.refresh();
    assert.equal(cents(b.spent('day').usd), 150);
    assert.equal(b.skipped.corrupt, 0);
    const r = fresh(dir);
    assert.equal(cents(r.spent('day').usd), 150);
    assert.equal(r.recent()[0].durationMs, 0);
    const [file] = rawFiles(dir);
    assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).durationMs, 0, 'stored clamped');
    assert.ok(
      log.lines.some((x) => x.includes('durationMs')),
      'the clamp is logged',
    );
  });

  it('a stored record with a bad field is kept, clamped and reported', () => {
    const dir = tmpDir();
    const file = path.join(dir, 'spend-2026-11.old.jsonl');
    const ts = new Date(2026, 10, 20, 12).getTime();
    const bad = { v: 1, ts, ...entry('bad', { costUsd: 2 }), durationMs: -2990, ttftMs: 1e15, inputTokens: -3, outputTokens: 'many' };
    fs.writeFileSync(file, `${JSON.stringify(bad)}\n${JSON.stringify({ v: 1, ts, ...entry('ok', { costUsd: 1 }) })}\n`);
    const log = memLogger();
    const l = new SpendLedger({ dir, logger: log, clock: { now: () => ts } });
    l.load();
    const t = l.spent('day');
    assert.equal(t.attempts, 2);
    assert.equal(cents(t.usd), 300);
    assert.equal(t.inputTokens, 1200, 'the negative count adds nothing');
    assert.equal(l.skipped.corrupt, 0);
    assert.equal(l.skipped.clamped, 1);
    const rec = l.recent().find((r) => r.id === 'bad')!;
    assert.equal(rec.durationMs, 0);
    assert.ok(rec.ttftMs !== undefined && rec.ttftMs <= 86_400_000);
    assert.ok(log.lines.some((x) => x.includes('durationMs') && x.includes('bad')));
  });
});
