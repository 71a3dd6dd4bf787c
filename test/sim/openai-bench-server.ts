// A simulator in its own process for the adapter bench, so the server's CPU does not count
// against the client's. Serves a long stream on any `/chat/completions`; reports its URL over IPC.
import { SimServer } from './server';
import { textChunks, type TextStreamOptions } from './openai';
import { frames } from './openai-wire';
import { SSE_HEADERS } from './server';

/** The bench's token pieces: `tokens` one-word deltas; the first is `BENCH0`. */
export function benchPieces(tokens: number): string[] {
  return Array.from({ length: tokens }, (_, i) => (i === 0 ? 'BENCH0' : ` w${i}`));
}

/**
 * A first write with the role and first token (as a real model's first token arrives alone),
 * a short pause, then the rest at once: TTFT measures one chunk's path, total measures throughput.
 */
export function benchScenario(tokens: number, gapMs = 2) {
  const o: TextStreamOptions = { pieces: benchPieces(tokens), model: 'bench-model', usageNumbers: { prompt: 50, completion: tokens } };
  const objs = textChunks(o);
  const head = frames(objs.slice(0, 2), { done: false });
  const rest = frames(objs.slice(2));
  return {
    status: 200,
    headers: SSE_HEADERS,
    steps: [
      { kind: 'write' as const, data: head },
      { kind: 'delay' as const, ms: gapMs },
      { kind: 'write' as const, data: rest },
    ],
  };
}

async function main(): Promise<void> {
  const tokens = Number(process.env.BENCH_TOKENS ?? 1000);
  const scenario = benchScenario(tokens);
  const sim = await SimServer.start((req) => (/\/chat\/completions$/.test(req.path) ? scenario : undefined));
  process.send?.({ url: sim.url });
  process.on('disconnect', () => void sim.close().then(() => process.exit(0)));
}

if (process.send && require.main === module) void main();
