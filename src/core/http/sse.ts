// SSE framing is eventsource-parser's job; this file only adapts it to an async iterator,
// keeps UTF-8 characters that straddle chunk boundaries intact, and bounds one event's size.
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { ProviderError } from '../errors';

/** One server-sent event. `event` is undefined when the server named none. */
export type SseEvent = EventSourceMessage;

/**
 * Largest single event accepted (16 MiB). Real chunks are a few KB, a whole non-streamed
 * answer at most a few MB; past this a host is sending garbage, and the parser would buffer it
 * all in the extension host's memory.
 */
export const DEFAULT_MAX_SSE_EVENT_BYTES = 16 * 1024 * 1024;

/** How an SSE body is read. */
export interface SseLimits {
  /** Bytes allowed between two events (or comments); counted per network read. */
  maxEventBytes?: number;
  /** Provider id for the error raised past the bound. */
  provider?: string;
}

/** Yields the events of an SSE body. Comments (e.g. `: OPENROUTER PROCESSING`) are dropped. */
export async function* readSse(body: AsyncIterable<Uint8Array>, limits: SseLimits = {}): AsyncGenerator<SseEvent> {
  for await (const batch of readSseBatches(body, limits)) for (const e of batch) yield e;
}

/**
 * Yields the events of an SSE body, one array per network read. The hot streaming loop uses
 * this form: one async hop per read instead of one per event is measurable at 1,000 tokens.
 */
export async function* readSseBatches(body: AsyncIterable<Uint8Array>, limits: SseLimits = {}): AsyncGenerator<SseEvent[]> {
  const max = limits.maxEventBytes ?? DEFAULT_MAX_SSE_EVENT_BYTES;
  const decoder = new TextDecoder('utf-8');
  let pending: SseEvent[] = [];
  let framed = false;
  const parser = createParser({
    onEvent: (e) => {
      framed = true;
      pending.push(e);
    },
    onComment: () => (framed = true),
  });
  let sinceEvent = 0;
  for await (const chunk of body) {
    framed = false;
    parser.feed(decoder.decode(chunk, { stream: true }));
    // Bytes of a read that also ended an event may belong to the next one; the bound is
    // approximate by at most one read, which is what keeps this check free.
    sinceEvent = framed ? 0 : sinceEvent + chunk.length;
    if (sinceEvent > max) throw eventTooLarge(max, limits.provider ?? 'unknown');
    if (pending.length > 0) {
      const ready = pending;
      pending = [];
      yield ready;
    }
  }
  const tail = decoder.decode();
  if (tail) parser.feed(tail);
  // A final event without its blank line still counts: some hosts close right after the data line.
  parser.reset({ consume: true });
  if (pending.length > 0) yield pending;
}

function eventTooLarge(max: number, provider: string): ProviderError {
  const size = max >= 1024 * 1024 ? `${max / (1024 * 1024)} MiB` : `${max / 1024} KiB`;
  return new ProviderError({
    category: 'protocol',
    provider,
    message: `${provider} sent one stream event larger than ${size}; Switchboard stopped reading it.`,
    // The same host answering the same request would most likely do it again.
    retryable: false,
  });
}
