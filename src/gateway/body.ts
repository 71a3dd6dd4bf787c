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
  const text = (await readUpTo(req, limitBytes)).toString('utf8');
  if (!text.trim()) throw new BodyError(400, 'The request body is empty; a JSON object is expected.');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BodyError(400, 'The request body is not valid JSON.');
  }
}

/**
 * The bytes of a request, refused past the limit. Read with listeners rather than an async
 * iterator, whose setup costs more than reading the usual one-chunk body. The data and error
 * listeners stay on the request, which this read uses up; a settled promise ignores what they
 * report later. The close listener goes at the end: every request closes after its answer, and
 * it would build an error, stack and all, each time.
 */
function readUpTo(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // A client that leaves mid-body: nobody is answered, as when the iterator threw.
    const onClose = () => reject(new Error('The client closed the connection before its body ended.'));
    req.on('data', (c: Buffer) => {
      if (size > limitBytes) return;
      size += c.length;
      if (size <= limitBytes) return void chunks.push(c);
      req.pause();
      reject(new BodyError(413, `The body is larger than the gateway's limit of ${limitBytes} bytes.`));
    });
    req.on('end', () => {
      req.off('close', onClose);
      resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
    });
    req.on('error', reject);
    req.on('close', onClose);
  });
}
