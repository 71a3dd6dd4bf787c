// The router bench's simulator, in its own process so its CPU does not share the client's
// event loop. Paths pick the behaviour: /slow (first token after SLOW_MS), /fast, and /retry
// (a 429 with `retry-after: 1`, then an answer; GET /retry/arrivals returns arrival times).
import { performance } from 'node:perf_hooks';
import { SIM_PIECES, textStream } from '../sim/openai';
import { jsonError, SimServer } from '../sim/server';

async function main(): Promise<void> {
  const slowMs = Number(process.env.SLOW_MS ?? 20);
  const arrivals: number[] = [];
  const sim = await SimServer.start((req) => {
    if (req.path.startsWith('/retry/arrivals'))
      return { status: 200, headers: { 'content-type': 'application/json' }, steps: [{ kind: 'write', data: JSON.stringify(arrivals) }] };
    if (!/\/chat\/completions$/.test(req.path)) return undefined;
    if (req.path.startsWith('/slow')) return { ...textStream({ pieces: SIM_PIECES }), headerDelayMs: slowMs };
    if (req.path.startsWith('/retry')) {
      arrivals.push(performance.timeOrigin + performance.now());
      if (arrivals.length === 1)
        return jsonError(429, { error: { message: 'Rate limit reached', type: 'rate_limit_error' } }, { 'retry-after': '1' });
    }
    return textStream({ pieces: SIM_PIECES });
  });
  process.send?.({ url: sim.url });
  process.on('disconnect', () => void sim.close().then(() => process.exit(0)));
}

if (process.send) void main();
