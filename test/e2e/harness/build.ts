// Builds what the e2e layers run: the production bundle, the .vsix files, the exthost tests.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as esbuild from 'esbuild';
import { bridgeVsixPath, lmClientVsixPath, outDir, repoRoot, vsixPath } from './paths';

const run = promisify(execFile);
const vsce = path.join(repoRoot, 'node_modules/@vscode/vsce/vsce');

/** Runs vsce package and fails on any error or warning it prints (the manifest must be clean). */
async function vscePackage(cwd: string, out: string, extra: string[]): Promise<void> {
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const { stdout, stderr } = await run(process.execPath, [vsce, 'package', '--no-dependencies', '-o', out, ...extra], {
    cwd,
    maxBuffer: 16 << 20,
  }).catch((e: { stdout?: string; stderr?: string; message: string }) => {
    throw new Error(`vsce package failed in ${path.relative(repoRoot, cwd) || '.'}:\n${e.stderr || e.stdout || e.message}`);
  });
  const complaints = `${stdout}\n${stderr}`.split('\n').filter((l) => /\bWARNING\b|\bERROR\b/.test(l));
  if (complaints.length) throw new Error(`vsce package reported problems:\n${complaints.join('\n')}`);
}

/** Production build (node esbuild.js --production). */
export async function buildProduction(): Promise<void> {
  await run(process.execPath, ['esbuild.js', '--production'], { cwd: repoRoot }).catch((e: { stderr?: string; message: string }) => {
    throw new Error(`production build failed:\n${e.stderr || e.message}`);
  });
}

/** Packages Switchboard into out/e2e/switchboard.vsix with no errors or warnings allowed. */
export async function packageExtension(): Promise<string> {
  await vscePackage(repoRoot, vsixPath, []);
  return vsixPath;
}

/** Packages the test-only bridge extension (never part of the product .vsix). */
export async function packageBridge(): Promise<string> {
  await vscePackage(path.join(repoRoot, 'test/e2e/bridge'), bridgeVsixPath, ['--allow-missing-repository', '--skip-license']);
  return bridgeVsixPath;
}

/** Packages the test-only language-model client extension (see test/e2e/lm-client). */
export async function packageLmClient(): Promise<string> {
  await vscePackage(path.join(repoRoot, 'test/e2e/lm-client'), lmClientVsixPath, ['--allow-missing-repository', '--skip-license']);
  return lmClientVsixPath;
}

/** Compiles test/e2e/exthost/*.ts to plain CommonJS the extension host can load. */
export async function compileExthostTests(): Promise<string> {
  const srcDir = path.join(repoRoot, 'test/e2e/exthost');
  const dest = path.join(outDir, 'exthost');
  fs.rmSync(dest, { recursive: true, force: true });
  const entryPoints = fs
    .readdirSync(srcDir)
    .filter((f) => f === 'index.ts' || f.endsWith('.test.ts'))
    .map((f) => path.join(srcDir, f));
  await esbuild.build({
    entryPoints,
    outdir: dest,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node22',
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    logLevel: 'error',
  });
  return dest;
}
