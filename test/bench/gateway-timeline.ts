// Where the gateway's added first-token time goes, one request at a time: the bench's three paths
// (direct to the simulator, the bare proxy, the gateway) with marks from every process on one
// clock. Each mark is the median time from the SDK call, over RUNS requests per path.
// Run: npx tsx test/bench/gateway-timeline.ts   (RUNS=200, WARM=100, SLOW_MS=20 by default)
import { fork } from 'node:child_process';
import * as path from 'node:path';
import OpenAI from 'openai';
import { median } from './stats';
import { now, recordMarks, type Mark } from './gateway-timeline-marks';

const RUNS = Number(process.env.RUNS ?? 200);
const WARM = Number(process.env.WARM ?? 100);
const TOKEN = 'sb-gw-bench-token-0123456789';
const MSG = [{ role: 'user' as const, content: 'go' }];

interface Child {
  url: string;
  marks(): Promise<Mark[]>;
  stop(): void;
}

function child(role: string, file: string, env: Record<string, string>): Promise<Child> {
  const c = fork(path.join(__dirname, 'gateway-timeline-child.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env, TIMELINE_ROLE: role, TIMELINE_CHILD: file },
    stdio: 'inherit',
  });
  const marks = () =>
    new Promise<Mark[]>((resolve) => {
      const on = (m: unknown) => {
        if (!(m as { marks?: Mark[] }).marks) return;
        c.off('message', on);
        resolve((m as { marks: Mark[] }).marks);
      };
      c.on('message', on);
      c.send('marks');
    });
  return new Promise((resolve, reject) => {
    c.once('message', (m) => resolve({ url: (m as { url: string }).url, marks, stop: () => c.disconnect() }));
    c.once('exit', (code) => reject(new Error(`${file} exited (${code})`)));
  });
}

type Path = 'direct' | 'floor' | 'gateway';
const PATHS: readonly Path[] = ['direct', 'floor', 'gateway'];

async function main(): Promise<void> {
  const own = recordMarks('client');
  const sim = await child('sim', 'router-sim-child.ts', { SLOW_MS: process.env.SLOW_MS ?? '20' });
  const upstream = { SIM_BASE: `${sim.url}/slow/v1`, GATEWAY_TOKEN: TOKEN };
  const gw = await child('gateway', 'gateway-child.ts', upstream);
  const floor = await child('floor', 'gateway-floor-child.ts', upstream);
  const clients: Record<Path, [OpenAI, string]> = {
    direct: [new OpenAI({ baseURL: `${sim.url}/slow/v1`, apiKey: 'sk-test-SENTINEL-bench-0123456789', maxRetries: 0 }), 'm'],
    floor: [new OpenAI({ baseURL: `${floor.url}/v1`, apiKey: TOKEN, maxRetries: 0 }), 'm'],
    gateway: [new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: TOKEN, maxRetries: 0 }), 'openai:m'],
  };
  const one = async (p: Path) => {
    const [client, model] = clients[p];
    const t0 = now();
    const stream = await client.chat.completions.create({ model, messages: MSG, stream: true });
    let first = true;
    for await (const c of stream)
      if (first && c.choices[0]?.delta.content) {
        first = false;
        own.push(['client.first token', now()]);
      }
    return { path: p, t0, end: now() };
  };
  const children = [sim, gw, floor];
  for (let i = 0; i < WARM; i++) for (const p of PATHS) await one(p);
  await Promise.all(children.map((c) => c.marks()));
  own.length = 0;
  const windows: Awaited<ReturnType<typeof one>>[] = [];
  for (let i = 0; i < RUNS; i++) for (const p of [...PATHS.slice(i % 3), ...PATHS.slice(0, i % 3)]) windows.push(await one(p));
  const all = [...own, ...(await Promise.all(children.map((c) => c.marks()))).flat()].sort((a, b) => a[1] - b[1]);
  for (const c of children) c.stop();
  report(windows, all);
  process.exit(0);
}

/** Prints, per path, each mark's median time from the SDK call (its first occurrence in the request). */
function report(windows: { path: Path; t0: number; end: number }[], all: Mark[]): void {
  for (const p of PATHS) {
    const rel = new Map<string, number[]>();
    let from = 0;
    for (const w of windows.filter((x) => x.path === p)) {
      while (from < all.length && all[from][1] < w.t0) from++;
      const seen = new Set<string>();
      for (let i = from; i < all.length && all[i][1] <= w.end; i++) {
        const [name, t] = all[i];
        if (seen.has(name)) continue;
        seen.add(name);
        rel.set(name, [...(rel.get(name) ?? []), t - w.t0]);
      }
    }
    console.log(`\n${p}: mark, median ms from the SDK call, requests that had it`);
    const rows = [...rel].map(([name, xs]) => [name, median(xs), xs.length] as const).sort((a, b) => a[1] - b[1]);
    for (const [name, m, n] of rows) console.log(`  ${name.padEnd(32)} ${m.toFixed(3).padStart(8)} ${String(n).padStart(5)}`);
  }
}

void main();
