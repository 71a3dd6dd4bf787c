// A simulator in its own process for the tool-stream bench: two interleaved calls whose
// arguments arrive in TOOL_BENCH_CHUNKS one-character fragments in all. Reports its URL over IPC.
import { openaiToolScenario } from './openai-tools';
import { SimServer } from './server';
import type { ToolSpec } from './tool-scenarios';

/** A spec streaming `chunks` argument fragments over two interleaved calls. */
export function toolBenchSpec(chunks: number): ToolSpec {
  const half = Math.floor(chunks / 2);
  // `{"q":"` + filler + `"}` is exactly `half` characters, one fragment each.
  const args = (c: string) => `{"q":"${c.repeat(half - 8)}"}`;
  return {
    calls: [
      { id: 'call_bench_1', name: 'search', args: args('a') },
      { id: 'call_bench_2', name: 'lookup', args: args('b') },
    ],
    argPiece: 1,
    interleave: true,
    usage: { input: 50, output: chunks },
  };
}

async function main(): Promise<void> {
  const scenario = openaiToolScenario(toolBenchSpec(Number(process.env.TOOL_BENCH_CHUNKS ?? 2000)));
  const sim = await SimServer.start((req) => (/\/chat\/completions$/.test(req.path) ? scenario : undefined));
  process.send?.({ url: sim.url });
  process.on('disconnect', () => void sim.close().then(() => process.exit(0)));
}

if (process.send) void main();
