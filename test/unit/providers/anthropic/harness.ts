// Shared by the Anthropic adapter tests: a simulator + client pair and a stream collector.
import { HttpClient, type HttpOptions } from '../../../../src/core/http/client';
import type { ProviderError } from '../../../../src/core/errors';
import { anthropicAdapter } from '../../../../src/core/providers/anthropic/adapter';
import { ANTHROPIC_PRESET } from '../../../../src/core/providers/anthropic/preset';
import type { CallContext, ProviderDescriptor } from '../../../../src/core/providers/descriptor';
import type { ChatRequest, FinishReason, StreamEvent, Usage } from '../../../../src/core/types';
import { anthropicRouter, type AnthropicSimOptions } from '../../../sim/anthropic';
import { SimServer } from '../../../sim/server';

/** A key that must never show up in any output. */
export const SENTINEL_KEY = 'sk-ant-test-SENTINEL-4c1d9e7f2b8a';

/** Everything one streamChat call produced, folded. */
export interface Collected {
  events: StreamEvent[];
  text: string;
  reasoning: string;
  usage?: Usage;
  usageEvents: number;
  finish?: { reason: FinishReason; rawReason?: string };
  error?: ProviderError;
  metadata: Extract<StreamEvent, { type: 'response-metadata' }>[];
}

/** Drains a stream into a Collected record; optionally runs a hook on each event. */
export async function collect(stream: AsyncIterable<StreamEvent>, onEvent?: (e: StreamEvent) => void): Promise<Collected> {
  const c: Collected = { events: [], text: '', reasoning: '', usageEvents: 0, metadata: [] };
  for await (const e of stream) {
    c.events.push(e);
    onEvent?.(e);
    if (e.type === 'text-delta') c.text += e.text;
    else if (e.type === 'reasoning-delta') c.reasoning += e.text;
    else if (e.type === 'usage') {
      c.usage = e.usage;
      c.usageEvents++;
    } else if (e.type === 'finish') c.finish = { reason: e.reason, rawReason: e.rawReason };
    else if (e.type === 'error') c.error = e.error;
    else if (e.type === 'response-metadata') c.metadata.push(e);
  }
  return c;
}

/** A running simulator and a context pointing the Anthropic preset at it. */
export interface Rig {
  sim: SimServer;
  http: HttpClient;
  descriptor: ProviderDescriptor;
  ctx: CallContext;
  /** Streams a request for `model` (plus any overrides) through the adapter and collects it. */
  run(model: string, extra?: Partial<ChatRequest>): Promise<Collected>;
  close(): Promise<void>;
}

/** Starts a simulator with a client; the base URL carries a path prefix like a proxy would. */
export async function startRig(http: Partial<HttpOptions> = {}, simOpts: AnthropicSimOptions = {}): Promise<Rig> {
  const sim = await SimServer.start(anthropicRouter(simOpts));
  const client = new HttpClient({ connectTimeoutMs: 2_000, firstByteTimeoutMs: 5_000, idleTimeoutMs: 5_000, ...http });
  const descriptor: ProviderDescriptor = { ...ANTHROPIC_PRESET, baseUrl: `${sim.url}/v1` };
  const ctx: CallContext = { descriptor, http: client, apiKey: SENTINEL_KEY };
  return {
    sim,
    http: client,
    descriptor,
    ctx,
    run: (model, extra = {}) => collect(anthropicAdapter.streamChat(ctx, { model, messages: [{ role: 'user', content: 'Hi' }], ...extra })),
    async close() {
      await client.close();
      await sim.close();
    },
  };
}
