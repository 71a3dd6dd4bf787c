// The one streaming loop every family shares: send, classify HTTP errors, read SSE, map
// events, and turn any failure into `error` + `finish` with the partial-output flag set.
import { ProviderError, redactAndClip, redactError } from '../errors';
import { toTransportError, type HttpRequest } from '../http/client';
import { parseRateLimit } from '../http/rate-limit';
import { SseReader, type SseEvent } from '../http/sse';
import type { StreamEvent, Usage } from '../types';
import type { CallContext } from './descriptor';
import { flattenBatches } from './batch-iterator';
import { completeAnswerBatches, isJsonAnswer, type CompleteAnswerReader } from './complete-answer';
import { errorFromResponse, type ErrorBodyParser } from './http-error';
import { requestIdFrom } from './request-util';

/** Per-stream state machine of one family. Create a fresh one per request. */
export interface StreamMapper {
  /**
   * Maps one SSE event to zero or more normalized events. Throws ProviderError for an
   * in-band error event or a malformed chunk.
   */
  onEvent(e: SseEvent): StreamEvent[];
  /** True once the protocol's terminator was seen (`[DONE]`, `message_stop`, final candidate). */
  readonly done: boolean;
  /**
   * Called when the body ends. Returns the closing events (usage, finish), or throws a
   * protocol error when the stream ended without its terminator.
   */
  onEnd(): StreamEvent[];
  /** Usage seen so far, so a failed stream can still be charged for it. */
  partialUsage(): Usage | undefined;
  /**
   * Sees each read of an event stream's body before it is parsed, for what SSE itself drops
   * (Gemini's bare JSON error after the last event).
   */
  onBytes?(chunk: Uint8Array): void;
}

type Metadata = Extract<StreamEvent, { type: 'response-metadata' }>;

/** Runs one streaming call. Never throws; see ProtocolAdapter.streamChat. */
export function driveStream(
  ctx: CallContext,
  httpReq: HttpRequest,
  mapper: StreamMapper,
  parseError: ErrorBodyParser,
  readComplete?: CompleteAnswerReader,
  /** Events known before sending (the request builder's warnings), yielded first. */
  leading: readonly StreamEvent[] = [],
): AsyncIterableIterator<StreamEvent> {
  return flattenBatches(driveBatches(ctx, httpReq, mapper, parseError, readComplete, leading));
}

/** The stream's events, one array per network read (see driveStream). */
async function* driveBatches(
  ctx: CallContext,
  httpReq: HttpRequest,
  mapper: StreamMapper,
  parseError: ErrorBodyParser,
  readComplete: CompleteAnswerReader | undefined,
  leading: readonly StreamEvent[],
): AsyncGenerator<readonly StreamEvent[], void, undefined> {
  if (leading.length > 0) yield leading;
  const d = ctx.descriptor;
  const secrets = ctx.apiKey ? [ctx.apiKey] : [];
  const m = new EventMapping(mapper);
  try {
    const sending = ctx.http.send(httpReq);
    // Made while the request is in flight (undici has written it by now), so nothing is set up
    // between the first bytes of the answer and its first event.
    const limits = { maxEventBytes: ctx.maxSseEventBytes, provider: d.id };
    const sse = new SseReader(limits);
    const res = await sending;
    // Metadata arrives in two halves: headers (request id, rate limits) now, the served model
    // with the first chunk. Consumers get one event: the halves merged, the header id winning
    // (it is the one vendors' support asks for).
    const header: Metadata = {
      type: 'response-metadata',
      provider: d.id,
      requestId: requestIdFrom(res.headers),
      rateLimit: parseRateLimit(res.headers, d.rateLimitScheme),
    };
    m.header = header;
    if (res.status < 200 || res.status >= 300) {
      // A refusal's headers still tell health how much headroom is left, and support which request it was.
      m.headerSent = true;
      yield [header];
      throw await errorFromResponse(res, d, parseError, secrets);
    }
    // An event stream's chunks are read here, with no reader of their own in between.
    const json = readComplete !== undefined && isJsonAnswer(res.headers);
    const reads: AsyncIterable<Uint8Array | SseEvent[]> = json ? completeAnswerBatches(res.body, readComplete, limits, secrets) : res.body;
    for await (const read of reads) {
      if (!json) mapper.onBytes?.(read as Uint8Array);
      const batch = json ? (read as SseEvent[]) : sse.feed(read as Uint8Array);
      // One pass per read, except that the stream's first output goes out as soon as it is mapped.
      for (let at = 0; at < batch.length && !mapper.done; at = m.next) {
        const out = m.map(batch, at);
        if (out.length > 0) yield out;
        m.rethrow();
      }
      if (mapper.done) break;
    }
    if (!json && !mapper.done) {
      const out = m.map(sse.end(), 0);
      if (out.length > 0) yield out;
      m.rethrow();
    }
    if (httpReq.signal?.aborted) throw toTransportError({ name: 'AbortError' }, d.id, m.outputStarted);
    // The header counts as sent only once yielded: if onEnd() throws (a stream cut short), the
    // catch below still has to report it.
    const closing: StreamEvent[] = m.headerSent ? [] : [header];
    for (const ev of mapper.onEnd()) {
      if (ev.type === 'usage') m.usageEmitted = true;
      closing.push(ev);
    }
    m.headerSent = true;
    yield closing;
  } catch (e) {
    // Rate-limit headroom of a stream that failed before its first event still feeds health.
    if (m.header && !m.headerSent) yield [m.header];
    const aborted = httpReq.signal?.aborted === true;
    let err =
      aborted && !(e instanceof ProviderError && e.category === 'cancelled')
        ? toTransportError({ name: 'AbortError' }, d.id, m.outputStarted)
        : toTransportError(e, d.id, m.outputStarted);
    if (!(e instanceof ProviderError) && err.category === 'network' && !aborted) {
      err = new ProviderError({ ...err.toInit(), message: `${err.message} The connection broke${m.outputStarted ? ' mid-answer' : ''}.` });
    }
    // Last line of defence: mappers and transports quote upstream text, and one that forgot to
    // redact must not carry the key out. (It cannot repair a quote already cut inside the key.)
    err = redactError(err, secrets);
    const partial = m.usageEmitted ? undefined : mapper.partialUsage();
    const failure: StreamEvent[] = partial ? [{ type: 'usage', usage: partial }] : [];
    failure.push({ type: 'error', error: err }, { type: 'finish', reason: err.category === 'cancelled' ? 'cancelled' : 'error' });
    yield failure;
  }
}

/** One stream's events through its mapper, and what the loop must know of them. */
class EventMapping {
  header: Metadata | undefined;
  headerSent = false;
  outputStarted = false;
  usageEmitted = false;
  /** Where the last `map` stopped in its batch. */
  next = 0;
  private failed = false;
  private failure: unknown;

  constructor(private readonly mapper: StreamMapper) {}

  /**
   * The events of a read from `start` on, up to its end or, before output has started, up to the
   * event that starts it (`next` says where it stopped). A malformed event ends the read: what came
   * before it is still the answer so far, so it is returned, and the error waits for `rethrow()`
   * once that is yielded.
   */
  map(batch: readonly SseEvent[], start: number): StreamEvent[] {
    const out: StreamEvent[] = [];
    const waiting = !this.outputStarted;
    let i = start;
    try {
      while (i < batch.length) {
        for (const ev of this.mapper.onEvent(batch[i++])) this.push(ev, out);
        if (this.mapper.done || (waiting && this.outputStarted)) break;
      }
    } catch (e) {
      this.failed = true;
      this.failure = e;
    }
    this.next = i;
    return out;
  }

  /** Throws the error the last read ended with, if any. */
  rethrow(): void {
    if (this.failed) throw this.failure;
  }

  private push(ev: StreamEvent, out: StreamEvent[]): void {
    const header = this.header!;
    if (ev.type === 'response-metadata') {
      out.push({ ...ev, requestId: header.requestId ?? ev.requestId, rateLimit: header.rateLimit ?? ev.rateLimit });
      this.headerSent = true;
      return;
    }
    if (!this.headerSent) {
      this.headerSent = true;
      out.push(header);
    }
    // A tool call is output too: a retry elsewhere after it would run the tool twice.
    if (ev.type === 'text-delta' || ev.type === 'reasoning-delta' || ev.type === 'tool-call' || ev.type === 'tool-call-invalid')
      this.outputStarted = true;
    else if (ev.type === 'usage') this.usageEmitted = true;
    out.push(ev);
  }
}

/**
 * Parses a JSON SSE payload, turning garbage into a typed protocol error. The error quotes the
 * payload, which may echo the key, so `secrets` are scrubbed before it is cut short.
 */
export function parseJsonChunk(data: string, provider: string, secrets: readonly string[]): unknown {
  try {
    return JSON.parse(data);
  } catch {
    throw new ProviderError({
      category: 'protocol',
      provider,
      message: `${provider} sent a malformed stream chunk (not JSON): ${redactAndClip(data, 120, secrets)}`,
      retryable: true,
    });
  }
}
