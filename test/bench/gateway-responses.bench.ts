// Issue 18 bench: what the gateway's Responses endpoint adds to time to first token. The OpenAI
// SDK streams `responses.create` through the gateway (served by the OpenAI-compatible simulator)
// and `chat.completions.create` from the same simulator directly, in alternating pairs.
import { performance } from 'node:perf_hooks';
import OpenAI from 'openai';
import { startBundledChild, startChild } from './child';
import type { BenchResult } from './run';
import { median, paired } from './stats';

const FIRST_TOKEN_MS = 20;
const RUNS = 100;
const WARMUP = 10;
const TOKEN = 'sb-gw-bench-token-0123456789';
const KEY = 'sk-test-SENTINEL-bench-0123456789';

/** Milliseconds from the call until the first text delta, draining the rest. */
async function firstText(start: () => Promise<AsyncIterable<unknown>>, isText: (e: unknown) => boolean): Promise<number> {
  const t0 = performance.now();
  let first = -1;
  for await (const e of await start()) if (first < 0 && isText(e)) first = performance.now() - t0;
  if (first < 0) throw new Error('no text');
  return first;
}

export async function run(): Promise<BenchResult[]> {
  const sim = await startChild('router-sim-child.ts', { SLOW_MS: String(FIRST_TOKEN_MS) });
  const gw = await startBundledChild('gateway-child.ts', { SIM_BASE: `${sim.url}/slow/v1`, GATEWAY_TOKEN: TOKEN });
  try {
    const direct = new OpenAI({ baseURL: `${sim.url}/slow/v1`, apiKey: KEY, maxRetries: 0 });
    const viaGateway = new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: TOKEN, maxRetries: 0 });
    const d = () =>
      firstText(
        () => direct.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'go' }], stream: true }),
        (c) => !!(c as OpenAI.Chat.Completions.ChatCompletionChunk).choices[0]?.delta.content,
      );
    const g = () =>
      firstText(
        () => viaGateway.responses.create({ model: 'openai:m', input: 'go', stream: true }),
        (e) => (e as OpenAI.Responses.ResponseStreamEvent).type === 'response.output_text.delta',
      );
    await paired(WARMUP, g, d);
    // The median of paired differences resists a loaded machine better than a difference of medians.
    const [gs, ds] = await paired(RUNS, g, d);
    const added = median(gs.map((x, i) => x - ds[i]));
    return [
      {
        id: 'gateway_responses_ttft_added_ms_p50',
        value: added,
        unit: 'ms',
        target: `<= 0.5 (Responses through the gateway vs Chat Completions direct; direct median ${median(ds).toFixed(1)} ms)`,
      },
    ];
  } finally {
    gw.stop();
    sim.stop();
  }
}
