// Shared plumbing for the Gemini tests: a simulator, a call context, and event folding.
import type { ProviderError } from '../../../../src/core/errors';
import { HttpClient, type HttpOptions } from '../../../../src/core/http/client';
import type { CallContext } from '../../../../src/core/providers/descriptor';
import { GEMINI_PRESET } from '../../../../src/core/providers/gemini/preset';
import type { FinishReason, StreamEvent, Usage } from '../../../../src/core/types';

/** A key shaped like a real one, to prove it never leaks. */
export const SENTINEL_KEY = 'sk-test-SENTINEL-gemini-5f3a9c1d7e';

/** A context pointing the Gemini preset at a simulator. */
export function simContext(simUrl: string, http: HttpClient, apiKey: string = SENTINEL_KEY): CallContext {
  return { descriptor: { ...GEMINI_PRESET, baseUrl: `${simUrl}/v1beta` }, http, apiKey };
}

/** Short timeouts so stall scenarios end quickly. */
export function testClient(o: Partial<HttpOptions> = {}): HttpClient {
  return new HttpClient({ connectTimeoutMs: 2_000, firstByteTimeoutMs: 2_000, idleTimeoutMs: 300, ...o });
}

/** Everything one stream produced, folded. */
export interface Folded {
  events: StreamEvent[];
  text: string;
  reasoning: string;
  usage?: Usage;
  finish?: FinishReason;
  rawReason?: string;
  error?: ProviderError;
  modelId?: string;
  requestId?: string;
}

/** Drains a stream and folds its events. */
export async function fold(stream: AsyncIterable<StreamEvent>): Promise<Folded> {
  const f: Folded = { events: [], text: '', reasoning: '' };
  for await (const e of stream) {
    f.events.push(e);
    if (e.type === 'text-delta') f.text += e.text;
    else if (e.type === 'reasoning-delta') f.reasoning += e.text;
    else if (e.type === 'usage') f.usage = e.usage;
    else if (e.type === 'finish') {
      f.finish = e.reason;
      f.rawReason = e.rawReason;
    } else if (e.type === 'error') f.error = e.error;
    else if (e.type === 'response-metadata') {
      f.modelId = e.modelId ?? f.modelId;
      f.requestId = e.requestId ?? f.requestId;
    }
  }
  return f;
}
