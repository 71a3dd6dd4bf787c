// npm run bench: runs every *.bench.ts module, prints a table, writes bench-results.json.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** One figure. Ratios are against a direct call measured in the same run. */
export interface BenchResult {
  id: string;
  value: number;
  unit: string;
  target?: string;
}

async function main(): Promise<void> {
  const dir = __dirname;
  const only = process.argv.slice(2);
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
    .sort();
  const results: BenchResult[] = [];
  // One broken bench must not cost the figures of the others: it is reported and the run fails.
  const broken: string[] = [];
  for (const f of files) {
    console.log(`# ${f}`);
    try {
      const mod = (await import(path.join(dir, f))) as { run: () => Promise<BenchResult[]> };
      const rs = await mod.run();
      for (const r of rs)
        console.log(`  ${r.id.padEnd(32)} ${fmt(r.value).padStart(12)} ${r.unit.padEnd(8)} ${r.target ? `target ${r.target}` : ''}`);
      results.push(...rs);
    } catch (e) {
      broken.push(f);
      console.error(`  FAILED: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
  }
  const out = path.resolve(dir, '../../bench-results.json');
  const prev: BenchResult[] = only.length && fs.existsSync(out) ? JSON.parse(fs.readFileSync(out, 'utf8')) : [];
  const merged = [...prev.filter((p) => !results.some((r) => r.id === p.id)), ...results];
  fs.writeFileSync(
    out,
    `${JSON.stringify(
      merged.map(({ id, value, unit }) => ({ id, value, unit })),
      null,
      2,
    )}\n`,
  );
  console.log(`wrote ${merged.length} figures to bench-results.json`);
  if (broken.length) throw new Error(`${broken.length} bench file(s) failed: ${broken.join(', ')}`);
}

function fmt(v: number): string {
  return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(3) : v.toPrecision(3);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
