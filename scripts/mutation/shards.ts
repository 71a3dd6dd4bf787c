// The full mutation run is split into shards, one per folder of src/core (each provider family
// its own), each mutated against only the tests that mirror it under test/unit. A folder's score
// then says how well its own tests pin its behaviour, a shard can be rerun alone, and each keeps
// its own incremental file, so a rerun redoes only the mutants whose code or tests changed.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface Shard {
  /** Also names its report and incremental file: `providers-gemini`, `core-root`. */
  name: string;
  mutate: string[];
  spec: string[];
}

const EXCLUDE = ['!src/core/**/*.test.ts', '!src/core/**/types.ts'];

const dirs = (root: string, at: string): string[] =>
  readdirSync(join(root, at), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();

const hasSources = (root: string, at: string): boolean =>
  readdirSync(join(root, at), { withFileTypes: true }).some(
    (e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && e.name !== 'types.ts',
  );

function folderShards(root: string, parent: string): Shard[] {
  return dirs(root, `src/core/${parent}`).flatMap((dir): Shard[] => {
    const rel = parent === '' ? dir : `${parent}/${dir}`;
    if (rel === 'providers') return folderShards(root, rel);
    // A folder no test mirrors has no shard; it is missing from the results, not scored 0.
    if (!existsSync(join(root, 'test/unit', rel))) return [];
    return [{ name: rel.replaceAll('/', '-'), mutate: [`src/core/${rel}/**/*.ts`, ...EXCLUDE], spec: [`test/unit/${rel}/**/*.test.ts`] }];
  });
}

/** Every shard of src/core: its folders, provider families, and the loose files of src/core and of providers. */
export function shards(root: string): Shard[] {
  const loose = (name: string, at: string, spec: string): Shard[] =>
    hasSources(root, at) ? [{ name, mutate: [`${at}/*.ts`, ...EXCLUDE], spec: [spec] }] : [];
  return [
    ...loose('core-root', 'src/core', 'test/unit/core/**/*.test.ts'),
    ...folderShards(root, ''),
    ...loose('providers-root', 'src/core/providers', 'test/unit/providers/*.test.ts'),
  ].sort((a, b) => a.name.localeCompare(b.name));
}

/** The shard a core source file belongs to (`src/core/providers/gemini/x.ts` → providers-gemini). */
export function shardOf(path: string): string | undefined {
  const m = /^src\/core\/(.+)$/.exec(path.replaceAll('\\', '/'));
  if (m === null) return undefined;
  const parts = m[1].split('/');
  if (parts.length === 1) return 'core-root';
  if (parts[0] === 'providers') return parts.length === 2 ? 'providers-root' : `providers-${parts[1]}`;
  return parts[0];
}

/** What `--changed` runs: the files that belong to a shard, against those shards' tests. */
export function planFor(all: readonly Shard[], files: readonly string[]): { mutate: string[]; spec: string[] } {
  const named = new Map(all.map((s) => [s.name, s]));
  const mutate = files.filter((f) => named.has(shardOf(f) ?? ''));
  const spec = [...new Set(mutate.flatMap((f) => named.get(shardOf(f) ?? '')?.spec ?? []))];
  return { mutate, spec };
}

// CLI for run.sh: `shards.ts list` prints `name<TAB>mutate,…<TAB>spec,…` per shard;
// `shards.ts plan FILE…` prints the files to mutate, then their tests, each comma-separated on a line.
function main(argv: string[]): number {
  const all = shards(process.cwd());
  if (argv[0] === 'list') {
    for (const s of all) console.log([s.name, s.mutate.join(','), s.spec.join(',')].join('\t'));
    return 0;
  }
  if (argv[0] === 'plan') {
    const plan = planFor(all, argv.slice(1));
    console.log(`${plan.mutate.join(',')}\n${plan.spec.join(',')}`);
    return 0;
  }
  console.error('usage: shards.ts list | plan FILE…');
  return 2;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
