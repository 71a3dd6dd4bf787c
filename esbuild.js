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

/**
 * Heavy libraries the host needs only on first use go to their own files, required lazily from
 * the code (`require('gpt-tokenizer')` inside a function), so activation never parses them.
 */
const LAZY_CHUNKS = { 'gpt-tokenizer': 'tokenizer', '@pydantic/genai-prices': 'genai-prices', undici: 'undici' };

const lazyChunks = {
  name: 'lazy-chunks',
  setup(build) {
    const filter = new RegExp(
      `^(${Object.keys(LAZY_CHUNKS)
        .map((k) => k.replace(/[/@.-]/g, '\\$&'))
        .join('|')})$`,
    );
    build.onResolve({ filter }, (args) => ({ path: `./${LAZY_CHUNKS[args.path]}.js`, external: true }));
  },
};

/**
 * zod's namespace re-exports every locale (~260 KB); Switchboard's messages are English, so the
 * locale index is reduced to `en`, the one zod configures by default.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${require('path').sep}zod${require('path').sep}`)
        ? { path: require('path').join(args.resolveDir, '../locales/index.js'), namespace: 'zod-locales' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: "export { default as en } from './en.js';",
      resolveDir: require('path').dirname(args.path),
      loader: 'js',
    }));
  },
};

/**
 * zod's JSON Schema conversion (to and from, ~35 KB minified) is never used: Switchboard only
 * parses. Its modules are replaced by stubs that export the same names and throw if called; the
 * schema classes reference them only inside methods (`toJSONSchema()`, `~standard.jsonSchema`).
 */
const JSON_SCHEMA_MODULES = /(^|[\\/])(to-json-schema|json-schema-processors|from-json-schema|json-schema-generator)\.js$/;
const zodWithoutJsonSchema = {
  name: 'zod-without-json-schema',
  setup(build) {
    const path = require('path');
    const fs = require('fs');
    build.onResolve({ filter: JSON_SCHEMA_MODULES }, (args) =>
      args.importer.includes(`${path.sep}zod${path.sep}`)
        ? { path: path.join(args.resolveDir, args.path), namespace: 'zod-no-json-schema' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-no-json-schema' }, (args) => {
      const source = fs.readFileSync(args.path, 'utf8');
      const names = new Set();
      for (const m of source.matchAll(/export\s+(?:const|function|class|let)\s+(\w+)/g)) names.add(m[1]);
      for (const m of source.matchAll(/export\s*\{([^}]*)\}/g))
        for (const part of m[1].split(','))
          if (part.trim())
            names.add(
              part
                .trim()
                .split(/\s+as\s+/)
                .pop(),
            );
      const stub = (n) =>
        n === 'aggregateChecks'
          ? '() => ({})'
          : /^create\w*Method$/.test(n)
            ? '() => unsupported'
            : n === 'allProcessors'
              ? '{}'
              : 'unsupported';
      const lines = ["const unsupported = () => { throw new Error('JSON Schema conversion is not part of this build'); };"];
      for (const n of names) lines.push(`export const ${n} = ${stub(n)};`);
      return { contents: lines.join('\n'), loader: 'js' };
    });
  },
};

/**
 * markdown-it's table of HTML entity names (`entities`, about 21 KB) is left out of the webview
 * bundle: the webview decodes a name with its own HTML parser (src/webview/shared/html-entities.ts).
 */
const browserEntities = {
  name: 'browser-entities',
  setup(build) {
    const path = require('path');
    build.onResolve({ filter: /^entities$/ }, (args) =>
      args.importer.includes(`${path.sep}markdown-it${path.sep}`)
        ? { path: path.join(__dirname, 'src/webview/shared/html-entities.ts') }
        : undefined,
    );
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
  plugins: [reporter, zodEnglishOnly, zodWithoutJsonSchema],
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
    // The extension host replaces Node's global navigator by a getter that logs a
    // PendingMigrationError; zod reads it once (to spot Cloudflare Workers), which logged that
    // error on every activation. The extension never needs navigator, so it is compiled away.
    define: { navigator: 'undefined' },
    metafile: true,
    plugins: [reporter, zodEnglishOnly, zodWithoutJsonSchema, lazyChunks],
  },
  {
    ...common,
    entryPoints: Object.fromEntries(Object.entries(LAZY_CHUNKS).map(([pkg, out]) => [out, require.resolve(pkg)])),
    outdir: 'dist',
    format: 'cjs',
    platform: 'node',
    target: 'node22',
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
    plugins: [...common.plugins, browserEntities],
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
