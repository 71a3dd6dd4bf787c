// Two webview bundles side by side in one process: `npx tsx test/bench/side-by-side.ts <bench>
// <before-dist> <after-dist> [rounds]` runs the named bench's run() once per bundle per round, in
// alternating order, with SB_DIST (read by test/e2e/ui/chat-page.ts) pointing at each. Set
// BENCH_RENDER_RUNS=1 or BENCH_LONG_CHAT_RUNS=1 so each call is one page. On a loaded machine
// only such pairs are comparable. With SIDE_BY_SIDE_VAR=BENCH_SOURCE the two sides are values of
// that variable instead (`… adapter tsx bundle`: our code from its .ts sources, then bundled).
import * as path from 'node:path';
import type { BenchResult } from './run';

const SIDE_VAR = process.env.SIDE_BY_SIDE_VAR;

async function main(): Promise<void> {
  const [bench, before, after, rounds = '4'] = process.argv.slice(2);
  if (!bench || !before || !after) throw new Error('usage: side-by-side.ts <bench> <before-dist> <after-dist> [rounds]');
  const mod = (await import(path.join(__dirname, `${bench}.bench.ts`))) as { run: () => Promise<BenchResult[]> };
  const figures: Record<'before' | 'after', Map<string, number[]>> = { before: new Map(), after: new Map() };
  for (let r = 0; r < Number(rounds); r++)
    for (const side of r % 2 ? (['after', 'before'] as const) : (['before', 'after'] as const)) {
      const value = side === 'before' ? before : after;
      if (SIDE_VAR) process.env[SIDE_VAR] = value;
      else process.env.SB_DIST = path.resolve(value);
      for (const f of await mod.run()) figures[side].set(f.id, [...(figures[side].get(f.id) ?? []), f.value]);
    }
  const list = (xs: number[] = []) => xs.map((v) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(2))).join(', ');
  for (const [id, values] of figures.before) console.log(`${id.padEnd(42)} before ${list(values)}; after ${list(figures.after.get(id))}`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
