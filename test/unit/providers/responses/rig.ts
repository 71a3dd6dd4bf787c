// Runs a request through the Responses adapter against its simulator, or events through its mapper.
import { HttpClient } from '../../../../src/core/http/client';
import type { ProviderDescriptor } from '../../../../src/core/providers/descriptor';
import { OPENAI } from '../../../../src/core/providers/openai/presets';
import { responsesAdapter } from '../../../../src/core/providers/responses/adapter';
import { ResponsesStreamMapper } from '../../../../src/core/providers/responses/stream-mapper';
import type { ChatRequest, StreamEvent } from '../../../../src/core/types';
import { foldTools, type ToolRun } from '../tool-harness';

export const RESP_KEY = 'sk-test-responses-SENTINEL-5d2e';

/** OpenAI's descriptor pointed at the simulator. */
export function respDescriptor(simUrl: string): ProviderDescriptor {
  return { ...OPENAI, baseUrl: `${simUrl}/v1` };
}

/** Streams `sim/<scenario>` through the Responses adapter and folds the events. */
export async function runResponses(simUrl: string, scenario: string, req: Partial<ChatRequest> = {}): Promise<ToolRun> {
  const http = new HttpClient({ connectTimeoutMs: 2_000, firstByteTimeoutMs: 5_000, idleTimeoutMs: 1_000 });
  try {
    const full: ChatRequest = { model: `sim/${scenario}`, messages: [{ role: 'user', content: 'Weather?' }], ...req };
    return await foldTools(responsesAdapter.streamChat({ descriptor: respDescriptor(simUrl), http, apiKey: RESP_KEY }, full));
  } finally {
    await http.close();
  }
}

/** A key no vendor pattern matches, so only the mapper's own redaction can hide it. */
export const KEY = 'plain-secret-4f9e2b7c';

export const mapper = () => new ResponsesStreamMapper(OPENAI, [KEY]);
export const feed = (m: ResponsesStreamMapper, events: unknown[]): StreamEvent[] =>
  events.flatMap((e) => m.onEvent({ data: typeof e === 'string' ? e : JSON.stringify(e) } as never));
