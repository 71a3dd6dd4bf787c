// Runs an adapter over a response body held in memory, delivered in chosen pieces: the way to
// test framing and decoding against exact byte splits without a socket.
import type { HttpTransport } from '../../../src/core/http/client';
import { anthropicAdapter } from '../../../src/core/providers/anthropic/adapter';
import { ANTHROPIC_PRESET } from '../../../src/core/providers/anthropic/preset';
import type { ProtocolAdapter, ProviderDescriptor } from '../../../src/core/providers/descriptor';
import { geminiAdapter } from '../../../src/core/providers/gemini/adapter';
import { GEMINI_PRESET } from '../../../src/core/providers/gemini/preset';
import { openaiAdapter } from '../../../src/core/providers/openai/adapter';
import { MISTRAL } from '../../../src/core/providers/openai/presets';
import type { StreamEvent } from '../../../src/core/types';

/** A protocol family as the tests drive it. */
export interface Family {
  name: string;
  adapter: ProtocolAdapter;
  descriptor: ProviderDescriptor;
}

export const FAMILIES: Record<'openai' | 'anthropic' | 'gemini', Family> = {
  openai: { name: 'openai', adapter: openaiAdapter, descriptor: MISTRAL },
  anthropic: { name: 'anthropic', adapter: anthropicAdapter, descriptor: ANTHROPIC_PRESET },
  gemini: { name: 'gemini', adapter: geminiAdapter, descriptor: GEMINI_PRESET },
};

/** A transport answering 200 with `chunks` as the body. */
export function cannedTransport(
  chunks: readonly Uint8Array[],
  headers: Record<string, string> = { 'content-type': 'text/event-stream' },
): HttpTransport {
  return {
    send: async () => ({
      status: 200,
      headers,
      body: (async function* () {
        for (const c of chunks) yield c;
      })(),
      text: async () => Buffer.concat(chunks).toString('utf8'),
      dump: async () => undefined,
    }),
  };
}

/** `bytes` cut at the given offsets (unsorted, duplicates and out-of-range ignored). */
export function cutAt(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.filter((c) => c > 0 && c < bytes.length))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let start = 0;
  for (const p of points) {
    out.push(bytes.subarray(start, p));
    start = p;
  }
  out.push(bytes.subarray(start));
  return out;
}

/** Every event the family's adapter emits for a body delivered as `chunks`. */
export async function eventsOf(f: Family, chunks: readonly Uint8Array[], headers?: Record<string, string>): Promise<StreamEvent[]> {
  const out: StreamEvent[] = [];
  const ctx = { descriptor: f.descriptor, http: cannedTransport(chunks, headers), apiKey: 'sk-test-canned-0123456789abcdef' };
  for await (const e of f.adapter.streamChat(ctx, { model: 'm', messages: [{ role: 'user', content: 'hi' }], maxOutputTokens: 100 }))
    out.push(e);
  return out;
}

/** Events in a comparable form (errors by category and message). */
export function comparable(events: readonly StreamEvent[]): unknown[] {
  return events.map((e) => (e.type === 'error' ? { type: 'error', category: e.error.category, message: e.error.message } : e));
}
