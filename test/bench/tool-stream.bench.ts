// Issue 13 bench: parsing a 2,000-fragment streamed tool call (two calls interleaved, OpenAI
// wire shape) with our adapter, against the official openai SDK's stream helper on the same
// bytes in the same run. The simulator runs in a child process so its CPU is not counted.
import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import OpenAI from 'openai';
import { HttpClient } from '../../src/core/http/client';
import { openaiAdapter } from '../../src/core/providers/openai/adapter';
import { customOpenAIProvider } from '../../src/core/providers/openai/presets';
import type { BenchResult } from './run';
import { median, paired } from './stats';

const CHUNKS = 2000;
const RUNS = 30;
const WARMUP = 8;
const KEY = 'sk-test-SENTINEL-bench-tools-0000';
const MESSAGES = [{ role: 'user' as const, content: 'go' }];

interface Sample {
  ms: number;
  cpuUs: number;
}

async function startServer(): Promise<{ url: string; child: ChildProcess }> {
  const child = fork(path.join(__dirname, '../sim/tool-bench-server.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, TOOL_BENCH_CHUNKS: String(CHUNKS) },
    stdio: 'inherit',
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`tool bench server exited (${code})`)));
  });
  return { url, child };
}

async function ours(url: string, http: HttpClient): Promise<Sample> {
  const descriptor = customOpenAIProvider({ id: 'bench', displayName: 'Bench', baseUrl: `${url}/v1` });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let calls = 0;
  for await (const e of openaiAdapter.streamChat({ descriptor, http, apiKey: KEY }, { model: 'bench', messages: MESSAGES })) {
    if (e.type === 'tool-call') calls++;
    else if (e.type === 'error') throw e.error;
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  if (calls !== 2) throw new Error(`our run saw ${calls} calls`);
  return { ms, cpuUs: cpu.user + cpu.system };
}

async function sdk(client: OpenAI): Promise<Sample> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const done = await client.chat.completions.stream({ model: 'bench', messages: MESSAGES }).finalChatCompletion();
  // The SDK hands back argument text; parsing it is part of getting a usable call, as ours does.
  const calls = (done.choices[0].message.tool_calls ?? []).map((c) =>
    c.type === 'function' ? JSON.parse(c.function.arguments) : undefined,
  );
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  if (calls.length !== 2) throw new Error(`the SDK saw ${calls.length} calls`);
  return { ms, cpuUs: cpu.user + cpu.system };
}

/** Runs the bench and returns its figures. */
export async function run(): Promise<BenchResult[]> {
  const { url, child } = await startServer();
  const http = new HttpClient();
  const client = new OpenAI({ baseURL: `${url}/v1`, apiKey: KEY, maxRetries: 0 });
  try {
    for (let i = 0; i < WARMUP; i++) {
      await ours(url, http);
      await sdk(client);
    }
    const [a, b] = await paired(
      RUNS,
      () => ours(url, http),
      () => sdk(client),
    );
    return [
      { id: 'tool_stream_cpu_us_per_chunk', value: median(a.map((s) => s.cpuUs)) / CHUNKS, unit: 'us', target: '<= 5' },
      { id: 'tool_stream_ratio_vs_sdk', value: median(a.map((s) => s.ms)) / median(b.map((s) => s.ms)), unit: 'x', target: '<= 1.0' },
      { id: 'tool_stream_cpu_us_per_chunk_sdk', value: median(b.map((s) => s.cpuUs)) / CHUNKS, unit: 'us' },
    ];
  } finally {
    await http.close();
    child.disconnect();
  }
}
