// Some hosts ignore `stream: true` and answer with one JSON object (`application/json`). Such a
// body is a complete answer, not a broken stream: each family turns it into the SSE events of
// the same answer, so its mapper reads text, usage and finish reason the usual way.
import { ProviderError } from '../errors';
import { DEFAULT_MAX_SSE_EVENT_BYTES, readSseBatches, type SseEvent, type SseLimits } from '../http/sse';
import { parseJsonChunk } from './stream-driver';

/** A family's reading of a complete (non-streamed) answer as the events of a stream. */
export type CompleteAnswerReader = (body: unknown) => SseEvent[];

/** Whether a successful response declares a JSON body rather than an event stream. */
export function isJsonAnswer(headers: Record<string, string>): boolean {
  const type = headers['content-type'];
  // The usual answer, an event stream, is told apart without the pattern.
  if (type === undefined || type.startsWith('text/event-stream')) return false;
  return /^\s*application\/(?:[\w.+-]*\+)?json\b/i.test(type);
}

/**
 * The events of a JSON answer. A body labelled JSON that starts like an event stream is read
 * as one (a mislabelled stream must keep streaming).
 */
export async function* completeAnswerBatches(
  body: AsyncIterable<Uint8Array>,
  read: CompleteAnswerReader,
  limits: SseLimits & { provider: string },
  secrets: readonly string[],
): AsyncGenerator<SseEvent[]> {
  const it = body[Symbol.asyncIterator]();
  const first = await it.next();
  const head = first.done ? new Uint8Array(0) : first.value;
  const whole = prepend(head, it);
  if (/^\s*(?:data|event|id|retry)?:/.test(new TextDecoder().decode(head.subarray(0, 64)))) {
    yield* readSseBatches(whole, limits);
    return;
  }
  const max = limits.maxEventBytes ?? DEFAULT_MAX_SSE_EVENT_BYTES;
  const chunks: Uint8Array[] = [];
  let n = 0;
  for await (const c of whole) {
    n += c.length;
    if (n > max)
      throw new ProviderError({
        category: 'protocol',
        provider: limits.provider,
        message: `${limits.provider} sent a JSON answer larger than ${Math.round(max / 1024)} KiB; Switchboard stopped reading it.`,
        retryable: false,
      });
    chunks.push(c);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  yield read(parseJsonChunk(text, limits.provider, secrets));
}

async function* prepend(head: Uint8Array, it: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  // The head is yielded inside the try: a reader that stops at the first chunk must still release the body.
  try {
    if (head.length > 0) yield head;
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  } finally {
    await it.return?.();
  }
}

/** One SSE event carrying `data` as JSON. */
export function jsonEvent(data: unknown, event?: string): SseEvent {
  return { id: undefined, event, data: JSON.stringify(data) };
}
