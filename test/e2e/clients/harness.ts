// What the real-client tests share: the provisioned binaries, the headless gateway started the
// way a user starts it (`npm run gateway`) in its own process group, a throwaway home for the
// client, and a proxy that refuses (and counts) any attempt to leave the machine.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { SpendLedger, type LedgerRecord } from '../../../src/core/ledger';
import { presetDescriptors } from '../../../src/core/providers/build-registry';
import { SimServer, type Router } from '../../sim/server';
import { cacheDir, isolatedEnv, makeRunDir, repoRoot } from '../harness/paths';
import { killGroup, spawnGroup, type GroupProcess } from '../harness/process-group';

/** The native binaries `scripts/provision.sh --clients` installs (the wrappers' postinstall never runs). */
export const CLIENT_BINARIES = {
  claude: path.join(cacheDir, 'claude-code/node_modules/@anthropic-ai/claude-code-linux-x64/claude'),
  codex: path.join(cacheDir, 'codex/node_modules/@openai/codex-linux-x64/vendor/x86_64-unknown-linux-musl/bin/codex'),
};

/** Fails with the command that fixes it when the clients were not provisioned. */
export function assertClientProvisioned(bin: string): void {
  if (!fs.existsSync(bin)) throw new Error(`${bin} is missing: run \`bash scripts/provision.sh --clients\` first`);
}

/** The headless gateway in a child process. */
export interface GatewayChild {
  url: string;
  token: string;
  ledgerDir: string;
  /** Everything it logged (stderr). */
  log(): string;
  stop(): Promise<void>;
}

/** Starts `npm run gateway` with a settings file and provider keys from the environment. */
export async function startGatewayChild(
  runDir: string,
  settings: Record<string, unknown>,
  keys: Record<string, string>,
  token: string,
): Promise<GatewayChild> {
  const settingsFile = path.join(runDir, 'gateway-settings.json');
  fs.writeFileSync(settingsFile, JSON.stringify(settings));
  const ledgerDir = path.join(runDir, 'ledger');
  const env = isolatedEnv(path.join(runDir, 'gateway'), { ...keys, SWITCHBOARD_GATEWAY_TOKEN: token });
  const gw: GroupProcess = spawnGroup(
    'npm',
    ['run', '--silent', 'gateway', '--', '--port', '0', '--settings', settingsFile, '--ledger', ledgerDir],
    { cwd: repoRoot, env },
  );
  let stderr = '';
  gw.child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: gw.child.stdout! }).once('line', resolve);
    void gw.exited.then((code) => reject(new Error(`the gateway exited (${code}) before printing its URL: ${stderr}`)));
  });
  const m = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
  if (!m) throw new Error(`the gateway's first line was ${JSON.stringify(line)}; stderr: ${stderr}`);
  return { url: m[1], token, ledgerDir, log: () => stderr, stop: () => killGroup(gw.pgid, 5_000) };
}

/** The ledger's records as another process reads them. */
function ledgerRecords(dir: string): LedgerRecord[] {
  const ledger = new SpendLedger({ dir, writerId: 'client-test-reader' });
  ledger.load();
  const records = ledger.recent();
  ledger.close();
  return records;
}

/**
 * Every request is in the ledger as the gateway's, with the client's name, and answered once by
 * the expected host. The ledger holds attempts: a retried one (say, a pooled connection the host
 * had just closed) adds a failed record, which is allowed and printed.
 */
export function assertGatewayRecords(s: ClientStack, expected: { count: number; client: string; provider: string }): void {
  const records = ledgerRecords(s.gw.ledgerDir);
  const served = records.filter((r) => r.outcome === 'success');
  for (const r of records.filter((x) => x.outcome !== 'success'))
    console.log(`      retried attempt in the ledger: ${r.outcome} ${r.errorCategory ?? ''} after ${Math.round(r.durationMs)} ms`);
  assert.equal(served.length, expected.count, JSON.stringify(records));
  for (const r of records) assert.deepEqual([r.origin, r.client, r.provider], ['gateway', expected.client, expected.provider]);
}

/** Nothing tried to leave the machine, and no secret reached the gateway's log. */
export function assertStayedLocal(s: ClientStack, secrets: string[]): void {
  assert.deepEqual(s.proxy.attempts, [], 'the client tried to reach the network');
  for (const secret of secrets) assert.ok(!s.gw.log().includes(secret), 'a key or the token is in the gateway log');
}

/** A proxy that answers every request and CONNECT with 403 and remembers where it was asked to go. */
export interface RefusingProxy {
  url: string;
  attempts: string[];
  close(): Promise<void>;
}

export async function startRefusingProxy(): Promise<RefusingProxy> {
  const attempts: string[] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    attempts.push(`${req.method} ${req.url}`);
    res.writeHead(403).end('no network in tests');
  });
  server.on('connect', (req: http.IncomingMessage, socket: Socket) => {
    attempts.push(`CONNECT ${req.url}`);
    socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    attempts,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** A client's environment: its own HOME and temp folders, every outbound request sent to the refusing proxy. */
export function clientEnv(runDir: string, proxyUrl: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = isolatedEnv(runDir, {
    HTTP_PROXY: proxyUrl,
    HTTPS_PROXY: proxyUrl,
    ALL_PROXY: proxyUrl,
    http_proxy: proxyUrl,
    https_proxy: proxyUrl,
    all_proxy: proxyUrl,
    NO_PROXY: '127.0.0.1,localhost',
    no_proxy: '127.0.0.1,localhost',
    ...extra,
  });
  // Keys of the machine running the tests must not reach a client (nor be sent by it).
  for (const k of Object.keys(env)) if (/^(ANTHROPIC|OPENAI|CLAUDE|CODEX|GEMINI)_/.test(k) && !(k in extra)) delete env[k];
  return env;
}

/** What a client printed and how it ended. */
export interface ClientRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs a client to completion with no stdin (non-interactive), killing it after `timeoutMs`. */
export function runClient(
  bin: string,
  args: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<ClientRun> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const child = execFile(
      bin,
      args,
      { ...opts, timeout: opts.timeoutMs, maxBuffer: 16 << 20, killSignal: 'SIGKILL' },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
        resolve({ code, stdout, stderr, ms: Math.round(performance.now() - t0) });
      },
    );
    child.stdin?.end();
  });
}

/**
 * Gateway settings with only the given providers on (base URLs at the simulators): the others'
 * catalog refreshes would otherwise reach for the network or for local servers.
 */
export function onlyProviders(baseUrls: Record<string, string>): Record<string, unknown> {
  const providers: Record<string, { enabled: boolean; baseUrl?: string }> = {};
  for (const d of presetDescriptors()) providers[d.id] = d.id in baseUrls ? { enabled: true, baseUrl: baseUrls[d.id] } : { enabled: false };
  return { 'switchboard.providers': providers };
}

/** The file each run's working folder holds, for the client's tool to read; its marker shows up in the tool result. */
export const NOTE = { name: 'note.txt', marker: 'kettle-marker-5f3a', text: 'kettle-marker-5f3a: the kettle is on\n' };

/** One client run's world: a scripted host, the gateway in front of it, the refusing proxy, and folders. */
export interface ClientStack {
  runDir: string;
  /** The client's working folder, holding NOTE. */
  workDir: string;
  sim: SimServer;
  proxy: RefusingProxy;
  gw: GatewayChild;
  /** Everything worth reading when an assertion fails. */
  diagnose(run: ClientRun): string;
  close(): Promise<void>;
}

/** The host a client's requests end at: a simulator router, the preset it stands for, and its key. */
export interface ScriptedHost {
  router: Router;
  provider: string;
  /** Path of the provider's base URL on the simulator (`/v1beta`, `/v1`). */
  basePath: string;
  keyVar: string;
  key: string;
}

/** Starts a client's world; `hostFor` gets the working folder, so a script can name files in it. */
export async function startClientStack(label: string, hostFor: (workDir: string) => ScriptedHost, token: string): Promise<ClientStack> {
  const runDir = makeRunDir(label);
  const workDir = path.join(runDir, 'work');
  fs.mkdirSync(workDir);
  fs.writeFileSync(path.join(workDir, NOTE.name), NOTE.text);
  const host = hostFor(workDir);
  const sim = await SimServer.start(host.router);
  const proxy = await startRefusingProxy();
  const gw = await startGatewayChild(
    runDir,
    onlyProviders({ [host.provider]: `${sim.url}${host.basePath}` }),
    { [host.keyVar]: host.key },
    token,
  ).catch(async (e: unknown) => {
    await Promise.all([sim.close(), proxy.close()]);
    throw e;
  });
  return {
    runDir,
    workDir,
    sim,
    proxy,
    gw,
    diagnose: (run) =>
      [
        `exit ${run.code} in ${run.ms} ms`,
        `stdout: ${run.stdout}`,
        `stderr: ${run.stderr}`,
        `host requests: ${sim.requests.map((r) => `${r.method} ${r.path}`).join(', ')}`,
        `gateway log: ${gw.log()}`,
        `outbound attempts: ${proxy.attempts.join(', ')}`,
      ].join('\n'),
    close: async () => {
      await gw.stop();
      await Promise.all([sim.close(), proxy.close()]);
    },
  };
}
