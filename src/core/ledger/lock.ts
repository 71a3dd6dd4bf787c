// One compaction at a time per ledger folder: an exclusive lock file. A lock whose owner process
// is gone, or older than STALE_LOCK_MS, is broken. Breaking can race (two processes may both
// break and take it), so correctness never rests on the lock: summary generations are created
// exclusively (see compaction.ts). The lock saves work and keeps late appends out of a month
// while it is being folded.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { inDir, writeAll } from './files';

const LOCK = 'compact.lock';

/** A compaction reads a few months of lines; one that held the lock this long has died or hung. */
const STALE_LOCK_MS = 10 * 60_000;

/** A held lock. */
interface LockHandle {
  release(): void;
}

/** Whether a process with this id is running (a process of another user counts as running). */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isStale(file: string, now: number): boolean {
  let text: string;
  let mtime: number;
  try {
    text = fs.readFileSync(file, 'utf8');
    mtime = fs.statSync(file).mtimeMs;
  } catch {
    return true; // released meanwhile: try again
  }
  let owner: { pid?: unknown; at?: unknown };
  try {
    owner = JSON.parse(text) as typeof owner;
  } catch {
    // Created but never written: its creator died between the two calls (or is between them now).
    return Math.abs(Date.now() - mtime) > 10_000;
  }
  if (typeof owner.pid !== 'number' || typeof owner.at !== 'number') return true;
  // Compaction is synchronous, so a lock of this very process is left over from a failed pass.
  if (owner.pid === process.pid) return true;
  return !processAlive(owner.pid) || Math.abs(now - owner.at) > STALE_LOCK_MS;
}

/** Takes the folder's compaction lock, or returns undefined when a live process holds it. */
export function tryLock(dir: string, now: number): LockHandle | undefined {
  const file = inDir(dir, LOCK);
  const nonce = randomBytes(8).toString('hex');
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = fs.openSync(file, 'wx');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || !isStale(file, now)) return undefined;
      fs.rmSync(file, { force: true });
      continue;
    }
    try {
      writeAll(fd, Buffer.from(JSON.stringify({ pid: process.pid, at: now, nonce })));
    } finally {
      fs.closeSync(fd);
    }
    return { release: () => releaseIfOurs(file, nonce) };
  }
  return undefined;
}

/** Takes the lock, waiting up to `waitMs` for a live holder to finish. */
export function lockWaiting(dir: string, now: number, waitMs: number): LockHandle | undefined {
  const until = performance.now() + waitMs;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    const lock = tryLock(dir, now);
    if (lock || performance.now() >= until) return lock;
    Atomics.wait(pause, 0, 0, 5);
  }
}

function releaseIfOurs(file: string, nonce: string): void {
  try {
    // A lock broken as stale and taken by another process is theirs now.
    if ((JSON.parse(fs.readFileSync(file, 'utf8')) as { nonce?: string }).nonce === nonce) fs.rmSync(file, { force: true });
  } catch {
    // Already gone.
  }
}
