// Two bundles: the extension host (CJS, node) and the webview (IIFE, browser).
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Logs build results so --watch shows when a rebuild finished or failed. */
const reporter = {
  name: 'reporter',
  setup(build) {
    build.onEnd((result) => {
      for (const e of result.errors) console.error(`✘ ${e.text} (${e.location?.file}:${e.location?.line})`);
      if (watch) console.log(`[watch] build finished with ${result.errors.length} error(s)`);
    });
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
  plugins: [reporter],
};

const targets = [
  {
    ...common,
    entryPoints: { extension: 'src/extension.ts' },
    outdir: 'dist',
    format: 'cjs',
    platform: 'node',
    target: 'node22',
    external: ['vscode'],
    metafile: true,
  },
  {
    ...common,
    entryPoints: { webview: 'src/webview/main.ts' },
    outdir: 'dist',
    format: 'iife',
    platform: 'browser',
    target: ['chrome120'],
    loader: { '.ttf': 'file', '.css': 'css' },
    metafile: true,
  },
];

async function main() {
  const contexts = await Promise.all(targets.map((t) => esbuild.context(t)));
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
