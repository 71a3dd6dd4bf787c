// A scripted mapper and transport for driving the shared streaming loop without a family: each
// SSE event's data names the events to emit, or a failure, so every path is reached by data.
import { ProviderError } from '../../../src/core/errors';
import type { HttpRequest, HttpTransport } from '../../../src/core/http/client';
import type { SseEvent } from '../../../src/core/http/sse';
import { ANTHROPIC_PRESET } from '../../../src/core/providers/anthropic/preset';
import type { CompleteAnswerReader } from '../../../src/core/providers/complete-answer';
import type { ProviderDescriptor } from '../../../src/core/providers/descriptor';
import { driveStream, type StreamMapper } from '../../../src/core/providers/stream-driver';
import type { StreamEvent, Usage } from '../../../src/core/types';

export const KEY = 'sk-drive-test-SENTINEL-0123456789abcdef';
export const HOST: ProviderDescriptor = { ...ANTHROPIC_PRESET, id: 'host', displayName: 'Host' };

/** What one SSE event tells the scripted mapper to do. */
export interface Step {
  emit?: StreamEvent[];
  done?: boolean;
  fail?: string;
}

/** A mapper that follows the steps in each event's data; `end` and `partial` are what onEnd and partialUsage return. */
export function scriptedMapper(end: StreamEvent[] = [], partial?: Usage): StreamMapper {
  let done = false;
  return {
    get done() {
      return done;
    },
    onEvent(e: SseEvent) {
      const step = JSON.parse(e.data) as Step;
      if (step.fail) throw new ProviderError({ category: 'protocol', provider: HOST.id, message: step.fail, retryable: true });
      if (step.done) done = true;
      return step.emit ?? [];
    },
    onEnd: () => end,
    partialUsage: () => partial,
  };
}

/** The SSE text of some steps. */
export const sse = (...steps: (Step | string)[]) => steps.map((s) => `data: ${typeof s === 'string' ? s : JSON.stringify(s)}\n\n`).join('');

/** A response body: strings are written, an Error is thrown where it stands. */
export type Piece = string | Error;

/** A transport answering every call with one scripted response; `sent` records the requests. */
export function scriptedTransport(status: number, pieces: Piece[], headers: Record<string, string> = {}) {
  const sent: HttpRequest[] = [];
  const http: HttpTransport = {
    send: async (req) => {
      sent.push(req);
      return {
        status,
        headers: { 'content-type': 'text/event-stream', ...headers },
        body: (async function* () {
          for (const p of pieces) {
            if (p instanceof Error) throw p;
            yield new TextEncoder().encode(p);
          }
        })(),
        text: async () => pieces.filter((p): p is string => typeof p === 'string').join(''),
        dump: async () => undefined,
      };
    },
  };
  return { http, sent };
}

/** Everything driveStream yields for one call. */
export async function drive(
  http: HttpTransport,
  mapper: StreamMapper,
  opts: {
    signal?: AbortSignal;
    leading?: StreamEvent[];
    maxSseEventBytes?: number;
    onEvent?: (e: StreamEvent) => void;
    readComplete?: CompleteAnswerReader;
  } = {},
): Promise<StreamEvent[]> {
  const out: StreamEvent[] = [];
  const ctx = { descriptor: HOST, http, apiKey: KEY, maxSseEventBytes: opts.maxSseEventBytes };
  const req: HttpRequest = { method: 'POST', url: 'http://127.0.0.1:1/x', headers: {}, body: '{}', signal: opts.signal, provider: HOST.id };
  for await (const e of driveStream(ctx, req, mapper, () => undefined, opts.readComplete, opts.leading)) {
    out.push(e);
    opts.onEvent?.(e);
  }
  return out;
}
