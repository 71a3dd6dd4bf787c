// Issue 5 bench: what routing adds to time to first token, failover and breaker costs, the
// retry-after wait, and planning speed. Simulators run on loopback in this process; every
// routed figure is paired with a direct adapter call to the same endpoint in the same run.
import { fork } from 'node:child_process';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { CatalogView, Endpoint } from '../../src/core/catalog/types';
import { ProviderError } from '../../src/core/errors';
import { HealthBoard } from '../../src/core/health/health-board';
import { HttpClient, type HttpRequest, type HttpTransport } from '../../src/core/http/client';
import type { ProviderDescriptor } from '../../src/core/providers/descriptor';
import { openaiAdapter } from '../../src/core/providers/openai/adapter';
import { OPENAI } from '../../src/core/providers/openai/presets';
import { mergePreferences } from '../../src/core/router/preferences';
import { planRoute } from '../../src/core/router/route-plan';
import { Router } from '../../src/core/router/router';
import type { RouterEvent } from '../../src/core/router/types';
import type { ProtocolAdapter } from '../../src/core/providers/descriptor';
import type { StreamEvent } from '../../src/core/types';
import { refusedUrl } from '../sim/server';
import type { BenchResult } from './run';

const FIRST_TOKEN_MS = 20;
const RUNS = 100;
const MODEL = 'bench/model';
const MSG = [{ role: 'user' as const, content: 'go' }];

/** Starts the simulator child process; resolves its URL and a stop function. */
async function startSim(): Promise<{ url: string; stop: () => void }> {
  const child = fork(path.join(__dirname, 'router-sim-child.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, SLOW_MS: String(FIRST_TOKEN_MS) },
    stdio: 'inherit',
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`bench simulator exited (${code})`)));
  });
  return { url, stop: () => child.disconnect() };
}

/** Counts calls per URL prefix, to prove an open breaker makes no connection attempt. */
class CountingTransport implements HttpTransport {
  readonly counts = new Map<string, number>();
  constructor(
    private readonly inner: HttpTransport,
    private readonly prefixes: string[],
  ) {}
  send(req: HttpRequest) {
    for (const p of this.prefixes) if (req.url.startsWith(p)) this.counts.set(p, (this.counts.get(p) ?? 0) + 1);
    return this.inner.send(req);
  }
}

function endpoint(provider: string, modelId: string, canonicalModel = MODEL, inputPerMTok = 1): Endpoint {
  return {
    canonicalModel,
    provider,
    modelId,
    price: { inputPerMTok, outputPerMTok: inputPerMTok * 4 },
    capabilities: { images: false, reasoning: false, tools: false },
    source: 'bundled',
  };
}

function catalogOf(endpoints: Endpoint[]): CatalogView {
  const by = new Map<string, Endpoint[]>();
  for (const e of endpoints) by.set(e.canonicalModel, [...(by.get(e.canonicalModel) ?? []), e]);
  return { endpointsOf: (m) => by.get(m) ?? [], pinned: (p, id) => endpoint(p, id), models: () => [...by.keys()] };
}

function provider(id: string, baseUrl: string): ProviderDescriptor {
  return { ...OPENAI, id, displayName: id, baseUrl };
}

function makeRouter(providers: ProviderDescriptor[], endpoints: Endpoint[], http: HttpTransport, health = new HealthBoard()): Router {
  const byId = new Map(providers.map((p) => [p.id, p]));
  return new Router({
    catalog: catalogOf(endpoints),
    descriptorOf: (id) => byId.get(id),
    adapterFor: () => openaiAdapter,
    keyOf: async (id) => `sk-test-SENTINEL-${id}`,
    http,
    health,
  });
}

/** Milliseconds from the call until the first text delta, draining the rest. */
async function ttft(stream: AsyncIterable<StreamEvent | RouterEvent>): Promise<number> {
  const t0 = performance.now();
  let first = -1;
  for await (const ev of stream) {
    if (first < 0 && ev.type === 'text-delta') first = performance.now() - t0;
    if (ev.type === 'error') throw ev.error;
  }
  if (first < 0) throw new Error('no text');
  return first;
}

const direct = (http: HttpTransport, d: ProviderDescriptor) =>
  ttft(openaiAdapter.streamChat({ descriptor: d, http, apiKey: `sk-test-SENTINEL-${d.id}` }, { model: 'm', messages: MSG }));
const routed = (r: Router) => ttft(r.route({ models: [MODEL], messages: MSG }));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Pairs routed and direct runs back to back, alternating order, and returns both medians and the median difference. */
async function paired(
  routedRun: () => Promise<number>,
  directRun: () => Promise<number>,
): Promise<{ routed: number; direct: number; diff: number }> {
  for (let i = 0; i < 5; i++) {
    await routedRun();
    await directRun();
  }
  const r: number[] = [];
  const d: number[] = [];
  const diff: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let a: number;
    let b: number;
    if (i % 2) {
      a = await routedRun();
      b = await directRun();
    } else {
      b = await directRun();
      a = await routedRun();
    }
    r.push(a);
    d.push(b);
    diff.push(a - b);
  }
  return { routed: median(r), direct: median(d), diff: median(diff) };
}

async function ttftRatio(sim: string): Promise<BenchResult> {
  const http = new HttpClient();
  const d = provider('sim', `${sim}/slow/v1`);
  const r = makeRouter([d], [endpoint('sim', 'm')], http);
  const p = await paired(
    () => routed(r),
    () => direct(http, d),
  );
  await http.close();
  // Median of paired differences: robust to a loaded machine, where single runs swing by 10+ ms.
  return {
    id: 'router_ttft_ratio',
    value: (p.direct + p.diff) / p.direct,
    unit: 'ratio',
    target: `<= 1.02 (first token after ${FIRST_TOKEN_MS} ms; direct median ${p.direct.toFixed(1)} ms)`,
  };
}

async function failover(sim: string): Promise<BenchResult[]> {
  const dead = await refusedUrl();
  const http = new HttpClient();
  const counting = new CountingTransport(http, [dead]);
  const primary = provider('dead', `${dead}/v1`);
  const backup = provider('backup', `${sim}/fast/v1`);
  const eps = [endpoint('dead', 'm', MODEL, 0.1), endpoint('backup', 'm', MODEL, 1)];
  // A fresh board per run keeps the breaker closed, so every run pays the refused connection.
  const fresh = await paired(
    () => routed(makeRouter([primary, backup], eps, counting)),
    () => direct(http, backup),
  );
  const closedAttempts = counting.counts.get(dead) ?? 0;

  const health = new HealthBoard();
  const open = makeRouter([primary, backup], eps, counting, health);
  for (let i = 0; i < 3; i++)
    health.recordFailure(
      { provider: 'dead', modelId: 'm' },
      new ProviderError({ category: 'network', provider: 'dead', message: 'refused' }),
    );
  if (health.breakerState('dead:m') !== 'open') throw new Error('breaker did not open');
  counting.counts.set(dead, 0);
  const skipped = await paired(
    () => routed(open),
    () => direct(http, backup),
  );
  const openAttempts = counting.counts.get(dead) ?? 0;
  await http.close();
  if (closedAttempts === 0) throw new Error('the failover runs never reached the dead endpoint');
  return [
    { id: 'failover_added_ms', value: fresh.diff, unit: 'ms', target: '<= 5' },
    { id: 'breaker_open_added_ms', value: skipped.diff, unit: 'ms', target: '<= 0.5' },
    { id: 'breaker_open_dead_connections', value: openAttempts, unit: 'count', target: '= 0' },
  ];
}

async function retryAfter(sim: string): Promise<BenchResult> {
  const http = new HttpClient();
  const r = makeRouter([provider('sim', `${sim}/retry/v1`)], [endpoint('sim', 'm')], http);
  await routed(r);
  await http.close();
  const arrivals = (await (await fetch(`${sim}/retry/arrivals`)).json()) as number[];
  const gap = arrivals.length === 2 ? arrivals[1] - arrivals[0] : 0;
  return { id: 'retry_after_honoured', value: gap >= 1000 ? 1 : 0, unit: 'bool', target: `= 1 (retried after ${gap.toFixed(0)} ms)` };
}

/** CPU the router adds per request over a direct call, with an adapter that answers at once. */
async function overhead(): Promise<BenchResult> {
  const instant: ProtocolAdapter = {
    family: 'openai',
    async *streamChat() {
      yield { type: 'response-metadata', provider: 'mem' };
      yield { type: 'text-delta', text: 'hi' };
      yield { type: 'usage', usage: { inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 } };
      yield { type: 'finish', reason: 'stop' };
    },
    listModels: async () => [],
  };
  const d = provider('mem', 'http://127.0.0.1:9');
  const byId = new Map([[d.id, d]]);
  const r = new Router({
    catalog: catalogOf([endpoint('mem', 'm')]),
    descriptorOf: (id) => byId.get(id),
    adapterFor: () => instant,
    keyOf: async () => 'sk-test-SENTINEL-mem',
    http: { send: () => Promise.reject(new Error('unused')) },
    health: new HealthBoard(),
  });
  const N = 5000;
  const drainAll = async (it: AsyncIterable<unknown>) => {
    for await (const _ of it) void _;
  };
  for (let i = 0; i < 500; i++) await drainAll(r.route({ models: [MODEL], messages: MSG }));
  let t0 = performance.now();
  for (let i = 0; i < N; i++)
    await drainAll(
      instant.streamChat({ descriptor: d, http: { send: () => Promise.reject(new Error('unused')) } }, { model: 'm', messages: MSG }),
    );
  const directUs = ((performance.now() - t0) * 1000) / N;
  t0 = performance.now();
  for (let i = 0; i < N; i++) await drainAll(r.route({ models: [MODEL], messages: MSG }));
  const routedUs = ((performance.now() - t0) * 1000) / N;
  return { id: 'router_overhead_us', value: routedUs - directUs, unit: 'us', target: 'per request, CPU (info)' };
}

function planSpeed(): BenchResult {
  const hosts = ['h1', 'h2', 'h3', 'h4', 'h5'];
  const eps: Endpoint[] = [];
  for (let m = 0; m < 300; m++)
    hosts.forEach((h, i) => eps.push(endpoint(h, `model-${m}`, `vendor/model-${m}`, 0.1 + ((m * 7 + i * 13) % 29) / 10)));
  const catalog = catalogOf(eps);
  const ds = new Map(hosts.map((h) => [h, provider(h, `http://127.0.0.1:9/${h}`)]));
  const health = new HealthBoard();
  for (const e of eps.slice(0, 600)) health.recordSuccess(e, { ttftMs: 300 + ((e.modelId.length * 37) % 500), tokensPerSec: 80 });
  const prefs = mergePreferences({ sort: 'balanced', ignore: ['h5'] }, { noTraining: false }, {});
  const ctx = { catalog, descriptorOf: (id: string) => ds.get(id), hasKey: () => true, isKeyBad: () => false, health, now: Date.now() };
  const models = catalog.models().map((m) => ({ models: [m] }));
  let sink = 0;
  for (let i = 0; i < 20_000; i++) sink += planRoute(models[i % 300], prefs, ctx).candidates.length;
  const N = 100_000;
  const t0 = performance.now();
  for (let i = 0; i < N; i++) sink += planRoute(models[i % 300], prefs, ctx).candidates.length;
  const us = ((performance.now() - t0) * 1000) / N;
  if (sink === 0) throw new Error('planning produced nothing');
  return { id: 'route_plan_us', value: us, unit: 'us', target: '<= 100 (300 models x 5 hosts)' };
}

/** Runs every router figure. */
export async function run(): Promise<BenchResult[]> {
  const sim = await startSim();
  try {
    return [await ttftRatio(sim.url), ...(await failover(sim.url)), await retryAfter(sim.url), await overhead(), planSpeed()];
  } finally {
    sim.stop();
  }
}
