// Proof that a test about split reads really got split reads: a transport that records the
// body chunks as the client received them, and a count of characters cut between two chunks.
import type { HttpRequest, HttpResponse, HttpTransport } from '../../../src/core/http/client';

/** A transport that passes everything through and keeps each response body's chunks. */
export class RecordingTransport implements HttpTransport {
  readonly bodies: Uint8Array[][] = [];
  constructor(private readonly inner: HttpTransport) {}

  async send(req: HttpRequest): Promise<HttpResponse> {
    const res = await this.inner.send(req);
    const chunks: Uint8Array[] = [];
    this.bodies.push(chunks);
    const body = res.body;
    return {
      ...res,
      body: (async function* () {
        for await (const c of body) {
          chunks.push(c);
          yield c;
        }
      })(),
    };
  }
}

/** How many chunk boundaries fall inside a multi-byte UTF-8 character. */
export function charactersSplit(chunks: readonly Uint8Array[]): number {
  let n = 0;
  for (let i = 0; i + 1 < chunks.length; i++) {
    const next = chunks[i + 1];
    // A continuation byte (10xxxxxx) at the start of a chunk continues a character begun before it.
    if (next.length > 0 && (next[0] & 0xc0) === 0x80) n++;
  }
  return n;
}
