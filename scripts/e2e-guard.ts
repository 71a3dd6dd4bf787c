// Runs one e2e layer as its own process group under a hard timeout, then kills whatever the
// layer left behind: the groups it registered (code-server) and any process whose command line
// mentions the session folder (Chromium's profile lives there). A stuck layer therefore fails
// with a message instead of hanging CI, and nothing outlives the run.
// Usage: tsx scripts/e2e-guard.ts --label ui --timeout-s 300 -- <command> [args...]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { killGroup, killRegistered, spawnGroup, sweepByMarker } from '../test/e2e/harness/process-group';
import { outDir } from '../test/e2e/harness/paths';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i > 0 && i < process.argv.indexOf('--') ? process.argv[i + 1] : fallback;
}

/** Deletes run folders older than an hour (profiles are tens of MB; recent ones stay for debugging). */
function pruneOldRuns(root: string): void {
  if (!fs.existsSync(root)) return;
  const cutoff = Date.now() - 3_600_000;
  for (const name of fs.readdirSync(root)) {
    const dir = path.join(root, name);
    if (fs.statSync(dir).mtimeMs < cutoff) fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const sep = process.argv.indexOf('--');
  if (sep < 0 || sep === process.argv.length - 1) throw new Error('usage: e2e-guard.ts --label L --timeout-s N -- command [args...]');
  const [cmd, ...args] = process.argv.slice(sep + 1);
  const label = arg('--label', 'e2e');
  const timeoutS = Number(arg('--timeout-s', '300'));
  pruneOldRuns(path.join(outDir, 'runs'));
  const session = path.join(outDir, 'runs', `${label}-${(Date.now() % 1e8).toString(36)}${process.pid.toString(36)}`);
  fs.mkdirSync(session, { recursive: true });
  const registry = path.join(session, 'pgids.txt');
  // TMPDIR too: Playwright keeps its artifacts folder in the test process's temp folder.
  const tmp = path.join(session, 'tmp');
  fs.mkdirSync(tmp, { recursive: true });
  const env = {
    ...process.env,
    TMPDIR: tmp,
    SWITCHBOARD_E2E_SESSION_DIR: session,
    SWITCHBOARD_E2E_PGID_FILE: registry,
    SWITCHBOARD_E2E_GUARD_PID: String(process.pid),
  };

  const layer = spawnGroup(cmd, args, { env, stdio: 'inherit' });
  let timedOut = false;
  const cleanup = async () => {
    await killGroup(layer.pgid, 5_000);
    await killRegistered(registry);
    const swept = await sweepByMarker(session);
    if (swept.length) console.error(`[e2e-guard] ${label}: killed ${swept.length} leftover process group(s)`);
  };
  // Ctrl-C or a CI cancel: take the whole layer down with us.
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => void cleanup().finally(() => process.exit(130)));
  }
  const timer = setTimeout(() => {
    timedOut = true;
    console.error(
      `\n[e2e-guard] TIMEOUT: the ${label} layer did not finish within ${timeoutS} s; killing it (see artifacts/ for screenshots and logs)`,
    );
    void killGroup(layer.pgid, 5_000);
  }, timeoutS * 1000);
  const code = await layer.exited;
  clearTimeout(timer);
  await cleanup();
  if (timedOut) return 124;
  return typeof code === 'number' ? code : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`[e2e-guard] ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
