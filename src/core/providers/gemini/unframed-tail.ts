// Gemini sometimes ends a 200 stream with a bare JSON error object that is not an SSE event
// (e.g. `{"error":{"code":503,…,"status":"UNAVAILABLE"}}`, pretty-printed). An SSE parser
// silently drops such lines, so this keeps whatever follows the last event boundary.
import type { HttpRequest, HttpResponse, HttpTransport } from '../../http/client';

const MAX_TAIL_CHARS = 64_000;

/** Records the text after the last SSE event boundary of a successful response body. */
export class UnframedTail {
  private tail = '';

  /** A transport that passes everything through while recording the body's tail. */
  wrap(inner: HttpTransport): HttpTransport {
    return {
      send: async (req: HttpRequest): Promise<HttpResponse> => {
        const res = await inner.send(req);
        return { ...res, body: this.record(res.body) };
      },
    };
  }

  /** The text after the last blank line, trimmed; empty when the body ended on a boundary. */
  text(): string {
    return this.tail.trim();
  }

  private async *record(body: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    const decoder = new TextDecoder('utf-8');
    for await (const chunk of body) {
      this.append(decoder.decode(chunk, { stream: true }));
      yield chunk;
    }
    this.append(decoder.decode());
  }

  private append(s: string): void {
    let t = this.tail + s;
    // Cut at the last boundary of any of the three line-ending styles SSE allows.
    let cut = -1;
    for (const boundary of ['\n\n', '\r\r', '\r\n\r\n']) {
      const i = t.lastIndexOf(boundary);
      if (i >= 0) cut = Math.max(cut, i + boundary.length);
    }
    if (cut >= 0) t = t.slice(cut);
    this.tail = t.length > MAX_TAIL_CHARS ? t.slice(-MAX_TAIL_CHARS) : t;
  }
}
