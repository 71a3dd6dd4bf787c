// Loopback HTTP server that plays scripted scenarios byte for byte, faults included.
// Each protocol family adds its own scenario builders on top (test/sim/<family>.ts).
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import * as zlib from 'node:zlib';

/** One step of a scripted response body. */
export type Step =
  | { kind: 'write'; data: string | Buffer }
  | { kind: 'delay'; ms: number }
  /** Destroys the socket abruptly (RST), as a crashed upstream would. */
  | { kind: 'reset' }
  /** Stops writing but keeps the socket open until the client gives up. */
  | { kind: 'stall' }
  /**
   * Lets the event loop turn once, so the client reads what was written before the next write
   * (writes in one turn reach it as one chunk, and a split would exist on paper only).
   */
  | { kind: 'tick' };

/** A scripted response. The body ends cleanly after the last step unless a step says otherwise. */
export interface Scenario {
  status: number;
  headers?: Record<string, string>;
  steps: Step[];
  /** Delay before the status line is sent (first-byte latency). */
  headerDelayMs?: number;
}

/** A request as the simulator saw it. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  rawBody: string;
}

/** Chooses a scenario for a request; undefined means 404. */
export type Router = (req: RecordedRequest) => Scenario | Promise<Scenario> | undefined;

/** A running simulator. */
export class SimServer {
  readonly requests: RecordedRequest[] = [];
  /** How many responses were cut short because the client closed the connection. */
  clientAborts = 0;
  /** How many TCP connections were accepted (to prove keep-alive reuse and zero-attempt routing). */
  connections = 0;
  private readonly sockets = new Set<Socket>();
  private abortWaiters: (() => void)[] = [];

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
  ) {}

  /** Starts a server on 127.0.0.1 with an ephemeral port. */
  static async start(route: Router): Promise<SimServer> {
    let self!: SimServer;
    const server = http.createServer((req, res) => void self.handle(req, res, route));
    server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    self = new SimServer(server, `http://127.0.0.1:${port}`);
    server.on('connection', (s) => {
      self.connections++;
      self.sockets.add(s);
      s.on('close', () => self.sockets.delete(s));
    });
    return self;
  }

  /** Resolves when the next client abort is observed. */
  waitForClientAbort(timeoutMs = 5_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('no client abort observed')), timeoutMs);
      this.abortWaiters.push(() => {
        clearTimeout(t);
        resolve();
      });
    });
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse, route: Router): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    let body: unknown = undefined;
    try {
      body = rawBody ? JSON.parse(rawBody) : undefined;
    } catch {
      body = rawBody;
    }
    const u = new URL(req.url ?? '/', 'http://sim');
    const rec: RecordedRequest = {
      method: req.method ?? 'GET',
      path: u.pathname,
      query: u.searchParams,
      headers: req.headers,
      body,
      rawBody,
    };
    this.requests.push(rec);
    const scenario = (await route(rec)) ?? {
      status: 404,
      headers: { 'content-type': 'application/json' },
      steps: [{ kind: 'write', data: '{"error":{"message":"no such route in the simulator"}}' }],
    };
    let closed = false;
    res.on('close', () => {
      if (!res.writableFinished) {
        closed = true;
        this.clientAborts++;
        const w = this.abortWaiters;
        this.abortWaiters = [];
        for (const f of w) f();
      }
    });
    if (scenario.headerDelayMs) await sleep(scenario.headerDelayMs);
    if (closed) return;
    res.writeHead(scenario.status, scenario.headers ?? {});
    res.flushHeaders();
    for (const step of scenario.steps) {
      if (closed) return;
      if (step.kind === 'write') res.write(step.data);
      else if (step.kind === 'delay') await sleep(step.ms);
      else if (step.kind === 'tick') await new Promise<void>((r) => setImmediate(r));
      else if (step.kind === 'reset') {
        res.socket?.resetAndDestroy?.() ?? res.socket?.destroy();
        return;
      } else if (step.kind === 'stall') return; // leave open; the client's idle timeout or abort ends it
    }
    if (!closed) res.end();
  }
}

/** Returns a loopback URL on which nothing listens (connection refused). */
export async function refusedUrl(): Promise<string> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return `http://127.0.0.1:${port}`;
}

/** One SSE frame as it goes on the wire. */
export interface SseFrame {
  event?: string;
  data: string;
}

/** Serializes SSE frames, optionally with CRLF line endings and comment lines. */
export function sseBytes(frames: (SseFrame | { comment: string })[], opts: { crlf?: boolean } = {}): string {
  const nl = opts.crlf ? '\r\n' : '\n';
  return frames
    .map((f) => ('comment' in f ? `: ${f.comment}${nl}${nl}` : `${f.event ? `event: ${f.event}${nl}` : ''}data: ${f.data}${nl}${nl}`))
    .join('');
}

/** Splits a body into write steps of `size` bytes, so UTF-8 characters and SSE lines straddle chunks. */
export function chunked(body: string | Buffer, size: number, delayMs = 0): Step[] {
  const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const steps: Step[] = [];
  for (let i = 0; i < buf.length; i += size) {
    if (i > 0) steps.push(delayMs ? { kind: 'delay', ms: delayMs } : { kind: 'tick' });
    steps.push({ kind: 'write', data: buf.subarray(i, i + size) });
  }
  return steps;
}

/** Standard headers of an SSE response. */
export const SSE_HEADERS = { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' };

/** A JSON error response with optional extra headers. */
export function jsonError(status: number, body: unknown, headers: Record<string, string> = {}): Scenario {
  return { status, headers: { 'content-type': 'application/json', ...headers }, steps: [{ kind: 'write', data: JSON.stringify(body) }] };
}

/** A 502 HTML page as a CDN or proxy returns it. */
export function htmlError(status = 502): Scenario {
  return {
    status,
    headers: { 'content-type': 'text/html' },
    steps: [
      {
        kind: 'write',
        data: `<html><head><title>${status} Bad Gateway</title></head><body><center><h1>${status} Bad Gateway</h1></center><hr><center>cloudflare</center></body></html>`,
      },
    ],
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Content encodings a host may answer with. */
export type SimEncoding = 'gzip' | 'deflate' | 'br';

/**
 * The same response compressed as a host behind a compressing proxy sends it: the whole body
 * encoded, then written in `writeBytes` pieces so the decoder sees it in fragments.
 */
export function compressed(s: Scenario, encoding: SimEncoding, writeBytes = 7): Scenario {
  const plain = Buffer.concat(s.steps.flatMap((st) => (st.kind === 'write' ? [Buffer.from(st.data)] : [])));
  const body =
    encoding === 'gzip' ? zlib.gzipSync(plain) : encoding === 'deflate' ? zlib.deflateSync(plain) : zlib.brotliCompressSync(plain);
  return { ...s, headers: { ...(s.headers ?? {}), 'content-encoding': encoding }, steps: chunked(body, writeBytes) };
}
