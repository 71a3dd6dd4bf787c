// The gateway's own time on the way to the first token, in process: from the request's headers
// parsed to the upstream call (body read, validation, engine, router, adapter), and from the
// upstream's first bytes to the client's headers and first frame. The gateway runs from the
// production-style bundle (BENCH_SOURCE=tsx for the sources); the simulator and the client each
// in their own process. A call `(globalThis as any).__m?.('name')` placed by hand in the sources
// for one run adds a mark: the median between consecutive marks is printed per pair.
// Run: npx tsx test/bench/gateway-presend.ts   (REQUESTS=3000)
import { fork } from 'node:child_process';
import * as dc from 'node:diagnostics_channel';
import * as http from 'node:http';
import * as path from 'node:path';
import { loadBench } from './bundled';
import { median } from './stats';

const REQUESTS = Number(process.env.REQUESTS ?? 3000);
const TOKEN = 'sb-gw-bench-token-0123456789';

function sim(): Promise<{ url: string; stop: () => void }> {
  const c = fork(path.join(__dirname, 'router-sim-child.ts'), [], { execArgv: ['--import', 'tsx'], env: { ...process.env, SLOW_MS: '0' } });
  return new Promise((resolve) => c.once('message', (m) => resolve({ url: (m as { url: string }).url, stop: () => c.disconnect() })));
}

/** The client process: `send(n)` resolves when it has made n requests, one at a time. */
function client(url: string): { send: (n: number) => Promise<void>; stop: () => void } {
  const c = fork(path.join(__dirname, 'gateway-presend-client.ts'), [], { execArgv: ['--import', 'tsx'] });
  return {
    send: (n) => new Promise((resolve) => (c.once('message', () => resolve()), c.send({ url, n }))),
    stop: () => c.disconnect(),
  };
}

async function main(): Promise<void> {
  const s = await sim();
  const { startBenchGateway } = await loadBench<typeof import('./gateway-presend-target')>('gateway-presend-target.ts');
  const gw = await startBenchGateway(`${s.url}/slow/v1`, TOKEN);
  const cl = client(gw.url);
  let t: Record<string, number> = {};
  const at = (name: string) => () => void (t[name] ??= performance.now());
  const stages: Record<string, number[]> = {};
  (globalThis as { __m?: (n: string) => void }).__m = (n) => at(n)();
  dc.subscribe('http.server.request.start', at('request'));
  dc.subscribe('undici:request:create', at('upstream call'));
  dc.subscribe('undici:request:bodyChunkReceived', at('upstream first bytes'));
  const writeHead = http.ServerResponse.prototype.writeHead;
  http.ServerResponse.prototype.writeHead = function (this: http.ServerResponse, ...a: Parameters<typeof writeHead>) {
    at('writeHead')();
    return writeHead.apply(this, a);
  } as typeof writeHead;
  await cl.send(300);
  const before: number[] = [];
  const after: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    t = {};
    await cl.send(1);
    before.push(t['upstream call'] - t.request);
    after.push(t.writeHead - t['upstream first bytes']);
    const names = Object.keys(t).sort((a, b) => t[a] - t[b]);
    names.forEach((n, j) => j && (stages[`${names[j - 1]} -> ${n}`] ??= []).push(t[n] - t[names[j - 1]]));
  }
  console.log(`request -> upstream call: median ${(1000 * median(before)).toFixed(0)} µs`);
  console.log(`upstream first bytes -> client headers: median ${(1000 * median(after)).toFixed(0)} µs`);
  for (const [k, xs] of Object.entries(stages)) if (xs.length > REQUESTS / 2) console.log(`  ${k}: ${(1000 * median(xs)).toFixed(1)} µs`);
  cl.stop();
  await gw.close();
  s.stop();
  process.exit(0);
}

void main();
