// Gemini sometimes ends a 200 stream with a bare JSON error object that is not an SSE event
// (e.g. `{"error":{"code":503,…,"status":"UNAVAILABLE"}}`, pretty-printed). An SSE parser
// silently drops such lines, so this keeps whatever follows the last event boundary.
const MAX_TAIL_BYTES = 64_000;

const BOUNDARIES = ['\n\n', '\r\r', '\r\n\r\n'].map((b) => Buffer.from(b));
const EMPTY = Buffer.alloc(0);

/**
 * Records the text after the last SSE event boundary of a successful response body, fed each
 * read by the stream loop before the SSE reader sees it (see StreamMapper.onBytes). It keeps
 * bytes and decodes once at the end: the boundaries are ASCII, so they are found in UTF-8 bytes
 * as well as in text, and a body is not decoded a second time beside the SSE reader.
 */
export class UnframedTail {
  private tail: Buffer = EMPTY;

  /** The text after the last blank line, trimmed; empty when the body ended on a boundary. */
  text(): string {
    return this.tail.toString('utf8').trim();
  }

  /** Records one read of the body, in order. */
  append(chunk: Uint8Array): void {
    const c = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    // The last boundary ends either inside this chunk or, straddling, in its first 3 bytes.
    let cut = lastBoundaryEnd(c);
    if (this.tail.length > 0) {
      const back = this.tail.subarray(-3);
      const straddle = lastBoundaryEnd(Buffer.concat([back, c.subarray(0, 3)])) - back.length;
      if (straddle > cut) cut = straddle;
    }
    if (cut >= 0) {
      this.tail = c.subarray(cut);
      return;
    }
    const t = this.tail.length ? Buffer.concat([this.tail, c]) : c;
    this.tail = t.length > MAX_TAIL_BYTES ? t.subarray(t.length - MAX_TAIL_BYTES) : t;
  }
}

/** Where the last boundary of any of SSE's three line-ending styles ends in `b`, or -1. */
function lastBoundaryEnd(b: Buffer): number {
  let end = -1;
  for (const boundary of BOUNDARIES) {
    const i = b.lastIndexOf(boundary);
    if (i >= 0 && i + boundary.length > end) end = i + boundary.length;
  }
  return end;
}
