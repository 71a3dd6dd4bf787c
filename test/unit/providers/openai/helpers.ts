// Shared helpers for the OpenAI-family tests: run a request against the simulator, fold events.
import type { ProviderError } from '../../../../src/core/errors';
import { HttpClient, type HttpOptions } from '../../../../src/core/http/client';
import type { ProviderDescriptor } from '../../../../src/core/providers/descriptor';
import { openaiAdapter } from '../../../../src/core/providers/openai/adapter';
import { customOpenAIProvider } from '../../../../src/core/providers/openai/presets';
import type { ChatRequest, FinishReason, StreamEvent, Usage } from '../../../../src/core/types';

/** Sentinel key: must never appear in any error message. */
export const SENTINEL_KEY = 'sk-test-SENTINEL-0123456789abcdefXYZ';

/** Everything one stream produced, folded. */
export interface Folded {
  events: StreamEvent[];
  text: string;
  reasoning: string;
  usage?: Usage;
  usageCount: number;
  finish?: FinishReason;
  rawFinish?: string;
  error?: ProviderError;
  metadata: Extract<StreamEvent, { type: 'response-metadata' }>[];
  /** Text received before the error event. */
  textBeforeError: string;
}

/** Folds a stream's events into a summary. */
export async function fold(stream: AsyncIterable<StreamEvent>): Promise<Folded> {
  const f: Folded = { events: [], text: '', reasoning: '', usageCount: 0, metadata: [], textBeforeError: '' };
  for await (const e of stream) {
    f.events.push(e);
    if (e.type === 'text-delta') f.text += e.text;
    else if (e.type === 'reasoning-delta') f.reasoning += e.text;
    else if (e.type === 'usage') {
      f.usage = e.usage;
      f.usageCount++;
    } else if (e.type === 'finish') {
      f.finish = e.reason;
      f.rawFinish = e.rawReason;
    } else if (e.type === 'error') {
      f.error = e.error;
      f.textBeforeError = f.text;
    } else if (e.type === 'response-metadata') f.metadata.push(e);
  }
  return f;
}

/** A descriptor for the simulator at `baseUrl`. */
export function simDescriptor(baseUrl: string, over: Partial<ProviderDescriptor['capabilities']> = {}, id = 'sim'): ProviderDescriptor {
  return customOpenAIProvider({ id, displayName: 'Sim', baseUrl, ...over });
}

/** Streams `model` (a `sim/<scenario>` name) from the simulator and folds the result. */
export async function run(
  baseUrl: string,
  model: string,
  opts: {
    http?: HttpClient;
    httpOptions?: Partial<HttpOptions>;
    descriptor?: ProviderDescriptor;
    req?: Partial<ChatRequest>;
    apiKey?: string;
  } = {},
): Promise<Folded> {
  const http = opts.http ?? new HttpClient(opts.httpOptions);
  try {
    const d = opts.descriptor ?? simDescriptor(baseUrl);
    const req: ChatRequest = { model, messages: [{ role: 'user', content: 'hi' }], ...opts.req };
    return await fold(openaiAdapter.streamChat({ descriptor: d, http, apiKey: opts.apiKey ?? SENTINEL_KEY }, req));
  } finally {
    if (!opts.http) await http.close();
  }
}
