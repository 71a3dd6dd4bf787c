// Issue 15 bench: what the local gateway adds to time to first token, measured with the OpenAI
// SDK against the gateway and against the simulator directly, in the same run. The simulator
// and the gateway each run in their own process; the clients run here.
import { fork } from 'node:child_process';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import OpenAI from 'openai';
import type { BenchResult } from './run';

const FIRST_TOKEN_MS = 20;
const RUNS = 100;
const CONCURRENT = 200;
const ROUNDS = 3;
const TOKEN = 'sb-gw-bench-token-0123456789';
const MSG = [{ role: 'user' as const, content: 'go' }];

function child(file: string, env: Record<string, string>): Promise<{ url: string; stop: () => void }> {
  const c = fork(path.join(__dirname, file), [], { execArgv: ['--import', 'tsx'], env: { ...process.env, ...env }, stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    c.once('message', (m) => resolve({ url: (m as { url: string }).url, stop: () => c.disconnect() }));
    c.once('exit', (code) => reject(new Error(`${file} exited (${code})`)));
  });
}

/** Milliseconds from the SDK call until its first content delta, draining the rest. */
async function ttft(client: OpenAI, model: string): Promise<number> {
  const t0 = performance.now();
  let first = -1;
  const stream = await client.chat.completions.create({ model, messages: MSG, stream: true });
  for await (const c of stream) if (first < 0 && c.choices[0]?.delta.content) first = performance.now() - t0;
  if (first < 0) throw new Error('no text');
  return first;
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export async function run(): Promise<BenchResult[]> {
  const sim = await child('router-sim-child.ts', { SLOW_MS: String(FIRST_TOKEN_MS) });
  const gw = await child('gateway-child.ts', { SIM_BASE: `${sim.url}/slow/v1`, GATEWAY_TOKEN: TOKEN });
  try {
    const direct = new OpenAI({ baseURL: `${sim.url}/slow/v1`, apiKey: 'sk-test-SENTINEL-bench-0123456789', maxRetries: 0 });
    const viaGateway = new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: TOKEN, maxRetries: 0 });
    const d = () => ttft(direct, 'm');
    const g = () => ttft(viaGateway, 'openai:m');
    for (let i = 0; i < 10; i++) {
      await g();
      await d();
    }
    // Paired runs in alternating order; the median of the differences resists a loaded machine.
    const ds: number[] = [];
    const diffs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const [a, b] = i % 2 ? [await g(), await d()] : [await d(), await g()].reverse();
      ds.push(b);
      diffs.push(a - b);
    }
    const directP50 = median(ds);
    const added = median(diffs);

    const p99s: { gateway: number; direct: number }[] = [];
    const burst = async (f: () => Promise<number>) => quantile(await Promise.all(Array.from({ length: CONCURRENT }, f)), 0.99);
    await burst(g);
    await burst(d);
    for (let r = 0; r < ROUNDS; r++) {
      const direct99 = await burst(d);
      const gateway99 = await burst(g);
      p99s.push({ gateway: gateway99, direct: direct99 });
    }
    const c200 = median(p99s.map((p) => p.gateway - p.direct));
    return [
      {
        id: 'gateway_ttft_ratio',
        value: (directP50 + added) / directP50,
        unit: 'ratio',
        target: `<= 1.05 (OpenAI SDK, first token after ${FIRST_TOKEN_MS} ms; direct median ${directP50.toFixed(1)} ms)`,
      },
      { id: 'gateway_ttft_added_ms_p50', value: added, unit: 'ms', target: '<= 0.5' },
      {
        id: 'gateway_c200_added_ms_p99',
        value: c200,
        unit: 'ms',
        target: `<= 10 (${CONCURRENT} concurrent streams; direct p99 ${median(p99s.map((p) => p.direct)).toFixed(1)} ms)`,
      },
    ];
  } finally {
    gw.stop();
    sim.stop();
  }
}
