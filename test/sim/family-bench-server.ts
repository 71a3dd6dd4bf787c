// A simulator in its own process for the per-family stream bench, so the server's CPU does not
// count against the client's. Serves the same long answer in each family's wire format: the
// first token alone (as a real model's first token arrives), a short pause, then the rest at once.
import { completeFrames, type AnthropicStreamSpec } from './anthropic-wire';
import { geminiSse, type SimFrame } from './gemini-wire';
import { benchPieces, benchScenario } from './openai-bench-server';
import { SSE_HEADERS, SimServer, sseBytes, type Router, type Scenario } from './server';

const GAP_MS = 2;

/** Head (up to and including the first token) and the rest, written `GAP_MS` apart. */
function split(head: string, rest: string): Scenario {
  return {
    status: 200,
    headers: SSE_HEADERS,
    steps: [
      { kind: 'write', data: head },
      { kind: 'delay', ms: GAP_MS },
      { kind: 'write', data: rest },
    ],
  };
}

/** An Anthropic Messages stream of `tokens` text deltas; the first is `BENCH0`. */
export function anthropicBenchScenario(tokens: number): Scenario {
  const spec: AnthropicStreamSpec = { text: benchPieces(tokens), usage: { input: 50, output: tokens }, stopReason: 'end_turn' };
  const frames = completeFrames(spec, 'bench-model');
  // message_start, ping, content_block_start, the first delta.
  const firstDelta = frames.findIndex((f) => f.event === 'content_block_delta');
  return split(sseBytes(frames.slice(0, firstDelta + 1)), sseBytes(frames.slice(firstDelta + 1)));
}

/** A Gemini stream of `tokens` frames, each with one text part and cumulative usage, as Google sends them. */
export function geminiBenchScenario(tokens: number): Scenario {
  const frames: SimFrame[] = benchPieces(tokens).map((text, i) => ({
    parts: [{ text }],
    usage: { prompt: 50, candidates: i + 1 },
    finishReason: i === tokens - 1 ? 'STOP' : undefined,
  }));
  return split(geminiSse(frames.slice(0, 1)), geminiSse(frames.slice(1)));
}

/** Routes each family's streaming endpoint to its bench answer. */
export function familyBenchRouter(tokens: number): Router {
  const openai = benchScenario(tokens, GAP_MS);
  const anthropic = anthropicBenchScenario(tokens);
  const gemini = geminiBenchScenario(tokens);
  return (req) => {
    if (req.path.endsWith('/chat/completions')) return openai;
    if (req.path.endsWith('/messages')) return anthropic;
    if (req.path.includes(':streamGenerateContent')) return gemini;
    return undefined;
  };
}

async function main(): Promise<void> {
  const sim = await SimServer.start(familyBenchRouter(Number(process.env.BENCH_TOKENS ?? 1000)));
  process.send?.({ url: sim.url });
  process.on('disconnect', () => void sim.close().then(() => process.exit(0)));
}

if (process.send && require.main === module) void main();
