// Starts a bench helper (a simulator or a gateway) in its own process, so its CPU does not share
// the clients' event loop; the helper reports its URL over IPC.
import { fork } from 'node:child_process';
import * as path from 'node:path';
import { benchSource, bundleFile } from './bundled';

/** A running helper process. */
export interface BenchChild {
  url: string;
  stop(): void;
}

/** Forks `file` (relative to this folder) with `env` added, and resolves once it reports its URL. */
export function startChild(file: string, env: Record<string, string>): Promise<BenchChild> {
  return forked(path.join(__dirname, file), ['--import', 'tsx'], env);
}

/**
 * Like startChild, for a helper that runs our code: from the production-style bundle (see
 * bundled.ts), or from its sources under BENCH_SOURCE=tsx.
 */
export async function startBundledChild(file: string, env: Record<string, string>): Promise<BenchChild> {
  return benchSource() === 'tsx' ? startChild(file, env) : forked(await bundleFile(file), [], env);
}

function forked(file: string, execArgv: string[], env: Record<string, string>): Promise<BenchChild> {
  const c = fork(file, [], { execArgv, env: { ...process.env, ...env }, stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    c.once('message', (m) => resolve({ url: (m as { url: string }).url, stop: () => c.disconnect() }));
    c.once('exit', (code) => reject(new Error(`${file} exited (${code})`)));
  });
}
