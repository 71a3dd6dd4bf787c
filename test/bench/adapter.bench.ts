// Issue 2 bench: what our streaming stack (HttpClient + readSseBatches + driveStream + OpenAI mapper)
// adds over reading the same bytes with bare undici. The simulator runs in a child process.
import { fork, type ChildProcess } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Agent, request } from 'undici';
import { HttpClient } from '../../src/core/http/client';
import { openaiAdapter } from '../../src/core/providers/openai/adapter';
import { customOpenAIProvider } from '../../src/core/providers/openai/presets';
import type { BenchResult } from './run';

const TOKENS = 1000;
const RUNS = 60;
const WARMUP = 15;
const KEY = 'sk-test-SENTINEL-bench-0000000000';

interface Sample {
  ttftMs: number;
  totalMs: number;
  cpuUs: number;
}

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

const BODY = JSON.stringify({
  model: 'bench-model',
  messages: [{ role: 'user', content: 'go' }],
  stream: true,
  stream_options: { include_usage: true },
});
const MARKER = Buffer.from('"content":"BENCH0"');

async function direct(url: string, agent: Agent): Promise<Sample> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const res = await request(`${url}/v1/chat/completions`, {
    method: 'POST',
    body: BODY,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
    dispatcher: agent,
  });
  let ttft = -1;
  let bytes = 0;
  for await (const c of res.body) {
    const b = c as Buffer;
    bytes += b.length;
    if (ttft < 0 && b.indexOf(MARKER) >= 0) ttft = performance.now() - t0;
  }
  const total = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  if (ttft < 0 || bytes === 0) throw new Error('direct run saw no content');
  return { ttftMs: ttft, totalMs: total, cpuUs: cpu.user + cpu.system };
}

async function ours(url: string, http: HttpClient): Promise<Sample> {
  const descriptor = customOpenAIProvider({ id: 'bench', displayName: 'Bench', baseUrl: `${url}/v1` });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let ttft = -1;
  let deltas = 0;
  let finished = false;
  for await (const e of openaiAdapter.streamChat(
    { descriptor, http, apiKey: KEY },
    { model: 'bench-model', messages: [{ role: 'user', content: 'go' }] },
  )) {
    if (e.type === 'text-delta') {
      if (ttft < 0) ttft = performance.now() - t0;
      deltas++;
    } else if (e.type === 'finish') finished = e.reason === 'stop';
    else if (e.type === 'error') throw e.error;
  }
  const total = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  if (!finished || deltas !== TOKENS) throw new Error(`our run saw ${deltas} deltas, finished=${finished}`);
  return { ttftMs: ttft, totalMs: total, cpuUs: cpu.user + cpu.system };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Runs the bench and returns its figures. */
export async function run(): Promise<BenchResult[]> {
  const { url, child } = await startServer();
  const agent = new Agent({ keepAliveTimeout: 30_000 });
  const http = new HttpClient();
  try {
    for (let i = 0; i < WARMUP; i++) {
      await direct(url, agent);
      await ours(url, http);
    }
    const a: Sample[] = [];
    const b: Sample[] = [];
    for (let i = 0; i < RUNS; i++) {
      // Alternate the order so neither side always runs on a warmer cache.
      if (i % 2 === 0) {
        a.push(await ours(url, http));
        b.push(await direct(url, agent));
      } else {
        b.push(await direct(url, agent));
        a.push(await ours(url, http));
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
    await http.close();
    await agent.close();
    child.disconnect();
  }
}
