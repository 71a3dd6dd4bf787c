// Issue 15 bench: what the local gateway adds to time to first token, measured with the OpenAI
// SDK against the gateway and against the simulator directly, in the same run. The simulator
// and the gateway each run in their own process; the clients run here. A bare Node proxy in its
// own process (gateway-floor-child.ts) is measured beside them: what it adds is the price of the
// extra process and its transport, whoever writes the proxy; the gateway's excess over it is ours.
import { performance } from 'node:perf_hooks';
import OpenAI from 'openai';
import { startBundledChild, startChild } from './child';
import type { BenchResult } from './run';

const FIRST_TOKEN_MS = 20;
const RUNS = 100;
const CONCURRENT = 200;
const ROUNDS = 3;
const TOKEN = 'sb-gw-bench-token-0123456789';
const MSG = [{ role: 'user' as const, content: 'go' }];

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

/** Runs each measure once per round, in an order that rotates, so no path always goes first. */
function rotated<T>(xs: readonly T[], round: number): T[] {
  const k = round % xs.length;
  return [...xs.slice(k), ...xs.slice(0, k)];
}

type Path = 'direct' | 'floor' | 'gateway';
const PATHS: readonly Path[] = ['direct', 'floor', 'gateway'];

export async function run(): Promise<BenchResult[]> {
  const sim = await startChild('router-sim-child.ts', { SLOW_MS: String(FIRST_TOKEN_MS) });
  // The gateway runs as the extension ships it (BENCH_SOURCE=tsx: from its sources); the floor is
  // undici and node:http, which no build changes.
  const gw = await startBundledChild('gateway-child.ts', { SIM_BASE: `${sim.url}/slow/v1`, GATEWAY_TOKEN: TOKEN });
  const floor = await startChild('gateway-floor-child.ts', { SIM_BASE: `${sim.url}/slow/v1` });
  try {
    const client = (baseURL: string, apiKey: string) => new OpenAI({ baseURL, apiKey, maxRetries: 0 });
    const direct = client(`${sim.url}/slow/v1`, 'sk-test-SENTINEL-bench-0123456789');
    const viaGateway = client(`${gw.url}/v1`, TOKEN);
    const viaFloor = client(`${floor.url}/v1`, TOKEN);
    const measure: Record<Path, () => Promise<number>> = {
      direct: () => ttft(direct, 'm'),
      floor: () => ttft(viaFloor, 'm'),
      gateway: () => ttft(viaGateway, 'openai:m'),
    };
    for (let i = 0; i < 10; i++) for (const p of PATHS) await measure[p]();
    // Runs in rotating order; the median of the differences to the direct call of the same round
    // resists a loaded machine.
    const ds: number[] = [];
    const added = { floor: [] as number[], gateway: [] as number[] };
    for (let i = 0; i < RUNS; i++) {
      const t = {} as Record<Path, number>;
      for (const p of rotated(PATHS, i)) t[p] = await measure[p]();
      ds.push(t.direct);
      added.floor.push(t.floor - t.direct);
      added.gateway.push(t.gateway - t.direct);
    }
    const directP50 = median(ds);
    const gatewayAdded = median(added.gateway);

    const burst = async (f: () => Promise<number>) => quantile(await Promise.all(Array.from({ length: CONCURRENT }, f)), 0.99);
    for (const p of PATHS) await burst(measure[p]);
    const p99s: Record<Path, number>[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const p99 = {} as Record<Path, number>;
      for (const p of rotated(PATHS, r)) p99[p] = await burst(measure[p]);
      p99s.push(p99);
    }
    const c200 = (p: Path) => median(p99s.map((x) => x[p] - x.direct));
    return [
      {
        id: 'gateway_ttft_ratio',
        value: (directP50 + gatewayAdded) / directP50,
        unit: 'ratio',
        target: `<= 1.05 (OpenAI SDK, first token after ${FIRST_TOKEN_MS} ms; direct median ${directP50.toFixed(1)} ms)`,
      },
      { id: 'gateway_ttft_added_ms_p50', value: gatewayAdded, unit: 'ms', target: '<= 0.5' },
      { id: 'gateway_floor_ttft_added_ms_p50', value: median(added.floor), unit: 'ms', target: 'none (a bare Node proxy, for reference)' },
      {
        id: 'gateway_c200_added_ms_p99',
        value: c200('gateway'),
        unit: 'ms',
        target: `<= 10 (${CONCURRENT} concurrent streams; direct p99 ${median(p99s.map((p) => p.direct)).toFixed(1)} ms)`,
      },
      { id: 'gateway_floor_c200_added_ms_p99', value: c200('floor'), unit: 'ms', target: 'none (a bare Node proxy, for reference)' },
    ];
  } finally {
    floor.stop();
    gw.stop();
    sim.stop();
  }
}
