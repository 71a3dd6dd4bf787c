// Reads a request body under a size limit, refusing early when Content-Length already says too much.
import type { IncomingMessage } from 'node:http';

/** A body that could not be read, with the status to answer. */
export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
  }
}

/** The body as JSON; throws BodyError (413 over the limit, 400 for bad JSON). */
export async function readJsonBody(req: IncomingMessage, limitBytes: number): Promise<unknown> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes)
    throw new BodyError(413, `The body is larger than the gateway's limit of ${limitBytes} bytes.`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    const buf = c as Buffer;
    size += buf.length;
    if (size > limitBytes) throw new BodyError(413, `The body is larger than the gateway's limit of ${limitBytes} bytes.`);
    chunks.push(buf);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) throw new BodyError(400, 'The request body is empty; a JSON object is expected.');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BodyError(400, 'The request body is not valid JSON.');
  }
}
