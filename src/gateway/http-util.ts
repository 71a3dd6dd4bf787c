// Small writers for JSON and SSE responses.
import type { ServerResponse } from 'node:http';

/** Sends a whole JSON response. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return void res.end();
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

/**
 * Starts an SSE response. It starts with the first output, so the headers leave with the first
 * frame in one write instead of a write of their own. Not at the upstream's 200: a host can still
 * fail before its first token, and then the route falls back (the headers must name the host that
 * served) or ends on an HTTP status, which the SDKs map to their error classes and retry; inside a
 * 200 stream it could only be an error event, a bare APIError neither SDK retries.
 */
export function startSse(res: ServerResponse, headers: Record<string, string>): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    ...headers,
  });
}

/** One SSE frame: an optional event name and a JSON (or literal) data line. */
export function sseFrame(data: unknown, event?: string): string {
  const payload = typeof data === 'string' ? data : JSON.stringify(data);
  return `${event ? `event: ${event}\n` : ''}data: ${payload}\n\n`;
}

/**
 * The cost of a streamed answer is known only after its last token, when the headers are long
 * gone, so it goes in an SSE comment every SSE parser ignores: `: x-switchboard-cost-usd=0.0012`.
 */
export function costComment(headers: Record<string, string>): string {
  const lines = ['x-switchboard-provider', 'x-switchboard-model', 'x-switchboard-attempts', 'x-switchboard-cost-usd']
    .filter((k) => headers[k] !== undefined)
    .map((k) => `: ${k}=${headers[k]}\n`);
  return lines.length ? `${lines.join('')}\n` : '';
}

/** Retry-After in whole seconds for an error that names a wait. */
export function retryAfterHeader(ms: number | undefined): Record<string, string> {
  return ms !== undefined && ms > 0 ? { 'retry-after': String(Math.max(1, Math.ceil(ms / 1000))) } : {};
}

/** What a streamed answer writes through: frames, then one end. */
interface StreamWriter {
  write: (data: string) => void;
  /** Ends the response after everything written so far, with `last` as its final bytes. */
  end: (last?: string) => void;
}

/**
 * Writes that happen in the same tick leave in one syscall: a network read upstream often
 * yields several deltas at once, and one write each would cost a syscall apiece. The first
 * write of a tick still leaves at the end of that tick, so time to first token is unchanged.
 * The tick's frames are joined here rather than by corking the socket: on Node 24 (the
 * editor's extension host) ending a corked response dropped what that tick had written, so a
 * stream lost its closing events. The end takes the pending frames with it, in one write.
 */
export function tickBatchedWriter(res: ServerResponse): StreamWriter {
  let pending = '';
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (!pending || res.writableEnded) return;
    const data = pending;
    pending = '';
    res.write(data);
  };
  return {
    write(data) {
      pending += data;
      if (!scheduled) {
        scheduled = true;
        process.nextTick(flush);
      }
    },
    end(last = '') {
      const data = pending + last;
      pending = '';
      res.end(data || undefined);
    },
  };
}
