// Issue 16 bench: each stream family (OpenAI-compatible, Anthropic, Gemini) read three ways on
// the same simulator bytes in one run: the floor, the official SDK's streaming call, our adapter.
// The simulator runs in a child process so its CPU is not counted.
//
// The readers, the floor and the measuring loop run from an esbuild bundle built as the
// production extension is (bundled.ts); the SDKs run as shipped. Under tsx every named inner
// closure is wrapped in `__name()` each time it is created, which made per-request code look
// slower than users see it. Side by side in one process, 8 alternating rounds at load 3-5
// (`SIDE_BY_SIDE_VAR=BENCH_SOURCE npx tsx test/bench/side-by-side.ts stream-families tsx bundle 8`),
// median of rounds, tsx -> bundle: gemini cpu_ratio_vs_floor 1.27 -> 1.15, ttft_ratio_vs_floor
// 1.33 -> 1.19; anthropic cpu_ratio_vs_floor 0.84 -> 0.77; openai within the rounds' spread
// (cpu 0.72 -> 0.74, ttft 1.36 -> 1.38). BENCH_SOURCE=tsx still runs the sources.
import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { loadBench } from './bundled';
import type { FamilyReaders } from './family-compare';
import type { BenchResult } from './run';

type Readers = typeof import('./stream-families-readers');

const TOKENS = 1000;
const RUNS = 60;
const WARMUP = 8;

async function startServer(): Promise<{ url: string; child: ChildProcess }> {
  const child = fork(path.join(__dirname, '../sim/family-bench-server.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_TOKENS: String(TOKENS) },
    stdio: 'inherit',
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`family bench server exited (${code})`)));
  });
  return { url, child };
}

/** Starts the simulator; `readers` are each family's three readers over it, sharing one pool each. */
export async function familyBench(mod?: Readers): Promise<{ readers: Record<string, FamilyReaders>; close: () => Promise<void> }> {
  const m = mod ?? (await loadBench<Readers>('stream-families-readers.ts'));
  const { url, child } = await startServer();
  const { readers, close } = m.familyReaders(url);
  return {
    readers,
    close: async () => {
      await close();
      child.disconnect();
    },
  };
}

/** Runs the bench and returns its figures. */
export async function run(): Promise<BenchResult[]> {
  const mod = await loadBench<Readers>('stream-families-readers.ts');
  const { readers, close } = await familyBench(mod);
  const opts = { runs: RUNS, warmup: WARMUP };
  try {
    const results: BenchResult[] = [];
    for (const family of ['openai', 'anthropic', 'gemini'])
      results.push(...(await mod.compareFamily(family, TOKENS, readers[family], opts)));
    return results;
  } finally {
    await close();
  }
}
