// Where the gateway's CPU goes per request: runs the bench's gateway child from an unminified
// esbuild bundle (no tsx `__name` wrapping) under --cpu-prof, sends sequential or concurrent
// streaming requests through it with the OpenAI SDK, and prints self time grouped by source file
// and by function. Run: npx tsx test/bench/gateway-profile.ts  (REQUESTS=3000, CONCURRENCY=1,
// PROF_DIR=a temporary folder, SLOW_MS=0)
import { fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import OpenAI from 'openai';

const REQUESTS = Number(process.env.REQUESTS ?? 3000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 1);
const WARM = Number(process.env.WARM ?? 300);
const TOKEN = 'sb-gw-bench-token-0123456789';

// Loads the bundle under an inspector session that profiles between two IPC messages.
const PROFILED_CHILD = `
const inspector = require('node:inspector');
const fs = require('node:fs');
const net = require('node:net');
let writes = 0;
for (const k of ['_write', '_writev']) {
  const f = net.Socket.prototype[k];
  net.Socket.prototype[k] = function (...a) { writes++; return f.apply(this, a); };
}
const s = new inspector.Session();
s.connect();
process.on('message', (m) => {
  if (m.start) writes = 0;
  if (m.start) s.post('Profiler.enable', () => s.post('Profiler.setSamplingInterval', { interval: 100 }, () => s.post('Profiler.start', () => process.send({ ok: 1 }))));
  if (m.stop) s.post('Profiler.stop', (e, r) => { fs.writeFileSync(m.stop, JSON.stringify(r.profile)); process.send({ ok: 1, writes }); });
});
require(BUNDLE);
`;

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

function child(file: string, env: Record<string, string>, execArgv: string[]) {
  const c = fork(file, [], { execArgv, env: { ...process.env, ...env }, stdio: 'inherit' });
  const ask = (m: object) =>
    new Promise<{ writes?: number }>((done) => (c.once('message', (r) => done(r as { writes?: number })), c.send(m)));
  return new Promise<{ url: string; ask: typeof ask; stop: () => Promise<void> }>((resolve, reject) => {
    c.once('message', (m) =>
      resolve({
        url: (m as { url: string }).url,
        ask,
        stop: () => new Promise((done) => (c.once('exit', () => done()), c.disconnect())),
      }),
    );
    c.once('exit', (code) => reject(new Error(`${file} exited (${code})`)));
  });
}

async function bundle(out: string): Promise<{ file: string; modules: [number, string][] }> {
  const esbuild = await import('esbuild');
  const file = path.join(out, 'gateway-child.js');
  await esbuild.build({
    entryPoints: [path.join(__dirname, 'gateway-child.ts')],
    outfile: file,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node22',
    logLevel: 'warning',
    define: { navigator: 'undefined' },
    external: ['openai', '@anthropic-ai/sdk', '@google/genai'],
  });
  // esbuild marks where each module's code starts with a `// path` comment.
  const modules: [number, string][] = [];
  fs.readFileSync(file, 'utf8')
    .split('\n')
    .forEach((l, i) => {
      const m = /^\/\/ (\S+\.(?:ts|js|mjs|cjs|json))$/.exec(l.trim());
      if (m) modules.push([i, m[1]]);
    });
  return { file, modules };
}

function moduleAt(modules: [number, string][], line: number): string {
  let name = '(bundle)';
  for (const [start, m] of modules) if (start <= line) name = m;
  return name.replace(/^.*node_modules\//, 'nm/');
}

function table(title: string, m: Map<string, number>, total: number, rows = 40): void {
  console.log(`\n${title}`);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, rows))
    console.log(`${((100 * v) / total).toFixed(1).padStart(5)}%  ${(v / 1000 / REQUESTS).toFixed(4)} ms/req  ${k}`);
}

function analyse(profFile: string, bundled: string, modules: [number, string][]): void {
  const p = JSON.parse(fs.readFileSync(profFile, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const byFile = new Map<string, number>();
  const byFn = new Map<string, number>();
  let busy = 0;
  for (const n of p.nodes) {
    const us = self.get(n.id) ?? 0;
    const { functionName, url, lineNumber } = n.callFrame;
    if (functionName === '(idle)') continue;
    busy += us;
    const file = url.endsWith(path.basename(bundled))
      ? moduleAt(modules, lineNumber)
      : url
        ? url.replace(/^.*node_modules\//, 'nm/')
        : functionName;
    byFile.set(file, (byFile.get(file) ?? 0) + us);
    const fn = `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + us);
  }
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of (n as Node & { children?: number[] }).children ?? []) parent.set(c, n.id);
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const incl = new Map<string, number>();
  for (const [id, us] of self) {
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur)!;
      const { functionName, url, lineNumber } = n.callFrame;
      if (functionName === '(idle)') break;
      if (!url.endsWith(path.basename(bundled))) continue;
      const file = moduleAt(modules, lineNumber);
      if (!file.startsWith('src/')) continue;
      const key = `${functionName || '(anonymous)'} ${file}`;
      if (!seen.has(key)) incl.set(key, (incl.get(key) ?? 0) + us);
      seen.add(key);
    }
  }
  console.log(`busy ${(busy / 1000).toFixed(0)} ms over ${REQUESTS} requests: ${(busy / 1000 / REQUESTS).toFixed(3)} ms per request`);
  table('self time by file', byFile, busy);
  table('self time by function', byFn, busy, 60);
  table('inclusive time of our functions', incl, busy, 80);
}

async function main(): Promise<void> {
  const dir = process.env.PROF_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'sb-gw-prof-'));
  const { file, modules } = await bundle(dir);
  const sim = await child(path.join(__dirname, 'router-sim-child.ts'), { SLOW_MS: process.env.SLOW_MS ?? '0' }, ['--import', 'tsx']);
  // Profiles only the measured requests: start-up and warm-up are left out.
  const wrapper = path.join(dir, 'profiled-child.js');
  fs.writeFileSync(wrapper, PROFILED_CHILD.replace('BUNDLE', JSON.stringify(file)));
  const gw = await child(wrapper, { SIM_BASE: `${sim.url}/slow/v1`, GATEWAY_TOKEN: TOKEN }, []);
  const client = new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: TOKEN, maxRetries: 0 });
  const one = async () => {
    const s = await client.chat.completions.create({ model: 'openai:m', messages: [{ role: 'user', content: 'go' }], stream: true });
    for await (const c of s) void c;
  };
  const many = async (n: number) => {
    let left = n;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (left-- > 0) await one();
      }),
    );
  };
  await many(WARM);
  const profile = path.join(dir, 'gateway.cpuprofile');
  await gw.ask({ start: true });
  await many(REQUESTS);
  const { writes } = await gw.ask({ stop: profile });
  console.log(`socket writes per request (client and upstream): ${((writes ?? 0) / REQUESTS).toFixed(2)}`);
  await gw.stop();
  await sim.stop();
  analyse(profile, file, modules);
}

void main();
