// The longest task on a page's main thread, from a Chromium trace: a PerformanceObserver only
// reports tasks over 50 ms, and the target is 50 ms, so it could not tell 49 from 5.
import type { CDPSession, Page } from 'playwright-core';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  args?: { name?: string; data?: { frames?: { processId?: number; url?: string }[] } };
}

/** A running trace of one page; `stop()` gives its main thread's task durations (ms). */
export interface MainThreadTrace {
  stop(): Promise<number[]>;
}

/** Starts tracing the page's renderer; only task boundaries are recorded, to keep the overhead low. */
export async function traceMainThread(page: Page): Promise<MainThreadTrace> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', {
    categories: 'disabled-by-default-devtools.timeline,devtools.timeline',
    transferMode: 'ReportEvents',
  });
  const url = page.url();
  return {
    async stop() {
      const complete = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
      await cdp.send('Tracing.end');
      await complete;
      await cdp.detach();
      const pid = events
        .find((e) => e.name === 'TracingStartedInBrowser')
        ?.args?.data?.frames?.find((f) => f.url && url.startsWith(f.url.replace(/\/$/, '')))?.processId;
      const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && e.pid === pid);
      if (!main) throw new Error(`no main thread found in the trace of ${url}`);
      return events
        .filter((e) => e.pid === main.pid && e.tid === main.tid && e.name === 'RunTask' && e.ph === 'X')
        .map((e) => (e.dur ?? 0) / 1000);
    },
  };
}
