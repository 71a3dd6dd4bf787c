// Test doubles for routing: an in-memory catalog, descriptors, a scripted adapter, a fake clock.
import type { CatalogView, Endpoint, Price } from '../../../src/core/catalog/types';
import { ProviderError, type ErrorCategory, type ProviderErrorInit } from '../../../src/core/errors';
import type { HttpTransport } from '../../../src/core/http/client';
import type { CallContext, ProtocolAdapter, ProtocolFamily, ProviderDescriptor } from '../../../src/core/providers/descriptor';
import type { ChatRequest, StreamEvent } from '../../../src/core/types';

/** An endpoint with sensible defaults. */
export function ep(provider: string, modelId: string, canonicalModel: string, extra: Partial<Endpoint> & { price?: Price } = {}): Endpoint {
  return {
    canonicalModel,
    provider,
    modelId,
    capabilities: { images: false, reasoning: false, tools: false },
    source: 'bundled',
    ...extra,
  };
}

/** A catalog over a fixed endpoint list. */
export class MemoryCatalog implements CatalogView {
  private readonly byModel = new Map<string, Endpoint[]>();
  constructor(endpoints: Endpoint[]) {
    for (const e of endpoints) {
      const list = this.byModel.get(e.canonicalModel) ?? [];
      list.push(e);
      this.byModel.set(e.canonicalModel, list);
    }
  }
  endpointsOf(model: string): Endpoint[] {
    return this.byModel.get(model) ?? [];
  }
  pinned(provider: string, modelId: string): Endpoint {
    for (const list of this.byModel.values()) for (const e of list) if (e.provider === provider && e.modelId === modelId) return e;
    return ep(provider, modelId, `${provider}/${modelId}`, {
      source: 'override',
      capabilities: { images: false, reasoning: false, tools: false, unknown: true },
    });
  }
  models(): string[] {
    return [...this.byModel.keys()];
  }
}

/** A provider descriptor with defaults; `local` providers need no key. */
export function descriptor(
  id: string,
  extra: Partial<ProviderDescriptor> & { local?: boolean; family?: ProtocolFamily } = {},
): ProviderDescriptor {
  const { local = false, ...rest } = extra;
  return {
    id,
    displayName: id.toUpperCase(),
    family: 'openai',
    baseUrl: `http://127.0.0.1:1/${id}`,
    auth: { kind: 'bearer' },
    keyRequired: !local,
    capabilities: {
      streamUsage: 'stream_options',
      images: false,
      requiresMaxTokens: false,
      reasoning: false,
      local,
      reportsCost: false,
      stopSequences: true,
    },
    rateLimitScheme: 'openai',
    ...rest,
  };
}

/** Events of a successful answer. */
export function ok(text = 'hello world', rateLimit?: StreamEvent & { type: 'response-metadata' }): StreamEvent[] {
  return [
    rateLimit ?? { type: 'response-metadata', provider: 'x' },
    ...text.split(' ').map((t, i) => ({ type: 'text-delta' as const, text: i ? ` ${t}` : t })),
    { type: 'usage', usage: { inputTokens: 10, outputTokens: 4, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 } },
    { type: 'finish', reason: 'stop' },
  ];
}

/** Events of a failure before any output. */
export function fail(category: ErrorCategory, extra: Partial<ProviderErrorInit> = {}): StreamEvent[] {
  const error = new ProviderError({ category, provider: extra.provider ?? 'x', message: `fake ${category}`, ...extra });
  return [
    { type: 'error', error },
    { type: 'finish', reason: category === 'cancelled' ? 'cancelled' : 'error' },
  ];
}

/** Events of a failure after some output. */
export function failMidway(text: string, category: ErrorCategory = 'network'): StreamEvent[] {
  const error = new ProviderError({ category, provider: 'x', message: `fake ${category} mid-stream`, outputStarted: true });
  return [
    { type: 'text-delta', text },
    { type: 'error', error },
    { type: 'finish', reason: 'error' },
  ];
}

/** One recorded call. */
export interface FakeCall {
  provider: string;
  model: string;
  apiKey?: string;
  request: ChatRequest;
}

/**
 * An adapter that plays scripts keyed by `provider:model`: each call takes the next script,
 * the last one repeating. Unscripted endpoints answer "ok".
 */
export class FakeAdapter implements ProtocolAdapter {
  readonly calls: FakeCall[] = [];
  private readonly scripts = new Map<string, StreamEvent[][]>();
  constructor(readonly family: ProtocolFamily = 'openai') {}

  script(key: string, ...responses: StreamEvent[][]): this {
    this.scripts.set(key, responses);
    return this;
  }

  callsTo(key: string): number {
    return this.calls.filter((c) => `${c.provider}:${c.model}` === key).length;
  }

  async *streamChat(ctx: CallContext, req: ChatRequest): AsyncIterable<StreamEvent> {
    this.calls.push({ provider: ctx.descriptor.id, model: req.model, apiKey: ctx.apiKey, request: req });
    const list = this.scripts.get(`${ctx.descriptor.id}:${req.model}`);
    const n = this.callsTo(`${ctx.descriptor.id}:${req.model}`) - 1;
    const events = list ? list[Math.min(n, list.length - 1)] : ok();
    for (const ev of events) {
      await Promise.resolve();
      yield ev.type === 'error' ? { type: 'error', error: new ProviderError({ ...ev.error.toInit(), provider: ctx.descriptor.id }) } : ev;
    }
  }

  async listModels(): Promise<never[]> {
    return [];
  }
}

/** A clock tests move by hand. */
export class FakeClock {
  constructor(public t = 1_000_000) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

/** A sleep that advances the fake clock instantly and records each wait. */
export function fakeSleep(clock: FakeClock, waits: number[]): (ms: number) => Promise<void> {
  return async (ms: number) => {
    waits.push(ms);
    clock.advance(ms);
  };
}

/** A transport that must never be used by fake adapters. */
export const noHttp: HttpTransport = {
  send: () => Promise.reject(new Error('fake adapters do not use HTTP')),
};

/** Collects every event of a routed stream. */
export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const e of it) out.push(e);
  return out;
}
