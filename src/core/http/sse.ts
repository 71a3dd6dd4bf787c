// SSE framing is eventsource-parser's job; this file only adapts it to network reads,
// keeps UTF-8 characters that straddle chunk boundaries intact, and bounds one event's size.
import { createParser, type EventSourceMessage, type EventSourceParser } from 'eventsource-parser';
import { ProviderError } from '../errors';
import { Utf8Chunks } from './utf8-chunks';

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
  /** Size allowed for one event: its unfinished line plus its data so far. */
  maxEventBytes?: number;
  /** Provider id for the error raised past the bound. */
  provider?: string;
}

const NO_EVENTS: SseEvent[] = Object.freeze([]) as unknown as SseEvent[];

/**
 * Reads an SSE body a network read at a time, synchronously: each `feed` returns the events
 * that read completed; comments (e.g. `: OPENROUTER PROCESSING`) are dropped. The stream loop
 * makes one while its request is in flight and calls it directly: an async generator in between
 * cost a hop per read, and its set-up came after the answer's first bytes.
 */
export class SseReader {
  private readonly decoder = new Utf8Chunks();
  private readonly max: number;
  private readonly provider: string;
  private pending: SseEvent[] = [];
  private overflow = false;
  // The parser's own bound covers the unfinished line and the event's data so far (in characters).
  private readonly parser: EventSourceParser;

  constructor(limits: SseLimits = {}) {
    this.max = limits.maxEventBytes ?? DEFAULT_MAX_SSE_EVENT_BYTES;
    this.provider = limits.provider ?? 'unknown';
    this.parser = createParser({
      onEvent: (e) => this.pending.push(e),
      onError: (e) => (this.overflow ||= e.type === 'max-buffer-size-exceeded'),
      maxBufferSize: this.max,
    });
  }

  /** The events this chunk completes (often none). Throws past the size bound. */
  feed(chunk: Uint8Array): SseEvent[] {
    return this.take(this.decoder.write(chunk));
  }

  /**
   * The events the end of the body completes. A final event without its blank line still
   * counts: some hosts close right after the data line. (`reset({ consume: true })` parses that
   * line but drops the event it completes.)
   */
  end(): SseEvent[] {
    return this.take(`${this.decoder.end()}\n\n`);
  }

  private take(text: string): SseEvent[] {
    this.parser.feed(text);
    if (this.overflow) throw eventTooLarge(this.max, this.provider);
    const ready = this.pending;
    if (ready.length === 0) return NO_EVENTS;
    this.pending = [];
    return ready;
  }
}

/**
 * Yields the events of an SSE body, one array per network read that completes any (see
 * SseReader). Batches serve the hot streaming loop: one async hop per read instead of one per
 * event is measurable at 1,000 tokens.
 */
export async function* readSseBatches(body: AsyncIterable<Uint8Array>, limits: SseLimits = {}): AsyncGenerator<SseEvent[]> {
  const reader = new SseReader(limits);
  for await (const chunk of body) {
    const ready = reader.feed(chunk);
    if (ready.length > 0) yield ready;
  }
  const last = reader.end();
  if (last.length > 0) yield last;
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
