// Starts an isolated code-server (a real VS Code server with a real extension host) on
// 127.0.0.1: its own user data, extensions, HOME, XDG folders and TMPDIR, all in a run folder.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { assertProvisioned, codeServerEntry, isolatedEnv, node24 } from './paths';
import { killGroup, spawnGroup } from './process-group';

const run = promisify(execFile);

/** User settings that keep the workbench quiet, offline and deterministic. */
export const quietSettings: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'window.restoreWindows': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

/** Options for {@link startCodeServer}. */
export interface CodeServerOptions {
  /** Run folder; everything the server writes goes below it. */
  runDir: string;
  /** Folder opened as the workspace. */
  folder: string;
  /** Fixed port; a free one is picked otherwise. */
  port?: number;
  /** .vsix files to install before starting. */
  vsix?: string[];
  /** Extra user settings (merged over {@link quietSettings}). */
  settings?: Record<string, unknown>;
  /** Extra environment for the server and its extension host (e.g. SWITCHBOARD_E2E=1). */
  env?: Record<string, string>;
  /** Needed to run tests inside the extension host through the `payload` URL. */
  smokeTestDriver?: boolean;
}

/** A running code-server. */
export interface CodeServer {
  url: string;
  port: number;
  pgid: number;
  userDataDir: string;
  extensionsDir: string;
  logFile: string;
  /** Kills the server's whole process group (extension hosts included). */
  stop(): Promise<void>;
}

/** Asks the kernel for a free loopback port. */
export async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

/** Installs a .vsix into the given extensions folder (about a second). */
export async function installVsix(vsix: string, dirs: { runDir: string; userDataDir: string; extensionsDir: string }): Promise<void> {
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} does not exist: package it first`);
  try {
    await run(
      node24,
      [
        codeServerEntry,
        '--install-extension',
        vsix,
        '--force',
        '--extensions-dir',
        dirs.extensionsDir,
        '--user-data-dir',
        dirs.userDataDir,
      ],
      { env: isolatedEnv(dirs.runDir), timeout: 60_000 },
    );
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`installing ${path.basename(vsix)} into code-server failed: ${err.stderr || err.message}`);
  }
}

/** Merges settings into `<userDataDir>/User/settings.json`. */
export function writeUserSettings(userDataDir: string, settings: Record<string, unknown>): void {
  const file = path.join(userDataDir, 'User/settings.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const current = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  fs.writeFileSync(file, JSON.stringify({ ...current, ...settings }, null, 2));
}

/** Polls `/healthz` until the server answers, it exits, or `timeoutMs` passes. */
async function waitHealthy(url: string, exited: Promise<unknown>, logFile: string, timeoutMs: number): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gone) throw new Error(`code-server exited during startup; log: ${tail(logFile)}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`code-server did not become healthy within ${timeoutMs} ms; log: ${tail(logFile)}`);
}

/** Last lines of a log, for error messages. */
export function tail(file: string, lines = 20): string {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n') : '(no log)';
}

/** Installs the given extensions, then starts code-server and waits until it is healthy. */
export async function startCodeServer(opts: CodeServerOptions): Promise<CodeServer> {
  assertProvisioned();
  const userDataDir = path.join(opts.runDir, 'user-data');
  const extensionsDir = path.join(opts.runDir, 'extensions');
  fs.mkdirSync(extensionsDir, { recursive: true });
  writeUserSettings(userDataDir, { ...quietSettings, ...opts.settings });
  for (const v of opts.vsix ?? []) await installVsix(v, { runDir: opts.runDir, userDataDir, extensionsDir });

  const port = opts.port ?? (await freePort());
  const logFile = path.join(opts.runDir, 'code-server.log');
  const log = fs.openSync(logFile, 'a');
  const args = [
    codeServerEntry,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
  ];
  if (opts.smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  args.push(opts.folder);
  const proc = spawnGroup(node24, args, { env: isolatedEnv(opts.runDir, opts.env), stdio: ['ignore', log, log], cwd: opts.runDir });
  fs.closeSync(log);
  const url = `http://127.0.0.1:${port}`;
  const stop = () => killGroup(proc.pgid);
  try {
    await waitHealthy(url, proc.exited, logFile, 30_000);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, port, pgid: proc.pgid, userDataDir, extensionsDir, logFile, stop };
}
