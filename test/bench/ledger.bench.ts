// Ledger figures: one append, loading 100k records, bytes per record. Each is set against a
// direct call on the same data in the same run (raw write, raw read + JSON.parse).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SpendLedger } from '../../src/core/ledger';
import { entry } from '../unit/ledger/fixtures/entry';
import type { BenchResult } from './run';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Runs the ledger benchmarks. */
export async function run(): Promise<BenchResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-bench-ledger-'));
  const ledger = new SpendLedger({ dir, writerId: 'bench' });
  ledger.load();
  const rawFd = fs.openSync(path.join(dir, 'raw.txt'), 'a');
  const ours: number[] = [];
  const direct: number[] = [];
  const sample = JSON.stringify(entry('x')) + '\n';
  for (let i = 0; i < 3000; i++) {
    let t = process.hrtime.bigint();
    ledger.append(entry(`a${i}`, { model: `m${i % 300}`, provider: `p${i % 5}` }));
    ours.push(Number(process.hrtime.bigint() - t) / 1e6);
    t = process.hrtime.bigint();
    fs.writeSync(rawFd, sample);
    direct.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  fs.closeSync(rawFd);
  ledger.close();

  // 100k records spread over 5 writer files and 3 months.
  const big = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-bench-ledger100k-'));
  const base = new Date(2026, 8, 1).getTime();
  let bytes = 0;
  for (let w = 0; w < 5; w++) {
    const byMonth = new Map<string, string[]>();
    for (let i = 0; i < 20_000; i++) {
      const ts = base + Math.floor(((w * 20_000 + i) / 100_000) * 85 * 86_400_000);
      const d = new Date(ts);
      const month = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
      const line =
        JSON.stringify({
          v: 1,
          ts,
          ...entry(`w${w}-${i}`, { model: `vendor/model-${i % 300}`, provider: `p${i % 5}`, workspace: `ws-${i % 7}` }),
        }) + '\n';
      bytes += Buffer.byteLength(line);
      (byMonth.get(month) ?? byMonth.set(month, []).get(month)!).push(line);
    }
    for (const [month, lines] of byMonth) fs.writeFileSync(path.join(big, `spend-${month}.w${w}.jsonl`), lines.join(''));
  }
  // First: no checkpoint and no digests, so every line is parsed and validated, and the digests of
  // the sealed months are written. Cold: no checkpoint, digests present (any start after the first
  // one that found a month sealed). Warm: a window starting after another left a checkpoint (the
  // normal case), plus 1,000 lines appended since. All three months are sealed by the time this runs.
  const loads: number[] = [];
  const cold: number[] = [];
  const first: number[] = [];
  const rawLoads: number[] = [];
  const checkpoint = path.join(big, 'checkpoint.json');
  const coldLoad = (into: number[]) => {
    fs.rmSync(checkpoint, { force: true });
    const t = performance.now();
    const c = new SpendLedger({ dir: big, writerId: 'reader' });
    c.load();
    into.push(performance.now() - t);
    if (c.spent('month', { at: base }).attempts === 0) throw new Error('bench load read nothing');
    return c;
  };
  for (let r = 0; r < 5; r++) {
    for (const f of fs.readdirSync(big)) if (f.startsWith('digest-')) fs.rmSync(path.join(big, f));
    const f = coldLoad(first);
    const c = coldLoad(cold);
    if (c.spent('month', { at: base }).attempts !== f.spent('month', { at: base }).attempts)
      throw new Error('digests disagree with records');
    const extra = new SpendLedger({ dir: big, writerId: `late${r}` });
    for (let i = 0; i < 1000; i++) extra.append(entry(`late${r}-${i}`, { ts: base }));
    extra.close();
    let t = performance.now();
    const w = new SpendLedger({ dir: big, writerId: 'reader' });
    w.load();
    loads.push(performance.now() - t);
    if (w.spent('month', { at: base }).attempts !== c.spent('month', { at: base }).attempts + 1000)
      throw new Error('warm load disagrees with cold load');
    t = performance.now();
    let _parsed = 0; // counted so the parse is work a reader of the figure can trust
    for (const f of fs.readdirSync(big))
      if (f.endsWith('.jsonl'))
        for (const line of fs.readFileSync(path.join(big, f), 'utf8').split('\n'))
          if (line) _parsed += JSON.parse(line).inputTokens > 0 ? 1 : 0;
    rawLoads.push(performance.now() - t);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(big, { recursive: true, force: true });
  return [
    { id: 'ledger_append_ms_p50', value: median(ours), unit: 'ms', target: '≤ 1' },
    { id: 'ledger_append_ratio', value: median(ours) / median(direct), unit: 'x', target: 'vs raw fs.writeSync' },
    { id: 'ledger_load_100k_ms', value: median(loads), unit: 'ms', target: '≤ 150 (from checkpoint + 1,000 new lines)' },
    { id: 'ledger_load_100k_ratio', value: median(loads) / median(rawLoads), unit: 'x', target: 'vs raw read + JSON.parse of every line' },
    { id: 'ledger_load_100k_cold_ms', value: median(cold), unit: 'ms', target: '≤ 350 (no checkpoint; sealed months from their digests)' },
    {
      id: 'ledger_load_100k_first_ms',
      value: median(first),
      unit: 'ms',
      target: 'no checkpoint, no digests: every line parsed, digests written',
    },
    // The same-run ratio is the figure to trust on a loaded machine.
    {
      id: 'ledger_load_100k_cold_ratio',
      value: median(cold) / median(rawLoads),
      unit: 'x',
      target: 'vs raw read + JSON.parse of every line',
    },
    { id: 'ledger_load_100k_raw_ms', value: median(rawLoads), unit: 'ms', target: 'raw read + JSON.parse of every line' },
    { id: 'ledger_bytes_per_record', value: bytes / 100_000, unit: 'bytes' },
  ];
}
