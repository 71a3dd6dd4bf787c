// Sets three readers of one stream family against each other on the same simulator bytes:
// the floor (floor.ts), the official SDK and our adapter, interleaved run by run so load and
// cache warmth fall on all three alike. A new family only supplies its three readers.
//
// Who runs just before a reader matters: a read right after the SDK's (which allocates 5-50
// times as much) reaches its first token 0.3-0.7 ms later, measured by grouping each reader's
// samples by its predecessor, with or without a pause between reads. A plain rotation put our
// adapter after the SDK in two rounds of three and the floor in one, so the rounds alternate
// SDK-floor-ours and SDK-ours-floor: the floor and ours follow the SDK equally often.
import { performance } from 'node:perf_hooks';
import type { StreamRun } from './floor';
import type { BenchResult } from './run';
import { median } from './stats';

/** The three ways one family's stream is read. */
export interface FamilyReaders {
  floor: () => Promise<StreamRun>;
  sdk: () => Promise<StreamRun>;
  ours: () => Promise<StreamRun>;
}

type Who = keyof FamilyReaders;
const WHO: readonly Who[] = ['floor', 'sdk', 'ours'];
const ORDERS: readonly (readonly Who[])[] = [
  ['sdk', 'floor', 'ours'],
  ['sdk', 'ours', 'floor'],
];

interface Sample {
  ttftMs: number;
  cpuUs: number;
  totalMs: number;
}

async function measure(read: () => Promise<StreamRun>, tokens: number, who: string): Promise<Sample> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await read();
  const totalMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  if (r.tokens !== tokens || r.ttftMs < 0) throw new Error(`${who} read ${r.tokens} of ${tokens} tokens`);
  return { ttftMs: r.ttftMs, cpuUs: cpu.user + cpu.system, totalMs };
}

/** Runs `runs` rounds (after `warmup`), each reader once per round, in the alternating ORDERS. */
export async function compareFamily(
  family: string,
  tokens: number,
  readers: FamilyReaders,
  opts: { runs: number; warmup: number },
): Promise<BenchResult[]> {
  const samples: Record<Who, Sample[]> = { floor: [], sdk: [], ours: [] };
  for (let i = 0; i < opts.warmup + opts.runs; i++) {
    for (const who of ORDERS[i % ORDERS.length]) {
      const s = await measure(readers[who], tokens, `${family} ${who}`);
      if (i >= opts.warmup) samples[who].push(s);
    }
  }
  const cpu = (w: Who) => median(samples[w].map((s) => s.cpuUs)) / tokens;
  const ttft = (w: Who) => median(samples[w].map((s) => s.ttftMs));
  const total = (w: Who) => median(samples[w].map((s) => s.totalMs));
  const f = family;
  return [
    { id: `${f}.cpu_ratio_vs_floor`, value: cpu('ours') / cpu('floor'), unit: 'x', target: '<= 1.5' },
    { id: `${f}.cpu_ratio_vs_sdk`, value: cpu('ours') / cpu('sdk'), unit: 'x', target: '<= 0.5' },
    { id: `${f}.ttft_ratio_vs_floor`, value: ttft('ours') / ttft('floor'), unit: 'x', target: '<= 1.05' },
    { id: `${f}.total_ratio_vs_floor`, value: total('ours') / total('floor'), unit: 'x' },
    ...WHO.map((w) => ({ id: `${f}.cpu_us_per_token.${w}`, value: cpu(w), unit: 'us' })),
    ...WHO.map((w) => ({ id: `${f}.ttft_ms_p50.${w}`, value: ttft(w), unit: 'ms' })),
  ];
}
