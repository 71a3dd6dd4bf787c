// Starts a bench helper (a simulator or a gateway) in its own process, so its CPU does not share
// the clients' event loop; the helper reports its URL over IPC.
import { fork } from 'node:child_process';
import * as path from 'node:path';

/** A running helper process. */
export interface BenchChild {
  url: string;
  stop(): void;
}

/** Forks `file` (relative to this folder) with `env` added, and resolves once it reports its URL. */
export function startChild(file: string, env: Record<string, string>): Promise<BenchChild> {
  const c = fork(path.join(__dirname, file), [], { execArgv: ['--import', 'tsx'], env: { ...process.env, ...env }, stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    c.once('message', (m) => resolve({ url: (m as { url: string }).url, stop: () => c.disconnect() }));
    c.once('exit', (code) => reject(new Error(`${file} exited (${code})`)));
  });
}
