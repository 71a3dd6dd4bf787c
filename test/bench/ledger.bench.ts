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
      const line = JSON.stringify({ v: 1, ts, ...entry(`w${w}-${i}`, { model: `vendor/model-${i % 300}`, provider: `p${i % 5}`, workspace: `ws-${i % 7}` }) }) + '\n';
      bytes += Buffer.byteLength(line);
      (byMonth.get(month) ?? byMonth.set(month, []).get(month)!).push(line);
    }
    for (const [month, lines] of byMonth) fs.writeFileSync(path.join(big, `spend-${month}.w${w}.jsonl`), lines.join(''));
  }
  const loads: number[] = [];
  const rawLoads: number[] = [];
  for (let r = 0; r < 5; r++) {
    let t = performance.now();
    const l = new SpendLedger({ dir: big, writerId: 'reader' });
    l.load();
    loads.push(performance.now() - t);
    if (l.spent('month', { at: base }).attempts === 0) throw new Error('bench load read nothing');
    t = performance.now();
    let n = 0;
    for (const f of fs.readdirSync(big)) for (const line of fs.readFileSync(path.join(big, f), 'utf8').split('\n')) if (line) n += JSON.parse(line).inputTokens > 0 ? 1 : 0;
    rawLoads.push(performance.now() - t);
    if (n !== 100_000) throw new Error(`raw read saw ${n}`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(big, { recursive: true, force: true });
  return [
    { id: 'ledger_append_ms_p50', value: median(ours), unit: 'ms', target: '≤ 1' },
    { id: 'ledger_append_ratio', value: median(ours) / median(direct), unit: 'x', target: 'vs raw fs.writeSync' },
    { id: 'ledger_load_100k_ms', value: median(loads), unit: 'ms', target: '≤ 200' },
    { id: 'ledger_load_100k_ratio', value: median(loads) / median(rawLoads), unit: 'x', target: 'vs raw read + JSON.parse' },
    { id: 'ledger_bytes_per_record', value: bytes / 100_000, unit: 'bytes' },
  ];
}
