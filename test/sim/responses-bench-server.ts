// A simulator in its own process for the Responses bench, so the server's CPU does not count
// against the client's: a `tokens`-delta text answer on any `/responses`. Reports its URL over IPC.
import { answerBytes, respBenchText } from './responses-wire';
import { SimServer, SSE_HEADERS, type Scenario } from './server';

/** The bench answer's stream. */
export function respBenchScenario(tokens: number): Scenario {
  const text = respBenchText(tokens);
  return {
    status: 200,
    headers: SSE_HEADERS,
    steps: [{ kind: 'write', data: answerBytes({ text, usage: { input: 50, output: tokens } }) }],
  };
}

async function main(): Promise<void> {
  const scenario = respBenchScenario(Number(process.env.BENCH_TOKENS ?? 2000));
  const sim = await SimServer.start((req) => (/\/responses$/.test(req.path) ? scenario : undefined));
  process.send?.({ url: sim.url });
  process.on('disconnect', () => void sim.close().then(() => process.exit(0)));
}

if (process.send) void main();
