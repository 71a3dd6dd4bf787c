// Hosts may compress a body when asked to, and some do when not asked (a legal answer to a
// request that names no encoding). Both are decoded here, before SSE framing or JSON parsing.
import { pipeline, type Readable, type Transform } from 'node:stream';
import * as zlib from 'node:zlib';

/** What the official SDKs (through fetch) send. */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

/** A decoder for a `content-encoding` value, or undefined for identity and unknown codings. */
export function decoderFor(contentEncoding: string | undefined): (() => Transform) | undefined {
  const coding = contentEncoding?.trim().toLowerCase();
  // Flushing on every input chunk keeps a compressed stream streaming token by token.
  const flush = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      return () => zlib.createGunzip(flush);
    case 'deflate':
      return () => zlib.createInflate(flush);
    case 'br':
      return () =>
        zlib.createBrotliDecompress({ flush: zlib.constants.BROTLI_OPERATION_FLUSH, finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
    default:
      return undefined;
  }
}

/** The body seen through its decoder; a failure on either side ends the decoded stream with it. */
export function decodedBody(raw: Readable, decoder: () => Transform): Transform {
  return pipeline(raw, decoder(), () => {
    // Errors reach the reader through the decoded stream itself.
  });
}
