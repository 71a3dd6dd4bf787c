// The local gateway: an HTTP server on 127.0.0.1 that speaks the OpenAI and Anthropic APIs and
// sends every request through the engine. Security checks run before any body is read.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Engine } from '../core/engine';
import type { Logger } from '../core/platform';
import type { ModelRef } from '../core/router/types';
import { sendAnthropicError } from './anthropic/errors';
import { BodyError, readJsonBody } from './body';
import { clientName } from './client-name';
import { chatCompletions, countTokens, listModels, messages, responses, type HandlerContext } from './handlers';
import { UnknownFieldWarner } from './lenient';
import { sendOpenAIError } from './openai/errors';
import { GatewayRequestError } from './request-error';
import { checkRequest } from './security';

/** Bounds that keep one slow or greedy client from holding the server. */
export interface GatewayLimits {
  maxBodyBytes: number;
  maxConcurrent: number;
  /** Time to receive the request headers. */
  headersTimeoutMs: number;
  /** Time to receive the whole request (headers and body); answers may stream for longer. */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open. */
  keepAliveTimeoutMs: number;
}

const DEFAULT_LIMITS: GatewayLimits = {
  maxBodyBytes: 32 * 1024 * 1024,
  maxConcurrent: 256,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 60_000,
  keepAliveTimeoutMs: 5_000,
};

/** What the gateway is built from. */
interface GatewayOptions {
  engine: Engine;
  /** The secret clients must present. */
  token: string;
  /** 0 picks any free port. */
  port: number;
  logger: Logger;
  /** Removes keys (and the token) from any text that leaves the gateway. */
  redact(text: string): string;
  /** Named fallback chains from settings, read per request. */
  fallbackChains?(): Readonly<Record<string, readonly ModelRef[]>>;
  limits?: Partial<GatewayLimits>;
}

/** A running gateway. */
export interface Gateway {
  readonly port: number;
  readonly url: string;
  /** Requests routed since start (for the status bar). */
  readonly requestCount: number;
  close(): Promise<void>;
}

type Family = 'openai' | 'anthropic';

/** Starts the gateway on 127.0.0.1 only. */
export async function startGateway(o: GatewayOptions): Promise<Gateway> {
  const limits = { ...DEFAULT_LIMITS, ...o.limits };
  const warner = new UnknownFieldWarner((m) => o.logger.warn(m));
  const redact = (t: string) => o.redact(t).split(o.token).join('[token]');
  let active = 0;
  let routed = 0;
  let port = 0;
  const server = http.createServer((req, res) => {
    res.on('error', () => undefined); // a write after the client left is not an error of ours
    active++;
    res.on('close', () => active--);
    void handle(req, res).catch((e: unknown) => {
      o.logger.error(`Gateway: ${redact(String(e))}`);
      if (!res.headersSent) sendOpenAIError(res, 500, 'Internal gateway error.');
      else res.end();
    });
  });
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  // Streams may be silent for minutes while a model thinks; the engine's own timeouts bound that.
  server.timeout = 0;

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const started = Date.now();
    const url = new URL(req.url ?? '/', 'http://gateway');
    const family: Family = url.pathname.startsWith('/v1/messages') ? 'anthropic' : 'openai';
    const fail = (status: number, message: string, headers: Record<string, string> = {}, code?: string, param?: string) =>
      family === 'anthropic'
        ? sendAnthropicError(res, status, message, headers)
        : sendOpenAIError(res, status, message, code, param, headers);
    const client = clientName(req.headers['user-agent']);
    res.on('finish', () =>
      o.logger.info(`Gateway: ${req.method} ${url.pathname} ${res.statusCode}${client ? ` ${client}` : ''} ${Date.now() - started} ms`),
    );
    const refusal = checkRequest(req.headers, port, o.token);
    if (refusal) {
      req.resume();
      return fail(refusal.status, refusal.message);
    }
    if (active > limits.maxConcurrent) {
      req.resume();
      return fail(503, `The gateway is busy (${limits.maxConcurrent} requests in flight). Retry shortly.`, { 'retry-after': '1' });
    }
    const ctrl = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) ctrl.abort(new Error('client closed the connection'));
    });
    const ctx: HandlerContext = {
      engine: o.engine,
      chains: o.fallbackChains ?? (() => ({})),
      redact,
      onUnknown: (p, f) => warner.report(p, f),
      client,
      signal: ctrl.signal,
    };
    const endpoint = `${req.method} ${url.pathname.replace(/\/+$/, '')}`;
    try {
      if (endpoint === 'GET /v1/models') return listModels(req, res, ctx);
      const handler =
        endpoint === 'POST /v1/chat/completions'
          ? chatCompletions
          : endpoint === 'POST /v1/messages'
            ? messages
            : endpoint === 'POST /v1/messages/count_tokens'
              ? countTokens
              : endpoint === 'POST /v1/responses'
                ? responses
                : undefined;
      if (!handler) {
        req.resume();
        return fail(
          404,
          `No such endpoint: ${endpoint}. The gateway serves POST /v1/chat/completions, POST /v1/responses, GET /v1/models, POST /v1/messages and POST /v1/messages/count_tokens.`,
        );
      }
      const body = await readJsonBody(req, limits.maxBodyBytes);
      if (handler !== countTokens) routed++;
      await handler(body, res, ctx);
    } catch (e) {
      if (e instanceof BodyError) {
        // The rest of an oversized body is not read; the connection is closed after the answer.
        if (e.status === 413) res.setHeader('connection', 'close');
        return fail(e.status, e.message);
      }
      if (e instanceof GatewayRequestError) return fail(e.status, e.message, {}, e.code, e.param);
      throw e;
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    get requestCount() {
      return routed;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
