// Where the time to the first token goes, for the floor and our adapter of each stream family:
// undici's diagnostics channels mark each request's creation, the write of its head and body,
// the response head and the first body chunk; the reader marks the first token. Per step, the
// median over many requests of the time since the mark before. Not part of `npm run bench`:
//   npx tsx test/bench/stream-families-timeline.ts [runs]   (FAMILIES=openai,gemini to choose)
import * as dc from 'node:diagnostics_channel';
import { performance } from 'node:perf_hooks';
import type { StreamRun } from './floor';
import { median } from './stats';
import { familyBench } from './stream-families.bench';

const STEPS = ['create', 'sendHeaders', 'bodySent', 'headers', 'chunk1', 'first'] as const;
type Step = (typeof STEPS)[number];
const CHANNELS: [string, Step][] = [
  ['undici:request:create', 'create'],
  ['undici:client:sendHeaders', 'sendHeaders'],
  ['undici:request:bodySent', 'bodySent'],
  ['undici:request:headers', 'headers'],
  ['undici:request:bodyChunkReceived', 'chunk1'],
];
const WARMUP = 30;

let marks: Partial<Record<Step, number>> = {};
for (const [name, step] of CHANNELS) dc.subscribe(name, () => (marks[step] ??= performance.now()));

/** One read's marks as the time each step took after the one before (ms). */
async function timed(read: () => Promise<StreamRun>): Promise<{ steps: number[]; ttft: number }> {
  marks = {};
  const t0 = performance.now();
  const r = await read();
  marks.first = t0 + r.ttftMs;
  let prev = t0;
  const steps = STEPS.map((s) => {
    const d = (marks[s] ?? prev) - prev;
    prev = marks[s] ?? prev;
    return d;
  });
  return { steps, ttft: r.ttftMs };
}

const us = (ms: number) => (ms * 1000).toFixed(0).padStart(5);

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 300);
  const families = (process.env.FAMILIES ?? 'openai,anthropic,gemini').split(',');
  const { readers, close } = await familyBench();
  try {
    for (const family of families) {
      const got = { floor: [] as Awaited<ReturnType<typeof timed>>[], ours: [] as Awaited<ReturnType<typeof timed>>[] };
      for (let i = 0; i < WARMUP + runs; i++) {
        // Alternated, so neither side always runs on a warmer cache.
        for (const who of i % 2 ? (['floor', 'ours'] as const) : (['ours', 'floor'] as const)) {
          const t = await timed(readers[family][who]);
          if (i >= WARMUP) got[who].push(t);
        }
      }
      const added = got.ours.map((o, i) => o.ttft - got.floor[i].ttft);
      console.log(`${family}: ${runs} pairs, first token added by ours (median of pairs) ${us(median(added))} us`);
      console.log(`  step (us, median)  ${STEPS.map((s) => s.padStart(12)).join('')}        ttft`);
      for (const who of ['floor', 'ours'] as const) {
        const cols = STEPS.map((_, k) => us(median(got[who].map((t) => t.steps[k]))).padStart(12));
        console.log(`  ${who.padEnd(17)} ${cols.join('')}  ${us(median(got[who].map((t) => t.ttft)))}`);
      }
    }
  } finally {
    await close();
  }
}

void main();
