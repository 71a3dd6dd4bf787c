import * as assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SpendLedger } from '../../../src/core/ledger';
import type { Logger } from '../../../src/core/platform';
import { entry } from './fixtures/entry';

const WORKER = path.join(__dirname, 'fixtures', 'append-worker.ts');

function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'sb-ledger-'));
}

function runWorker(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = fork(WORKER, args, { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? -1));
  });
}

function memLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(`info ${m}`), warn: (m) => lines.push(`warn ${m}`), error: (m) => lines.push(`error ${m}`) };
}

describe('SpendLedger', () => {
  it('appends, aggregates by period and dimension, and survives a reload', () => {
    const dir = tmpDir();
    const t0 = new Date(2026, 10, 25, 10, 0).getTime();
    const clock = { now: () => t0 };
    const l = new SpendLedger({ dir, clock });
    l.load();
    l.append(entry('a', { costUsd: 0.5 }));
    l.append(entry('b', { provider: 'openrouter', model: 'openai/gpt-5', costUsd: 0.25, workspace: 'ws-2' }));
    l.append(entry('c', { costUsd: undefined, costStatus: 'unpriced', outcome: 'failed' }));
    l.append(entry('d', { costUsd: 0.1, costStatus: 'estimated', ts: new Date(2026, 9, 3).getTime() }));
    const day = l.spent('day');
    assert.equal(day.attempts, 3);
    assert.equal(Math.round(day.usd * 100), 75);
    assert.equal(day.unpricedAttempts, 1);
    assert.equal(day.failedAttempts, 1);
    assert.equal(Math.round(l.spent('day', { workspace: 'ws-2' }).usd * 100), 25);
    const month = l.summary('month');
    assert.deepEqual(
      month.by.provider.map(([p]) => p),
      ['anthropic', 'openrouter'],
    );
    assert.equal(Math.round(l.spent('month', { at: new Date(2026, 9, 10).getTime() }).estimatedUsd * 10), 1);
    l.close();

    const again = new SpendLedger({ dir, clock });
    again.load();
    assert.deepEqual(again.spent('day'), day);
    assert.equal(
      again
        .series('month', 2)
        .map((s) => s.totals.attempts)
        .join(','),
      '1,3',
    );
  });

  it('sees another writer’s appends on refresh, reading only new bytes', () => {
    const dir = tmpDir();
    const a = new SpendLedger({ dir, writerId: 'a' });
    const b = new SpendLedger({ dir, writerId: 'b' });
    a.load();
    b.load();
    let changes = 0;
    a.onChange(() => changes++);
    b.append(entry('b1'));
    b.append(entry('b2'));
    assert.equal(a.spent('day').attempts, 0);
    assert.equal(a.refresh(), true);
    assert.equal(a.spent('day').attempts, 2);
    assert.equal(a.refresh(), false, 'nothing new the second time');
    assert.equal(a.spent('day').attempts, 2, 'no double counting');
    a.append(entry('a1'));
    b.refresh();
    assert.equal(b.spent('day').attempts, 3);
    assert.equal(changes, 2);
  });

  it('skips and counts corrupt and foreign lines, never fatal', () => {
    const dir = tmpDir();
    const l = new SpendLedger({ dir, writerId: 'x' });
    l.append(entry('ok1'));
    l.close();
    const file = path.join(dir, fs.readdirSync(dir)[0]);
    fs.appendFileSync(file, 'not json at all\n{"v":2,"id":"future"}\n{"hello":"world"}\n');
    const l2 = new SpendLedger({ dir, writerId: 'y' });
    l2.append(entry('ok2'));
    l2.close();
    const log = memLogger();
    const reader = new SpendLedger({ dir, logger: log });
    reader.load();
    assert.equal(reader.spent('day').attempts, 2);
    assert.equal(reader.skipped.corrupt, 3);
    assert.equal(log.lines.filter((x) => x.includes('corrupt or foreign')).length, 3);
  });

  it('4 processes × 10,000 appends at once lose no record', async function () {
    this.timeout(120_000);
    const dir = tmpDir();
    const codes = await Promise.all([0, 1, 2, 3].map((i) => runWorker([dir, '10000', 'normal', String(i)])));
    assert.deepEqual(codes, [0, 0, 0, 0]);
    const l = new SpendLedger({ dir });
    l.load();
    assert.equal(l.spent('day').attempts, 40_000);
    assert.equal(l.skipped.corrupt + l.skipped.torn, 0);
    // Every line is a whole record with a unique id.
    const ids = new Set<string>();
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.jsonl')))
      for (const line of fs.readFileSync(path.join(dir, f), 'utf8').trim().split('\n')) ids.add(JSON.parse(line).id);
    assert.equal(ids.size, 40_000);
  });

  it('a writer killed mid-line leaves one torn line that the next load skips and reports', async function () {
    this.timeout(60_000);
    const dir = tmpDir();
    const child = fork(WORKER, [dir, '100', 'torn', 't'], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    await new Promise<void>((resolve) => child.on('message', () => resolve()));
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    const log = memLogger();
    const l = new SpendLedger({ dir, logger: log });
    l.load();
    assert.equal(l.spent('day').attempts, 100, 'every complete line kept');
    assert.equal(l.skipped.torn, 1);
    assert.ok(log.lines.some((x) => x.includes('incomplete last line')));
    // The next writer uses its own file, so the torn fragment never glues onto a new record.
    l.append(entry('after'));
    const l2 = new SpendLedger({ dir });
    l2.load();
    assert.equal(l2.spent('day').attempts, 101);
    assert.equal(l2.skipped.corrupt, 0);
    assert.equal(l2.skipped.torn, 1, 'the same torn line is not counted again after a checkpoint');
  });

  it('a writer killed at a random moment loses no acknowledged append', async function () {
    this.timeout(60_000);
    const dir = tmpDir();
    const child = fork(WORKER, [dir, '0', 'forever', 'k'], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let acked = 0;
    await new Promise<void>((resolve) =>
      child.on('message', (m: { acked: number }) => {
        acked = m.acked;
        if (acked >= 3000) resolve();
      }),
    );
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    const l = new SpendLedger({ dir });
    l.load();
    assert.ok(l.spent('day').attempts >= acked, `${l.spent('day').attempts} >= ${acked}`);
    assert.ok(l.skipped.torn <= 1);
    assert.equal(l.skipped.corrupt, 0);
  });

  it('compaction keeps every month’s totals and the CSV export', () => {
    const dir = tmpDir();
    const now = new Date(2026, 10, 25, 12).getTime();
    const l = new SpendLedger({ dir, clock: { now: () => now } });
    l.load();
    const months = [5, 6, 7, 8, 9, 10];
    for (const m of months)
      for (let d = 1; d <= 3; d++) l.append(entry(`m${m}d${d}`, { ts: new Date(2026, m, d, 9).getTime(), costUsd: 1 }));
    const before = months.map((m) => l.spent('month', { at: new Date(2026, m, 2).getTime() }));
    const res = l.compact(3);
    assert.deepEqual(res.monthsCompacted, ['2026-06', '2026-07', '2026-08']);
    const after = months.map((m) => l.spent('month', { at: new Date(2026, m, 2).getTime() }));
    assert.deepEqual(after, before);
    assert.equal(fs.readdirSync(dir).filter((f) => f.startsWith('summary-')).length, 3);
    const fresh = new SpendLedger({ dir });
    fresh.load();
    assert.deepEqual(
      months.map((m) => fresh.spent('month', { at: new Date(2026, m, 2).getTime() })),
      before,
    );
    const csv = l.exportCsv().trim().split('\n');
    assert.match(csv[0], /^time,workspace,conversation,model,provider/);
    assert.equal(csv.filter((r) => r.includes(',compacted,')).length, 9);
    assert.equal(csv.length, 1 + 18);
  });

  it('a checkpoint gives the same totals as a full read, then only new lines are read', () => {
    const dir = tmpDir();
    const a = new SpendLedger({ dir, writerId: 'a' });
    a.load();
    for (let i = 0; i < 600; i++) a.append(entry(`a${i}`, { costUsd: 0.01 }));
    a.close(); // 600 new records: leaves a checkpoint
    assert.ok(fs.existsSync(path.join(dir, 'checkpoint.json')));
    const b = new SpendLedger({ dir, writerId: 'b' });
    b.append(entry('b-after-checkpoint', { costUsd: 1 }));
    b.close();
    const warm = new SpendLedger({ dir });
    warm.load();
    fs.rmSync(path.join(dir, 'checkpoint.json'));
    const cold = new SpendLedger({ dir });
    cold.load();
    assert.deepEqual(warm.spent('day'), cold.spent('day'));
    assert.equal(warm.spent('day').attempts, 601);
    assert.deepEqual(warm.summary('month').by, cold.summary('month').by);
    assert.equal(warm.recent().at(-1)?.id, 'b-after-checkpoint');
  });

  it('a stale or corrupt checkpoint is ignored and everything is read again', () => {
    const dir = tmpDir();
    const a = new SpendLedger({ dir, writerId: 'a' });
    for (let i = 0; i < 600; i++) a.append(entry(`a${i}`));
    a.close();
    // The file it describes shrank (restored from an older backup): the snapshot no longer matches.
    const file = path.join(
      dir,
      fs.readdirSync(dir).find((n) => n.endsWith('.jsonl'))!,
    );
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    fs.writeFileSync(file, lines.slice(0, 100).join('\n') + '\n');
    const l = new SpendLedger({ dir });
    l.load();
    assert.equal(l.spent('day').attempts, 100);
    fs.writeFileSync(path.join(dir, 'checkpoint.json'), '{"v":1,"files":"nonsense"}');
    const log = memLogger();
    const l2 = new SpendLedger({ dir, logger: log });
    l2.load();
    assert.equal(l2.spent('day').attempts, 100);
    assert.ok(log.lines.some((x) => x.includes('ignoring an unreadable checkpoint')));
  });

  it('CSV fields are quoted and formulas defused', async () => {
    const { csvField } = await import('../../../src/core/ledger');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    assert.equal(csvField(-1.5), '-1.5');
  });

  it('CSV defuses every character a spreadsheet starts a formula with, and quotes line breaks inside a field', async () => {
    const { csvField } = await import('../../../src/core/ledger');
    assert.equal(csvField('+1+cmd|calc'), `'+1+cmd|calc`);
    assert.equal(csvField('-2+3'), `'-2+3`);
    assert.equal(csvField('@SUM(A1)'), `'@SUM(A1)`);
    assert.equal(csvField('\t=1'), `'\t=1`);
    assert.equal(csvField('\r=1'), `"'\r=1"`);
    assert.equal(csvField('line one\nline two'), '"line one\nline two"');
    assert.equal(csvField('a\r\nb'), '"a\r\nb"');
    // Only text is defused: numbers, booleans and text that merely contains the characters stay as they are.
    assert.equal(csvField(-3), '-3');
    assert.equal(csvField(true), 'true');
    assert.equal(csvField('a-b+c@d'), 'a-b+c@d');
    assert.equal(csvField(undefined), '');
  });
});
