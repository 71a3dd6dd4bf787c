// Simulator for the OpenAI-compatible protocol family: scenario builders in real wire format,
// and a Router serving `<any prefix>/chat/completions` and `<any prefix>/models`.
//
// Picking a scenario (so router/UI tests and demos share one server):
//   - request header `x-sim-scenario: <name>`, or
//   - model `sim/<name>` (e.g. `sim/fault-503`, `sim/openrouter`), or
//   - any other model → `echo` (streams back the last user message).
// Names: text, echo, usage-last-chunk, usage-none, openrouter, reasoning, reasoning-openrouter,
// length, content-filter, finish-no-done, no-terminator, split-utf8, crlf, slow, stall, reset,
// malformed, mid-stream-error, mid-stream-overloaded, error-before-output (a 200, then an in-band error
// before any output), fault-401, fault-402, fault-403, fault-404, fault-408,
// fault-context, fault-429, fault-429-ms, fault-429-reset, fault-500, fault-502-html, fault-503, fault-529,
// gzip, deflate, br (the text answer content-encoded), json-answer (`stream: true` ignored),
// oversized-event (`data: ` and then 1 MiB with no newline, left open),
// and the tool-call streams of ./tool-scenarios.ts.
// `text`/`echo` honour `stream_options.include_usage` as OpenAI does (usage chunk only when asked).
import type { RecordedRequest, Router, Scenario, Step } from './server';
import { chunked, compressed, htmlError, jsonError, SSE_HEADERS } from './server';
import {
  chunk,
  CONTEXT_LENGTH_BODY,
  DEFAULT_SIM_USAGE,
  deltaChoice,
  frames,
  midStreamErrorChunk,
  MODERATION_BODY,
  RATE_LIMIT_BODY,
  unauthorizedBody,
  wireUsage,
  type ChunkHeader,
  type SimUsage,
} from './openai-wire';
import { openaiToolScenarios } from './openai-tools';

/** How a text scenario reports usage. */
export type UsageStyle = 'final-chunk' | 'last-content-chunk' | 'none';

/** Options of a streamed answer. */
export interface TextStreamOptions {
  pieces: string[];
  reasoning?: string[];
  reasoningField?: 'reasoning_content' | 'reasoning';
  usage?: UsageStyle;
  usageNumbers?: SimUsage;
  finishReason?: string;
  model?: string;
  id?: string;
  provider?: string;
  /** SSE comments sent before the first chunk (OpenRouter's `OPENROUTER PROCESSING`). */
  comments?: string[];
  crlf?: boolean;
  /** Send `data: [DONE]` (default true). */
  done?: boolean;
  /** Omit the finish_reason chunk (a cut-off stream). */
  noFinish?: boolean;
  /** Re-split the body into writes of this many bytes (straddles UTF-8 and SSE lines). */
  chunkBytes?: number;
  /** Delay between chunks (slow drip). */
  delayMs?: number;
  headers?: Record<string, string>;
}

/** The chunk objects of a streamed answer, before serialization. */
export function textChunks(o: TextStreamOptions): unknown[] {
  const h: ChunkHeader = { id: o.id ?? 'chatcmpl-sim-1', model: o.model ?? 'sim-model', created: 1_760_000_000, provider: o.provider };
  const usage = wireUsage(o.usageNumbers ?? DEFAULT_SIM_USAGE);
  const style = o.usage ?? 'final-chunk';
  const nullUsage = style === 'final-chunk' ? { usage: null } : {};
  const out: unknown[] = [chunk(h, [deltaChoice({ role: 'assistant', content: '' })], nullUsage)];
  const rf = o.reasoningField ?? 'reasoning_content';
  for (const r of o.reasoning ?? []) out.push(chunk(h, [deltaChoice({ content: null, [rf]: r })], nullUsage));
  const pieces = o.pieces;
  pieces.forEach((p, i) => {
    const last = i === pieces.length - 1;
    const finishHere = last && style === 'last-content-chunk' && !o.noFinish;
    out.push(chunk(h, [deltaChoice({ content: p }, finishHere ? (o.finishReason ?? 'stop') : null)], finishHere ? { usage } : nullUsage));
  });
  if (style !== 'last-content-chunk' && !o.noFinish) out.push(chunk(h, [deltaChoice({}, o.finishReason ?? 'stop')], nullUsage));
  if (style === 'final-chunk' && !o.noFinish) out.push(chunk(h, [], { usage }));
  return out;
}

/** A streamed answer as a scenario. */
export function textStream(o: TextStreamOptions): Scenario {
  const objs = textChunks(o);
  const headers = { ...SSE_HEADERS, 'x-request-id': 'req_sim_1', ...(o.headers ?? {}) };
  let steps: Step[];
  if (o.chunkBytes) steps = chunked(frames(objs, { done: o.done, crlf: o.crlf, comments: o.comments }), o.chunkBytes, o.delayMs ?? 0);
  else {
    steps = [];
    if (o.comments?.length) steps.push({ kind: 'write', data: frames([], { done: false, crlf: o.crlf, comments: o.comments }) });
    objs.forEach((obj, i) => {
      if (o.delayMs && i > 0) steps.push({ kind: 'delay', ms: o.delayMs });
      steps.push({ kind: 'write', data: frames([obj], { done: false, crlf: o.crlf }) });
    });
    if (o.done !== false) steps.push({ kind: 'write', data: frames([], { crlf: o.crlf }) });
  }
  return { status: 200, headers, steps };
}

/** Default answer pieces. */
export const SIM_PIECES = ['Hello', ' from', ' the', ' simulator', '.'];
/** Text with multi-byte characters, for boundary tests. */
export const UTF8_PIECES = ['Grüße ', '日本語 ', '🚀🌍', ' naïve café'];
const SIM_USAGE_OPENROUTER: SimUsage = {
  prompt: 20,
  completion: 7,
  cached: 8,
  cacheWrite: 3,
  reasoning: 2,
  cost: 0.000123,
  upstreamCost: 0.0001,
};

/** Scenario builders, by concern. */
export const openaiScenarios = {
  text: textStream,
  /** OpenRouter style: processing comments, `provider` field, usage with cost and cache writes. */
  openrouter: (o: Partial<TextStreamOptions> = {}) =>
    textStream({
      pieces: SIM_PIECES,
      provider: 'SimCloud',
      model: 'openai/gpt-sim',
      comments: ['OPENROUTER PROCESSING', 'OPENROUTER PROCESSING'],
      usageNumbers: SIM_USAGE_OPENROUTER,
      ...o,
    }),
  reasoning: (field: 'reasoning_content' | 'reasoning' = 'reasoning_content', o: Partial<TextStreamOptions> = {}) =>
    textStream({
      pieces: ['42', '.'],
      reasoning: ['Let me ', 'think.'],
      reasoningField: field,
      usageNumbers: { prompt: 9, completion: 30, reasoning: 25 },
      ...o,
    }),
  /** Mid-stream error after some text (OpenRouter shape, HTTP 200). */
  midStreamError: (pieces = ['Partial', ' answer'], code: string | number = 'server_error', errorType?: string): Scenario => {
    const h: ChunkHeader = { id: 'gen-sim-err', model: 'openai/gpt-sim', created: 1_760_000_000, provider: 'SimCloud' };
    const objs = [
      chunk(h, [deltaChoice({ role: 'assistant', content: '' })]),
      ...pieces.map((p) => chunk(h, [deltaChoice({ content: p })])),
      midStreamErrorChunk(h, code, 'Provider disconnected unexpectedly', errorType),
    ];
    return { status: 200, headers: SSE_HEADERS, steps: [{ kind: 'write', data: frames(objs, { done: false }) }] };
  },
  /** Some text, then the socket is reset. */
  reset: (pieces = ['Partial', ' answer']): Scenario => ({
    ...textStream({ pieces, noFinish: true, done: false }),
    steps: [...textStream({ pieces, noFinish: true, done: false }).steps, { kind: 'delay', ms: 5 }, { kind: 'reset' }],
  }),
  /** Some text, then silence with the socket open. */
  stall: (pieces = ['Partial']): Scenario => ({
    ...textStream({ pieces, noFinish: true, done: false }),
    steps: [...textStream({ pieces, noFinish: true, done: false }).steps, { kind: 'stall' }],
  }),
  /** A chunk that is not JSON. */
  malformed: (): Scenario => ({
    status: 200,
    headers: SSE_HEADERS,
    steps: [
      {
        kind: 'write',
        data: frames([textChunks({ pieces: ['ok'] })[1]], { done: false }) + 'data: {"id":"x","choices":[{"delta":{"content":"bro\n\n',
      },
    ],
  }),
  /** `data: ` and then `bytes` bytes with no newline, written in 16 KiB pieces, and the socket left open. */
  oversizedEvent: (bytes = 1024 * 1024): Scenario => {
    const piece = 'x'.repeat(16 * 1024);
    const steps: Step[] = [{ kind: 'write', data: 'data: ' }];
    for (let n = 0; n < bytes; n += piece.length) steps.push({ kind: 'write', data: piece });
    return { status: 200, headers: SSE_HEADERS, steps: [...steps, { kind: 'stall' }] };
  },
  /** A host that ignores `stream: true` and answers with one `chat.completion` object. */
  jsonAnswer: (o: { text?: string; finishReason?: string; model?: string; usage?: SimUsage } = {}): Scenario => ({
    status: 200,
    headers: { 'content-type': 'application/json', 'x-request-id': 'req_sim_json' },
    steps: [
      {
        kind: 'write',
        data: JSON.stringify({
          id: 'chatcmpl-sim-json',
          object: 'chat.completion',
          created: 1_760_000_000,
          model: o.model ?? 'sim-model',
          choices: [
            { index: 0, message: { role: 'assistant', content: o.text ?? SIM_PIECES.join('') }, finish_reason: o.finishReason ?? 'stop' },
          ],
          usage: wireUsage(o.usage ?? DEFAULT_SIM_USAGE),
        }),
      },
    ],
  }),
  unauthorized: (key = 'sk-unknown') => jsonError(401, unauthorizedBody(key)),
  paymentRequired: () =>
    jsonError(402, { error: { code: 402, message: 'Insufficient credits. Add more using https://openrouter.ai/credits' } }),
  moderation: () => jsonError(403, MODERATION_BODY),
  notFound: (model = 'sim/nope') =>
    jsonError(404, {
      error: {
        message: `The model \`${model}\` does not exist or you do not have access to it.`,
        type: 'invalid_request_error',
        param: null,
        code: 'model_not_found',
      },
    }),
  requestTimeout: () => jsonError(408, { error: { code: 408, message: 'Request timed out upstream' } }),
  contextTooLong: () => jsonError(400, CONTEXT_LENGTH_BODY),
  rateLimited: (retryAfterS = 2) =>
    jsonError(429, RATE_LIMIT_BODY, { 'retry-after': String(retryAfterS), 'x-ratelimit-remaining-requests': '0' }),
  rateLimitedMs: (ms = 1800) =>
    jsonError(429, RATE_LIMIT_BODY, {
      'retry-after-ms': String(ms),
      'x-ratelimit-limit-requests': '500',
      'x-ratelimit-remaining-requests': '499',
      'x-ratelimit-limit-tokens': '30000',
      'x-ratelimit-remaining-tokens': '0',
      'x-ratelimit-reset-requests': '120ms',
      'x-ratelimit-reset-tokens': '1.8s',
    }),
  /** A 429 with no retry-after at all: only the rate-limit headers say when to come back. */
  rateLimitedResetOnly: () =>
    jsonError(429, RATE_LIMIT_BODY, {
      'x-ratelimit-limit-requests': '500',
      'x-ratelimit-remaining-requests': '10',
      'x-ratelimit-reset-requests': '1s',
      'x-ratelimit-limit-tokens': '30000',
      'x-ratelimit-remaining-tokens': '0',
      'x-ratelimit-reset-tokens': '6m0s',
    }),
  serverError: () =>
    jsonError(500, {
      error: {
        message: 'The server had an error while processing your request. Sorry about that!',
        type: 'server_error',
        param: null,
        code: null,
      },
    }),
  badGatewayHtml: () => htmlError(502),
  unavailable: () =>
    jsonError(
      503,
      {
        error: { code: 503, message: 'No instances available', metadata: { error_type: 'provider_overloaded', provider_name: 'SimCloud' } },
      },
      { 'retry-after': '1' },
    ),
  overloaded: () => jsonError(529, { error: { message: 'Overloaded', type: 'overloaded_error', param: null, code: null } }),
};

function lastUserText(req: RecordedRequest): string {
  const msgs = (req.body as { messages?: { role: string; content: unknown }[] } | undefined)?.messages ?? [];
  const m = [...msgs].reverse().find((x) => x.role === 'user');
  if (!m) return '';
  return typeof m.content === 'string'
    ? m.content
    : Array.isArray(m.content)
      ? m.content.map((p: { text?: string }) => p.text ?? '').join('')
      : '';
}

function wantsUsage(req: RecordedRequest): boolean {
  return (req.body as { stream_options?: { include_usage?: boolean } } | undefined)?.stream_options?.include_usage === true;
}

function modelOf(req: RecordedRequest): string {
  return String((req.body as { model?: unknown } | undefined)?.model ?? 'sim-model');
}

/** A named scenario is built per request so it can honour the request (model, include_usage). */
export type NamedScenario = (req: RecordedRequest) => Scenario;

/** Every scenario reachable by name (model `sim/<name>` or header `x-sim-scenario`). */
export const OPENAI_SIM_SCENARIOS: Record<string, NamedScenario> = {
  text: (r) => textStream({ pieces: SIM_PIECES, model: modelOf(r), usage: wantsUsage(r) ? 'final-chunk' : 'none' }),
  echo: (r) =>
    textStream({
      pieces: `You said: ${lastUserText(r)}`.match(/\S+\s*|\s+/g) ?? [''],
      model: modelOf(r),
      usage: wantsUsage(r) ? 'final-chunk' : 'none',
    }),
  'usage-last-chunk': (r) => textStream({ pieces: SIM_PIECES, model: modelOf(r), usage: 'last-content-chunk' }),
  'usage-none': (r) => textStream({ pieces: SIM_PIECES, model: modelOf(r), usage: 'none' }),
  openrouter: () => openaiScenarios.openrouter(),
  reasoning: () => openaiScenarios.reasoning('reasoning_content'),
  'reasoning-openrouter': () => openaiScenarios.reasoning('reasoning', { provider: 'SimCloud' }),
  length: (r) => textStream({ pieces: ['Cut', ' short'], model: modelOf(r), finishReason: 'length' }),
  'content-filter': (r) => textStream({ pieces: ['I cannot'], model: modelOf(r), finishReason: 'content_filter' }),
  'finish-no-done': (r) => textStream({ pieces: SIM_PIECES, model: modelOf(r), done: false }),
  'no-terminator': (r) => textStream({ pieces: SIM_PIECES, model: modelOf(r), noFinish: true, done: false }),
  'split-utf8': (r) => textStream({ pieces: UTF8_PIECES, model: modelOf(r), chunkBytes: 3 }),
  crlf: (r) => textStream({ pieces: SIM_PIECES, model: modelOf(r), crlf: true, comments: ['keep-alive'] }),
  slow: (r) => textStream({ pieces: SIM_PIECES, model: modelOf(r), delayMs: 40 }),
  stall: () => openaiScenarios.stall(),
  reset: () => openaiScenarios.reset(),
  malformed: () => openaiScenarios.malformed(),
  'mid-stream-error': () => openaiScenarios.midStreamError(),
  'mid-stream-overloaded': () => openaiScenarios.midStreamError(['Partial'], 502, 'provider_overloaded'),
  'error-before-output': () => openaiScenarios.midStreamError([]),
  'fault-401': (r) => openaiScenarios.unauthorized(String(r.headers.authorization ?? '').replace(/^Bearer\s+/i, '') || 'sk-missing'),
  'fault-402': () => openaiScenarios.paymentRequired(),
  'fault-403': () => openaiScenarios.moderation(),
  'fault-404': (r) => openaiScenarios.notFound(modelOf(r)),
  'fault-408': () => openaiScenarios.requestTimeout(),
  'fault-context': () => openaiScenarios.contextTooLong(),
  'fault-429': () => openaiScenarios.rateLimited(2),
  'fault-429-ms': () => openaiScenarios.rateLimitedMs(1800),
  'fault-429-reset': () => openaiScenarios.rateLimitedResetOnly(),
  'fault-500': () => openaiScenarios.serverError(),
  'fault-502-html': () => openaiScenarios.badGatewayHtml(),
  'fault-503': () => openaiScenarios.unavailable(),
  'fault-529': () => openaiScenarios.overloaded(),
  gzip: (r) => compressed(textStream({ pieces: UTF8_PIECES, model: modelOf(r) }), 'gzip'),
  deflate: (r) => compressed(textStream({ pieces: UTF8_PIECES, model: modelOf(r) }), 'deflate'),
  br: (r) => compressed(textStream({ pieces: UTF8_PIECES, model: modelOf(r) }), 'br'),
  'json-answer': (r) => openaiScenarios.jsonAnswer({ model: modelOf(r) }),
  'oversized-event': () => openaiScenarios.oversizedEvent(),
};

/** Models `GET …/models` lists: the default plus every `sim/<name>`. */
export function simModelList(): unknown {
  const names = Object.keys(OPENAI_SIM_SCENARIOS);
  return {
    object: 'list',
    data: [
      {
        id: 'sim-model',
        object: 'model',
        created: 1_760_000_000,
        owned_by: 'switchboard-sim',
        context_length: 128_000,
        top_provider: { max_completion_tokens: 16_384 },
      },
      ...names.map((n) => ({
        id: `sim/${n}`,
        object: 'model',
        created: 1_760_000_000,
        owned_by: 'switchboard-sim',
        context_window: 32_768,
      })),
    ],
  };
}

/** Options of the router. */
export interface OpenAIRouterOptions {
  /** Extra or replacement scenarios by name. */
  scenarios?: Record<string, NamedScenario>;
  /** Scenario for models that name none (default `echo`). */
  fallback?: string;
}

/** A Router for SimServer speaking the OpenAI-compatible API under any path prefix. */
export function openaiRouter(opts: OpenAIRouterOptions = {}): Router {
  const table = { ...OPENAI_SIM_SCENARIOS, ...openaiToolScenarios(), ...(opts.scenarios ?? {}) };
  return (req) => {
    if (req.method === 'GET' && /\/models\/?$/.test(req.path)) {
      return {
        status: 200,
        headers: { 'content-type': 'application/json' },
        steps: [{ kind: 'write', data: JSON.stringify(simModelList()) }],
      };
    }
    if (req.method !== 'POST' || !/\/chat\/completions\/?$/.test(req.path)) return undefined;
    const header = req.headers['x-sim-scenario'];
    const model = modelOf(req);
    const name = (typeof header === 'string' && header) || (model.startsWith('sim/') ? model.slice(4) : (opts.fallback ?? 'echo'));
    const build = table[name];
    if (!build) return openaiScenarios.notFound(model);
    return build(req);
  };
}
