// Issue 2 bench: what our streaming stack (HttpClient + readSseBatches + driveStream + OpenAI mapper)
// adds over reading the same bytes with bare undici. The simulator runs in a child process.
//
// Both reads run from an esbuild bundle built as the production extension is (bundled.ts): under
// tsx every named inner closure is wrapped in `__name()` each time it is created, which made
// per-request code look slower than users see it. Side by side in one process, 8 alternating
// rounds at load 3 (`SIDE_BY_SIDE_VAR=BENCH_SOURCE npx tsx test/bench/side-by-side.ts adapter tsx bundle 8`),
// median of rounds, tsx -> bundle: ttft_ratio 1.15 -> 1.08, ttft_added_ms_p50 0.13 -> 0.08,
// cpu_us_per_token 1.88 -> 1.58. BENCH_SOURCE=tsx still runs the sources.
import { fork, type ChildProcess } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Sample } from './adapter-readers';
import { loadBench } from './bundled';
import type { BenchResult } from './run';

const TOKENS = 1000;
const RUNS = 60;
const WARMUP = 15;

async function startServer(): Promise<{ url: string; child: ChildProcess }> {
  const child = fork(path.join(__dirname, '../sim/openai-bench-server.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_TOKENS: String(TOKENS) },
    stdio: 'inherit',
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`bench server exited (${code})`)));
  });
  return { url, child };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Runs the bench and returns its figures. */
export async function run(): Promise<BenchResult[]> {
  const { adapterReaders } = await loadBench<typeof import('./adapter-readers')>('adapter-readers.ts');
  const { url, child } = await startServer();
  const { direct, ours, close } = adapterReaders(url, TOKENS);
  try {
    for (let i = 0; i < WARMUP; i++) {
      await direct();
      await ours();
    }
    const a: Sample[] = [];
    const b: Sample[] = [];
    for (let i = 0; i < RUNS; i++) {
      // Alternate the order so neither side always runs on a warmer cache.
      if (i % 2 === 0) {
        a.push(await ours());
        b.push(await direct());
      } else {
        b.push(await direct());
        a.push(await ours());
      }
    }
    const added = a.map((s, i) => s.ttftMs - b[i].ttftMs);
    const oursCpu = a.reduce((n, s) => n + s.cpuUs, 0);
    const directCpu = b.reduce((n, s) => n + s.cpuUs, 0);
    return [
      { id: 'ttft_ratio', value: median(a.map((s) => s.ttftMs)) / median(b.map((s) => s.ttftMs)), unit: 'x', target: '<= 1.05' },
      { id: 'ttft_added_ms_p50', value: median(added), unit: 'ms', target: '<= 0.3' },
      { id: 'total_ratio', value: median(a.map((s) => s.totalMs)) / median(b.map((s) => s.totalMs)), unit: 'x' },
      { id: 'cpu_us_per_token', value: oursCpu / (RUNS * TOKENS), unit: 'us', target: '<= 3' },
      { id: 'cpu_us_per_token_direct', value: directCpu / (RUNS * TOKENS), unit: 'us' },
      { id: 'ttft_ms_p50_direct', value: median(b.map((s) => s.ttftMs)), unit: 'ms' },
      { id: 'total_ms_p50_ours', value: median(a.map((s) => s.totalMs)), unit: 'ms' },
      { id: 'total_ms_p50_direct', value: median(b.map((s) => s.totalMs)), unit: 'ms' },
      // Wall-clock figures on a shared machine move with its load; this says how loaded it was.
      { id: 'adapter_bench_load_avg_1m', value: os.loadavg()[0], unit: 'procs' },
    ];
  } finally {
    await close();
    child.disconnect();
  }
}
