// Every process the e2e tooling starts runs in its own process group, recorded in a file, so
// that the group can be killed as a whole at the end, even when the test process itself was
// killed by the hard timeout (the outer runner reads the file and sweeps what is left).
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A child that leads its own process group. */
export interface GroupProcess {
  child: ChildProcess;
  pgid: number;
  /** Resolves with the exit code (or signal name) once the group leader exits. */
  exited: Promise<number | string>;
}

/** File the current session appends process group ids to (set by scripts/e2e-run.ts). */
const registryFile = (): string | undefined => process.env.SWITCHBOARD_E2E_PGID_FILE;

const spawned = new Set<number>();
let watchdog: ReturnType<typeof setInterval> | undefined;

/**
 * If the guard that owns this session is killed outright (SIGKILL skips its cleanup), nobody
 * would stop our detached groups: so we watch it and take our groups down when it is gone.
 */
function watchGuard(): void {
  const guard = Number(process.env.SWITCHBOARD_E2E_GUARD_PID);
  if (!guard || watchdog) return;
  watchdog = setInterval(() => {
    try {
      process.kill(guard, 0);
    } catch {
      for (const g of spawned) {
        try {
          process.kill(-g, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
      console.error('[e2e] the e2e guard is gone; stopped this layer and its processes');
      process.exit(1);
    }
  }, 1_000);
  watchdog.unref();
}

/** Spawns `cmd` as the leader of a new process group and records the group id. */
export function spawnGroup(cmd: string, args: string[], opts: SpawnOptions = {}): GroupProcess {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts, detached: true });
  if (child.pid === undefined) throw new Error(`could not start ${cmd}`);
  const pgid = child.pid;
  spawned.add(pgid);
  child.once('exit', () => spawned.delete(pgid));
  watchGuard();
  const file = registryFile();
  if (file) fs.appendFileSync(file, `${pgid}\n`);
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return { child, pgid, exited };
}

/** True while any process of the group is alive. */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM to the whole group, then SIGKILL after `graceMs` if anything is left. */
export async function killGroup(pgid: number, graceMs = 2_000): Promise<void> {
  if (!groupAlive(pgid)) return;
  try {
    process.kill(-pgid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && groupAlive(pgid)) await new Promise((r) => setTimeout(r, 50));
  if (groupAlive(pgid)) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
}

/** Process group id of a /proc entry (`self` or a pid); field 5 of stat, after the parenthesized name. */
function pgidOf(entry: string): number {
  const stat = fs.readFileSync(path.join('/proc', entry, 'stat'), 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
}

/** Kills every group listed in a registry file (one pgid per line). */
export async function killRegistered(file: string): Promise<number[]> {
  if (!fs.existsSync(file)) return [];
  const pgids = [
    ...new Set(
      fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .map(Number)
        .filter((n) => n > 1),
    ),
  ];
  await Promise.all(pgids.map((p) => killGroup(p, 1_000)));
  return pgids;
}

/**
 * Kills the groups of processes whose command line mentions `marker` (a run folder path).
 * This catches what registration cannot: Chromium, which Playwright starts in a group of its own.
 */
export async function sweepByMarker(marker: string): Promise<number[]> {
  const own = new Set([process.pid, process.ppid, pgidOf('self')]);
  const found = new Set<number>();
  for (const entry of fs.readdirSync('/proc')) {
    const pid = Number(entry);
    if (!pid || own.has(pid)) continue;
    try {
      const cmdline = fs.readFileSync(path.join('/proc', entry, 'cmdline'), 'utf8');
      if (!cmdline.includes(marker)) continue;
      const pgid = pgidOf(entry);
      if (pgid > 1 && !own.has(pgid)) found.add(pgid);
    } catch {
      /* process ended while we looked */
    }
  }
  await Promise.all([...found].map((p) => killGroup(p, 1_000)));
  return [...found];
}
