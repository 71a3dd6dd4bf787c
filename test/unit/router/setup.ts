// Builds a Router over fakes with a fake clock, so tests read as scenarios.
import type { Endpoint } from '../../../src/core/catalog/types';
import { HealthBoard } from '../../../src/core/health/health-board';
import type { ProviderDescriptor } from '../../../src/core/providers/descriptor';
import { Router, type RouterDeps } from '../../../src/core/router/router';
import type { AttemptReport, RouteReport, RouterEvent } from '../../../src/core/router/types';
import { collect, descriptor, FakeAdapter, FakeClock, fakeSleep, MemoryCatalog, noHttp } from './fakes';

/** A router plus the fakes behind it. */
export interface Rig {
  router: Router;
  adapter: FakeAdapter;
  clock: FakeClock;
  health: HealthBoard;
  waits: number[];
  keys: Map<string, string>;
  recorded: AttemptReport[];
}

/** Options for `rig`. */
export interface RigOptions {
  endpoints: Endpoint[];
  descriptors?: ProviderDescriptor[];
  keys?: Record<string, string>;
  deps?: Partial<RouterDeps>;
  random?: () => number;
}

/** A router over fakes; providers in `endpoints` get a descriptor and a sentinel key unless given. */
export function rig(o: RigOptions): Rig {
  const clock = new FakeClock();
  const adapter = new FakeAdapter();
  const health = new HealthBoard({ clock });
  const waits: number[] = [];
  const recorded: AttemptReport[] = [];
  const ds = new Map<string, ProviderDescriptor>();
  for (const d of o.descriptors ?? []) ds.set(d.id, d);
  for (const e of o.endpoints) if (!ds.has(e.provider)) ds.set(e.provider, descriptor(e.provider));
  const keys = new Map<string, string>(
    Object.entries(o.keys ?? Object.fromEntries([...ds.keys()].map((p) => [p, `sk-test-SENTINEL-${p}`]))),
  );
  const router = new Router({
    catalog: new MemoryCatalog(o.endpoints),
    descriptorOf: (id) => ds.get(id),
    adapterFor: () => adapter,
    keyOf: async (id) => keys.get(id),
    http: noHttp,
    health,
    clock,
    sleep: fakeSleep(clock, waits),
    random: o.random ?? (() => 0.5),
    onAttempt: (a) => recorded.push(a),
    ...o.deps,
  });
  return { router, adapter, clock, health, waits, keys, recorded };
}

/** Routed events plus the final report and the text the caller saw. */
export interface RunResult {
  events: RouterEvent[];
  report: RouteReport;
  text: string;
  error?: import('../../../src/core/errors').ProviderError;
  real: AttemptReport[];
}

/** Runs a routed stream to the end. */
export async function drain(it: AsyncIterable<RouterEvent>): Promise<RunResult> {
  const events = await collect(it);
  const last = events[events.length - 1];
  if (last?.type !== 'route-report') throw new Error('the last event must be the route report');
  const report = last.report;
  const text = events.map((e) => (e.type === 'text-delta' ? e.text : '')).join('');
  const err = events.find((e) => e.type === 'error');
  return {
    events,
    report,
    text,
    error: err?.type === 'error' ? err.error : undefined,
    real: report.attempts.filter((a) => a.outcome !== 'skipped'),
  };
}
