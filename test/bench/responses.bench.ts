// Issue 18 bench: CPU per token of our Responses adapter on a 2,000-delta answer, against the
// official openai SDK (`responses.stream`, and its raw event iteration) and against the parse
// floor, all on the same bytes in the same run. The simulator runs in a child process.
import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import OpenAI from 'openai';
import { Agent } from 'undici';
import { HttpClient } from '../../src/core/http/client';
import { OPENAI } from '../../src/core/providers/openai/presets';
import { responsesAdapter } from '../../src/core/providers/responses/adapter';
import { respBenchText } from '../sim/responses-wire';
import { parseFloor } from './parse-floor';
import type { BenchResult } from './run';
import { median } from './stats';

const TOKENS = 2000;
const RUNS = 30;
const WARMUP = 8;
const KEY = 'sk-test-SENTINEL-bench-responses-00';

async function startServer(): Promise<{ url: string; child: ChildProcess }> {
  const child = fork(path.join(__dirname, '../sim/responses-bench-server.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_TOKENS: String(TOKENS) },
    stdio: 'inherit',
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`responses bench server exited (${code})`)));
  });
  return { url, child };
}

/** CPU microseconds of one run, checking it read the whole answer. */
async function cpuOf(run: () => Promise<boolean>): Promise<number> {
  const cpu0 = process.cpuUsage();
  const whole = await run();
  const cpu = process.cpuUsage(cpu0);
  if (!whole) throw new Error('a run did not read the whole answer');
  return cpu.user + cpu.system;
}

/** Runs the bench and returns its figures. */
export async function run(): Promise<BenchResult[]> {
  const { url, child } = await startServer();
  const http = new HttpClient();
  const agent = new Agent();
  const client = new OpenAI({ baseURL: `${url}/v1`, apiKey: KEY, maxRetries: 0 });
  const ctx = { descriptor: { ...OPENAI, baseUrl: `${url}/v1` }, http, apiKey: KEY };
  const input = 'go';
  const req = { model: 'bench', messages: [{ role: 'user' as const, content: input }] };

  const expected = respBenchText(TOKENS).join('');
  const ours = async () => {
    let text = '';
    for await (const e of responsesAdapter.streamChat(ctx, req)) {
      if (e.type === 'text-delta') text += e.text;
      else if (e.type === 'error') throw e.error;
    }
    return text === expected;
  };
  const sdkStream = async () =>
    (await client.responses.stream({ model: 'bench', input, store: false }).finalResponse()).output_text === expected;
  const sdkRaw = async () => {
    let text = '';
    for await (const e of await client.responses.create({ model: 'bench', input, stream: true, store: false }))
      if (e.type === 'response.output_text.delta') text += e.delta;
    return text === expected;
  };
  const body = JSON.stringify({ model: 'bench', input, stream: true, store: false });
  const floor = async () => (await parseFloor(`${url}/v1/responses`, body, { authorization: `Bearer ${KEY}` }, agent)) > TOKENS;

  const runs = [ours, sdkStream, sdkRaw, floor];
  const samples: number[][] = runs.map(() => []);
  try {
    for (let i = 0; i < WARMUP; i++) for (const r of runs) await cpuOf(r);
    // Rotate the order each round so no runner always goes first on a warm cache.
    for (let i = 0; i < RUNS; i++) {
      for (let k = 0; k < runs.length; k++) {
        const j = (i + k) % runs.length;
        samples[j].push(await cpuOf(runs[j]));
      }
    }
    const [a, s, raw, f] = samples.map(median);
    return [
      { id: 'responses.cpu_ratio_vs_sdk', value: a / s, unit: 'x', target: '<= 0.5' },
      { id: 'responses.cpu_ratio_vs_floor', value: a / f, unit: 'x', target: '<= 1.5' },
      { id: 'responses.cpu_ratio_vs_sdk_raw', value: a / raw, unit: 'x' },
      { id: 'responses.cpu_us_per_token', value: a / TOKENS, unit: 'us' },
      { id: 'responses.floor_cpu_us_per_token', value: f / TOKENS, unit: 'us' },
    ];
  } finally {
    await http.close();
    await agent.close();
    child.disconnect();
  }
}
