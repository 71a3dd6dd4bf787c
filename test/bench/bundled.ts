// Loads bench modules the way users run our code: from an esbuild bundle built as
// `esbuild.js --production` builds the extension (CJS, node22, minified, no keepNames), so that
// tsx's `__name()` wrapping of every named inner closure is not counted against per-request code.
// The official SDKs stay external: they run as shipped. BENCH_SOURCE=tsx loads the .ts sources
// instead, to show the difference side by side.
import { createRequire } from 'node:module';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const OUT = path.join(ROOT, 'out', 'bench');
const SDKS = ['openai', '@anthropic-ai/sdk', '@google/genai'];

/** 'bundle' (the default) or 'tsx', from BENCH_SOURCE. */
export function benchSource(): 'bundle' | 'tsx' {
  const s = process.env.BENCH_SOURCE ?? 'bundle';
  if (s !== 'bundle' && s !== 'tsx') throw new Error(`BENCH_SOURCE must be bundle or tsx, not ${s}`);
  return s;
}

/** Bundles `file` (relative to test/bench) to out/bench and returns the path of the .js. */
export async function bundleFile(file: string): Promise<string> {
  // Loaded on use so that BENCH_SOURCE=tsx and the other benches never start esbuild.
  const esbuild = await import('esbuild');
  const outfile = path.join(OUT, `${path.basename(file, '.ts')}.js`);
  await esbuild.build({
    entryPoints: [path.join(__dirname, file)],
    outfile,
    bundle: true,
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
    format: 'cjs',
    platform: 'node',
    target: 'node22',
    define: { navigator: 'undefined' },
    external: SDKS,
  });
  return outfile;
}

/** The module `file` (relative to test/bench), bundled or as .ts source per BENCH_SOURCE. */
export async function loadBench<T>(file: string): Promise<T> {
  if (benchSource() === 'tsx') return (await import(path.join(__dirname, file))) as T;
  // A plain require of the .js, so tsx's loader has no say in how the bundle is compiled.
  return createRequire(__filename)(await bundleFile(file)) as T;
}
