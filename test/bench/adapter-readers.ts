// The two reads adapter.bench.ts sets against each other: bare undici and our streaming stack.
// The bench loads this module from a production-style bundle (bundled.ts), so what is timed is
// the code users run.
import { performance } from 'node:perf_hooks';
import { Agent, request } from 'undici';
import { HttpClient } from '../../src/core/http/client';
import { openaiAdapter } from '../../src/core/providers/openai/adapter';
import { customOpenAIProvider } from '../../src/core/providers/openai/presets';

const KEY = 'sk-test-SENTINEL-bench-0000000000';

/** One read's timings. */
export interface Sample {
  ttftMs: number;
  totalMs: number;
  cpuUs: number;
}

const BODY = JSON.stringify({
  model: 'bench-model',
  messages: [{ role: 'user', content: 'go' }],
  stream: true,
  stream_options: { include_usage: true },
});
const MARKER = Buffer.from('"content":"BENCH0"');

async function direct(url: string, agent: Agent): Promise<Sample> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const res = await request(`${url}/v1/chat/completions`, {
    method: 'POST',
    body: BODY,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
    dispatcher: agent,
  });
  let ttft = -1;
  let bytes = 0;
  for await (const c of res.body) {
    const b = c as Buffer;
    bytes += b.length;
    if (ttft < 0 && b.indexOf(MARKER) >= 0) ttft = performance.now() - t0;
  }
  const total = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  if (ttft < 0 || bytes === 0) throw new Error('direct run saw no content');
  return { ttftMs: ttft, totalMs: total, cpuUs: cpu.user + cpu.system };
}

async function ours(url: string, http: HttpClient, tokens: number): Promise<Sample> {
  const descriptor = customOpenAIProvider({ id: 'bench', displayName: 'Bench', baseUrl: `${url}/v1` });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let ttft = -1;
  let deltas = 0;
  let finished = false;
  for await (const e of openaiAdapter.streamChat(
    { descriptor, http, apiKey: KEY },
    { model: 'bench-model', messages: [{ role: 'user', content: 'go' }] },
  )) {
    if (e.type === 'text-delta') {
      if (ttft < 0) ttft = performance.now() - t0;
      deltas++;
    } else if (e.type === 'finish') finished = e.reason === 'stop';
    else if (e.type === 'error') throw e.error;
  }
  const total = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  if (!finished || deltas !== tokens) throw new Error(`our run saw ${deltas} deltas, finished=${finished}`);
  return { ttftMs: ttft, totalMs: total, cpuUs: cpu.user + cpu.system };
}

/** Both reads of the simulator at `url` (which streams `tokens` deltas), each with its own pool. */
export function adapterReaders(url: string, tokens: number) {
  const agent = new Agent({ keepAliveTimeout: 30_000 });
  const http = new HttpClient();
  return {
    direct: () => direct(url, agent),
    ours: () => ours(url, http, tokens),
    close: async () => {
      await http.close();
      await agent.close();
    },
  };
}
