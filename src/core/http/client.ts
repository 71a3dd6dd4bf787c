// The only place that opens sockets. No retries here: retrying is the router's decision.
import type * as Undici from 'undici';
import type { Dispatcher } from 'undici';
import { ProviderError } from '../errors';
import { ACCEPT_ENCODING, decodedBody, decoderFor } from './content-encoding';

/** Timeouts and proxy settings for outgoing calls. */
export interface HttpOptions {
  /** TCP + TLS connect. */
  connectTimeoutMs: number;
  /** From sending the request until the response headers arrive. */
  firstByteTimeoutMs: number;
  /** Longest silence allowed between two body chunks once streaming. */
  idleTimeoutMs: number;
  /** Proxy URL (http or https) and hosts that bypass it, as VS Code's http.proxy / http.noProxy. */
  proxy?: { url: string; noProxy?: string[] };
  /** How long an idle pooled connection is kept for reuse. */
  keepAliveMs?: number;
  /** How long the rest of a body a reader abandoned may take to arrive to keep its connection (250 ms). */
  drainMs?: number;
}

/** Defaults sized for LLM streaming: slow first token is normal, long silences are not. */
const DEFAULT_HTTP_OPTIONS: HttpOptions = {
  connectTimeoutMs: 10_000,
  firstByteTimeoutMs: 120_000,
  idleTimeoutMs: 60_000,
  keepAliveMs: 30_000,
};

/** A response whose body has not been read yet. */
export interface HttpResponse {
  status: number;
  /** Lower-cased header names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: AsyncIterable<Uint8Array>;
  /** Reads the whole body as UTF-8 text (capped, to survive a hostile upstream). */
  text(maxBytes?: number): Promise<string>;
  /** Discards the rest of the body so the connection can be reused. */
  dump(): Promise<void>;
}

/** One outgoing call. */
export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  /** Our provider id, for error attribution. */
  provider: string;
}

/** Anything that can perform an HTTP call; the router and tests may wrap it. */
export interface HttpTransport {
  send(req: HttpRequest): Promise<HttpResponse>;
}

/** Where undici sends a request: the pool's origin and the request line's path. */
interface Target {
  origin: string;
  path: string;
}

const MAX_TARGETS = 64;

let undiciModule: typeof Undici | undefined;

/**
 * undici is ~520 KB of code: required when the first client is made (first request or local
 * server probe), not at activation. The production build maps it to its own chunk (esbuild.js).
 */
function undici(): typeof Undici {
  return (undiciModule ??= require('undici') as typeof Undici);
}

/** undici-backed transport with per-origin keep-alive pools, timeouts and proxy support. */
export class HttpClient implements HttpTransport {
  private readonly dispatcher: Dispatcher;
  private readonly targets = new Map<string, Target>();
  /**
   * Settles once undici has taken back the socket of the last streamed body that ended. The next
   * send waits for it rather than the body's reader: the reader's last events then leave at once.
   */
  private returning: Promise<void> = Promise.resolve();
  readonly options: HttpOptions;

  constructor(options: Partial<HttpOptions> = {}) {
    this.options = { ...DEFAULT_HTTP_OPTIONS, ...options };
    const o = this.options;
    const base = {
      connect: { timeout: o.connectTimeoutMs },
      keepAliveTimeout: o.keepAliveMs,
      headersTimeout: o.firstByteTimeoutMs,
      bodyTimeout: o.idleTimeoutMs,
    };
    this.dispatcher = o.proxy?.url
      ? new (undici().EnvHttpProxyAgent)({
          ...base,
          httpProxy: o.proxy.url,
          httpsProxy: o.proxy.url,
          noProxy: (o.proxy.noProxy ?? []).join(','),
        })
      : new (undici().Agent)(base);
  }

  async send(req: HttpRequest): Promise<HttpResponse> {
    if (req.signal?.aborted) throw cancelled(req.provider);
    await this.returning;
    let res: Dispatcher.ResponseData;
    try {
      const opts = {
        method: req.method,
        headers: withAcceptEncoding(req.headers),
        body: req.body,
        signal: req.signal,
        headersTimeout: this.options.firstByteTimeoutMs,
        bodyTimeout: this.options.idleTimeoutMs,
      };
      // A URL seen before goes straight to the pool: undici's own entry point parses it on every call.
      const target = this.targets.get(req.url) ?? this.target(req.url);
      res = await (target
        ? this.dispatcher.request({ ...opts, origin: target.origin, path: target.path })
        : undici().request(req.url, { ...opts, dispatcher: this.dispatcher }));
    } catch (e) {
      throw toTransportError(e, req.provider, false);
    }
    const headers = plainHeaders(res.headers);
    const raw = res.body;
    // A compressed body cannot be drained for reuse without decoding it: it is read through
    // its decoder and the socket is closed if the reader stops early.
    const decoder = decoderFor(headers['content-encoding']);
    const body = decoder ? decodedBody(raw, decoder) : raw;
    return {
      status: res.statusCode,
      headers,
      body: decoder
        ? wrapDecoded(body, req.provider)
        : wrapBody(raw, req.provider, this.options.drainMs ?? 250, () => (this.returning = socketReturned())),
      async text(maxBytes = 1_000_000) {
        const chunks: Buffer[] = [];
        let n = 0;
        try {
          for await (const c of body) {
            const b = c as Buffer;
            n += b.length;
            if (n > maxBytes) {
              // The cap keeps a prefix, whatever the chunking: an error body's start still says what went wrong.
              chunks.push(b.subarray(0, b.length - (n - maxBytes)));
              body.destroy();
              break;
            }
            chunks.push(b);
          }
        } catch (e) {
          throw toTransportError(e, req.provider, false);
        }
        await socketReturned();
        return Buffer.concat(chunks).toString('utf8');
      },
      async dump() {
        if (decoder) {
          body.destroy();
          return;
        }
        await raw.dump().catch(() => undefined);
        await socketReturned();
      },
    };
  }

  /**
   * The origin and path of an http(s) URL, remembered for the next call to it. Undefined for
   * anything else, which undici's own entry point then refuses with its usual error.
   */
  private target(url: string): Target | undefined {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return undefined;
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    // Request URLs name a handful of hosts and models; a bound keeps a long session's map small.
    if (this.targets.size >= MAX_TARGETS) this.targets.clear();
    const t = { origin: u.origin, path: u.search ? `${u.pathname}${u.search}` : u.pathname };
    this.targets.set(url, t);
    return t;
  }

  /** Closes pooled connections. */
  async close(): Promise<void> {
    await this.dispatcher.close().catch(() => undefined);
  }
}

async function* wrapBody(
  body: Dispatcher.ResponseData['body'],
  provider: string,
  drainMs: number,
  onDone: () => void,
): AsyncGenerator<Uint8Array> {
  let bytes = 0;
  let ended = false;
  try {
    // Not destroyed on early return: a reader that stops at a protocol terminator ([DONE])
    // usually leaves only the chunked-encoding trailer, and draining it keeps the
    // keep-alive connection (and its TLS session) for the next request.
    for await (const c of body.iterator({ destroyOnReturn: false })) {
      bytes += (c as Uint8Array).length;
      yield c as Uint8Array;
    }
    ended = true;
  } catch (e) {
    ended = true;
    // Whether output had started is known only to the adapter, which re-marks the error.
    throw toTransportError(e, provider, false);
  } finally {
    if (!ended) await drainForReuse(body, bytes, drainMs);
    onDone();
  }
}

/**
 * undici returns the socket to its pool a tick after the body ends; without this wait, a caller
 * that fires its next request at once (a retry after an error body) opens a second connection.
 */
function socketReturned(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * Response headers as one string per name. undici already lower-cases the names; only repeated
 * headers (arrays) need joining, so its object is kept rather than copied.
 */
function plainHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  for (const k in raw) {
    const v = raw[k];
    if (typeof v === 'string') continue;
    if (v === undefined) delete raw[k];
    else raw[k] = Array.isArray(v) ? v.join(', ') : String(v);
  }
  return raw as Record<string, string>;
}

/** Adds the encodings the official SDKs accept, unless the caller chose its own. */
function withAcceptEncoding(headers: Record<string, string>): Record<string, string> {
  for (const k of Object.keys(headers)) if (k.toLowerCase() === 'accept-encoding') return headers;
  return { ...headers, 'accept-encoding': ACCEPT_ENCODING };
}

async function* wrapDecoded(body: NodeJS.ReadableStream & { destroy(): void }, provider: string): AsyncGenerator<Uint8Array> {
  try {
    for await (const c of body) yield c as Uint8Array;
  } catch (e) {
    throw toTransportError(e, provider, false);
  } finally {
    body.destroy();
  }
}

/** Reads what is left of an abandoned body (bounded in bytes and time), so undici can reuse the socket. */
async function drainForReuse(body: Dispatcher.ResponseData['body'], bytesSoFar: number, drainMs: number): Promise<void> {
  if (body.destroyed) return;
  // A plain timer, not AbortSignal.timeout: this runs once per request and the latter is far costlier.
  const timer = setTimeout(() => body.destroy(), drainMs);
  try {
    await body.dump({ limit: bytesSoFar + 256 * 1024 });
  } catch {
    // Destroyed or failed: undici then closes the socket instead of reusing it, which is fine.
  } finally {
    clearTimeout(timer);
  }
}

function cancelled(provider: string): ProviderError {
  return new ProviderError({ category: 'cancelled', provider, message: 'Request cancelled.', retryable: false });
}

/** Maps undici and socket failures to typed errors. */
export function toTransportError(e: unknown, provider: string, outputStarted: boolean): ProviderError {
  if (e instanceof ProviderError) return e.withOutputStarted(outputStarted || e.outputStarted);
  const err = e as { name?: string; code?: string; message?: string; cause?: { code?: string } };
  const code = err?.code ?? err?.cause?.code;
  if (err?.name === 'AbortError' || code === 'UND_ERR_ABORTED' || code === 'ABORT_ERR') {
    return new ProviderError({ category: 'cancelled', provider, message: 'Request cancelled.', retryable: false, outputStarted, cause: e });
  }
  const timeouts: Record<string, string> = {
    UND_ERR_CONNECT_TIMEOUT: 'Connecting timed out',
    UND_ERR_HEADERS_TIMEOUT: 'No response before the first-byte timeout',
    UND_ERR_BODY_TIMEOUT: 'The stream went silent longer than the idle timeout',
  };
  if (code && timeouts[code]) {
    return new ProviderError({ category: 'timeout', provider, message: `${timeouts[code]} (${provider}).`, outputStarted, code, cause: e });
  }
  return new ProviderError({
    category: 'network',
    provider,
    message: `Network error talking to ${provider}: ${code ?? err?.message ?? 'unknown'}.`,
    outputStarted,
    code,
    cause: e,
  });
}
