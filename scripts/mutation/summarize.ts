// Turns Stryker's JSON reports (mutation-testing-report-schema; one per shard, see shards.ts) into
// mutation-results.json: the score per top-level folder of src/core, per shard, and the total. `--survivors` lists the mutants no test killed;
// `--min N` exits 1 when the total score is below N (the CI gate on a change's files).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';

const Mutant = z.object({
  mutatorName: z.string(),
  replacement: z.string().optional(),
  status: z.enum(['Killed', 'Survived', 'NoCoverage', 'Timeout', 'CompileError', 'RuntimeError', 'Ignored', 'Pending']),
  location: z.object({ start: z.object({ line: z.number(), column: z.number() }) }),
});
const Report = z.object({ files: z.record(z.string(), z.object({ mutants: z.array(Mutant) })) });
type Mutant = z.infer<typeof Mutant>;

export interface Tally {
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
  /** Killed + timed out over every mutant a test could have caught (Stryker's mutation score), in %. */
  score: number | null;
}

const CORE = 'src/core/';

/** The top-level folder of src/core a file belongs to; files directly in src/core group as `(root)`. */
export function folderOf(path: string): string | undefined {
  const at = path.replaceAll('\\', '/').indexOf(CORE);
  if (at < 0) return undefined;
  const rest = path.replaceAll('\\', '/').slice(at + CORE.length);
  return rest.includes('/') ? rest.slice(0, rest.indexOf('/')) : '(root)';
}

export function tally(mutants: readonly Mutant[]): Tally {
  const n = (s: Mutant['status']): number => mutants.filter((m) => m.status === s).length;
  const t = { killed: n('Killed'), timeout: n('Timeout'), survived: n('Survived'), noCoverage: n('NoCoverage') };
  const valid = t.killed + t.timeout + t.survived + t.noCoverage;
  return { ...t, score: valid === 0 ? null : Math.round(((t.killed + t.timeout) * 10_000) / valid) / 100 };
}

export function summarize(report: z.infer<typeof Report>): { folders: Record<string, Tally>; total: Tally } {
  const byFolder = new Map<string, Mutant[]>();
  for (const [path, file] of Object.entries(report.files)) {
    const folder = folderOf(path);
    if (folder !== undefined) byFolder.set(folder, [...(byFolder.get(folder) ?? []), ...file.mutants]);
  }
  const folders = Object.fromEntries([...byFolder].sort(([a], [b]) => a.localeCompare(b)).map(([f, ms]) => [f, tally(ms)]));
  return { folders, total: tally([...byFolder.values()].flat()) };
}

function survivors(report: z.infer<typeof Report>): string[] {
  return Object.entries(report.files).flatMap(([path, file]) =>
    file.mutants
      .filter((m) => m.status === 'Survived' || m.status === 'NoCoverage')
      .map((m) => `${path}:${m.location.start.line}:${m.location.start.column} ${m.status} ${m.mutatorName} → ${m.replacement ?? ''}`),
  );
}

/** Each report's own score and, when run.sh timed it, the seconds its run took. */
function shardTallies(reports: ReadonlyMap<string, z.infer<typeof Report>>): Record<string, Tally & { seconds?: number }> {
  return Object.fromEntries(
    [...reports].map(([path, r]) => {
      const timing = path.replace(/\.json$/, '.seconds');
      const seconds = existsSync(timing) ? Number(readFileSync(timing, 'utf8').trim()) : undefined;
      return [
        basename(path, '.json'),
        { ...tally(Object.values(r.files).flatMap((f) => f.mutants)), ...(seconds === undefined ? {} : { seconds }) },
      ];
    }),
  );
}

function main(argv: string[]): number {
  const arg = (name: string): string | undefined => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
  const inputs = argv.flatMap((a, i) => (argv[i - 1] === '--report' ? [a] : []));
  const output = arg('--out') ?? 'mutation-results.json';
  const reports = new Map(
    (inputs.length > 0 ? inputs : ['reports/mutation/mutation.json']).map((p) => [p, Report.parse(JSON.parse(readFileSync(p, 'utf8')))]),
  );
  const report = { files: Object.assign({}, ...[...reports.values()].map((r) => r.files)) as z.infer<typeof Report>['files'] };
  const summary = { ...summarize(report), shards: shardTallies(reports) };
  writeFileSync(output, `${JSON.stringify(summary, null, 2)}\n`);
  for (const [folder, t] of Object.entries(summary.folders))
    console.log(`${folder.padEnd(12)} ${String(t.score ?? '-').padStart(6)}%  (${t.survived} survived, ${t.noCoverage} no coverage)`);
  console.log(`${'total'.padEnd(12)} ${String(summary.total.score ?? '-').padStart(6)}%  → ${output}`);
  if (argv.includes('--survivors')) for (const line of survivors(report)) console.log(line);
  const min = arg('--min');
  if (min !== undefined && summary.total.score !== null && summary.total.score < Number(min)) {
    console.error(`mutation score ${summary.total.score}% is below ${min}%`);
    return 1;
  }
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
