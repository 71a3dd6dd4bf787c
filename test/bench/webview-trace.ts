// A Chromium trace of one span of a webview bench, with the V8 sampling profiler on, and a summary
// of where the page's main thread spent it: self time per trace event (layout, style, paint, GC…)
// and the JavaScript's self time per bundled module. A development bundle (`node esbuild.js`) keeps
// the module comments and names that the summary groups by; a production one is summed as one.
import * as fs from 'node:fs';
import type { Page } from 'playwright-core';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  id?: string;
  args?: {
    name?: string;
    data?: {
      frames?: { processId?: number; url?: string }[];
      cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] };
      timeDeltas?: number[];
    };
  };
}

interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-v8.cpu_profiler',
  'v8',
  'v8.execute',
  'blink.user_timing',
].join(',');

/** Starts a trace of the page; `stop(file)` writes it (DevTools can open it) and summarises it. */
export async function startTrace(page: Page): Promise<{ stop(file: string): Promise<string> }> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
  const url = page.url();
  return {
    async stop(file) {
      const complete = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
      await cdp.send('Tracing.end');
      await complete;
      await cdp.detach();
      fs.writeFileSync(file, JSON.stringify({ traceEvents: events }));
      const bundle = await page.evaluate(() => document.querySelector<HTMLScriptElement>('script[src]')?.src ?? '');
      // Fetched from this side: the page's CSP allows it no fetch.
      const source = bundle ? await (await fetch(bundle)).text() : '';
      return summarise(events, url, source);
    },
  };
}

/** A table of the main thread's self time by event and by module, in ms. */
export function summarise(events: TraceEvent[], url: string, bundleSource = ''): string {
  const pid = events
    .find((e) => e.name === 'TracingStartedInBrowser')
    ?.args?.data?.frames?.find((f) => f.url && url.startsWith(f.url.replace(/\/$/, '')))?.processId;
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && e.pid === pid);
  if (!main) return 'no main thread in the trace';
  const mine = events.filter((e) => e.pid === main.pid && e.tid === main.tid);
  const lines = ['self time by trace event (ms):', ...top(selfTimes(mine), 18)];
  const js = jsSelfTimes(events, main.pid, moduleOfLine(bundleSource));
  lines.push('JavaScript self time by module (ms, sampled):', ...top(js.byModule, 14));
  lines.push('hottest functions (ms, sampled):', ...top(js.byFunction, 20));
  return lines.join('\n');
}

function top(m: Map<string, number>, n: number): string[] {
  return [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `  ${v.toFixed(1).padStart(8)}  ${k}`);
}

/** Self time (duration minus nested events) per complete event name on one thread. */
function selfTimes(events: TraceEvent[]): Map<string, number> {
  const spans = events.filter((e) => e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const out = new Map<string, number>();
  const stack: { end: number; name: string }[] = [];
  for (const e of spans) {
    while (stack.length && stack[stack.length - 1].end <= e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) out.set(parent.name, (out.get(parent.name) ?? 0) - e.dur! / 1000);
    out.set(e.name, (out.get(e.name) ?? 0) + e.dur! / 1000);
    stack.push({ end: e.ts + e.dur!, name: e.name });
  }
  return out;
}

/** Sampled self time per bundled module and per function, from the profiler's chunks. */
function jsSelfTimes(events: TraceEvent[], pid: number, moduleOf: (line: number) => string) {
  const nodes = new Map<number, ProfileNode>();
  const byModule = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const chunks = events.filter((e) => e.pid === pid && e.name === 'ProfileChunk');
  const ids = new Set(chunks.map((c) => c.id));
  // The renderer's main isolate is the profile with the most samples.
  let best = '';
  let most = -1;
  for (const id of ids) {
    const n = chunks.filter((c) => c.id === id).reduce((s, c) => s + (c.args?.data?.cpuProfile?.samples?.length ?? 0), 0);
    if (n > most) [best, most] = [id ?? '', n];
  }
  for (const c of chunks.filter((x) => x.id === best)) {
    for (const n of c.args?.data?.cpuProfile?.nodes ?? []) nodes.set(n.id, n);
    const samples = c.args?.data?.cpuProfile?.samples ?? [];
    const deltas = c.args?.data?.timeDeltas ?? [];
    samples.forEach((s, i) => {
      const node = nodes.get(s);
      if (!node) return;
      // A sample's time is the gap to the next one; the last of a chunk borrows its own delta.
      const ms = (deltas[i + 1] ?? deltas[i] ?? 0) / 1000;
      const f = node.callFrame;
      const module = f.url ? moduleOf(f.lineNumber) : f.functionName || '(native)';
      byModule.set(module, (byModule.get(module) ?? 0) + ms);
      const fn = `${f.functionName || '(anonymous)'} ${f.url ? `${module}:${f.lineNumber + 1}` : ''}`;
      byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
    });
  }
  return { byModule, byFunction };
}

/** Maps a 0-based line of the bundle to the module esbuild's `// path` comment names above it. */
function moduleOfLine(source: string): (line: number) => string {
  const starts: { line: number; name: string }[] = [];
  source.split('\n').forEach((text, i) => {
    if (!text.startsWith('  // ')) return;
    const m = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(text) ?? /^ {2}\/\/ (src\/\S+)/.exec(text);
    if (m) starts.push({ line: i, name: m[1] });
  });
  return (line) => {
    let lo = 0;
    let hi = starts.length - 1;
    let found = 'bundle';
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid].line <= line) [found, lo] = [starts[mid].name, mid + 1];
      else hi = mid - 1;
    }
    return found;
  };
}
