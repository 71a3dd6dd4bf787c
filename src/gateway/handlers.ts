// The protocol endpoints: each validates its body, asks the engine, and answers in its client's format.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Engine, EngineRequest } from '../core/engine';
import { requestInputTokens, tokenizerModelOf } from '../core/pricing';
import type { ModelRef } from '../core/router/types';
import { anthropicCall, anthropicCountCall } from './anthropic/request';
import * as anthropic from './anthropic/respond';
import { sendJson } from './http-util';
import { modelsFor } from './model-names';
import { anthropicModelList, openaiModelList, reachableModelIds } from './models';
import { openaiChatCall } from './openai/request';
import * as openai from './openai/respond';
import { responsesCall } from './responses/request';
import * as responsesAnswer from './responses/respond';
import { RouteRun } from './route-run';
import { routedEvents } from './routed';

/** What a handler needs beyond the request. */
export interface HandlerContext {
  engine: Engine;
  chains(): Readonly<Record<string, readonly ModelRef[]>>;
  redact(text: string): string;
  onUnknown(protocol: string, fields: string[]): void;
  /** The client's name from its User-Agent. */
  client?: string;
  /** Aborted when the client goes away; passed to the engine so the upstream call is closed too. */
  signal: AbortSignal;
}

type Mapped = Omit<EngineRequest, 'models' | 'origin'> & { model: string };

function route(ctx: HandlerContext, m: Mapped): RouteRun {
  const { model, ...rest } = m;
  return new RouteRun(
    routedEvents(ctx.engine, model, ctx.chains(), { ...rest, origin: 'gateway', client: ctx.client, signal: ctx.signal }),
  );
}

/** Server tools (web search, code execution, …) run inside the Anthropic API only; they are passed over, warned once per type. */
const serverToolSkipped = (ctx: HandlerContext) => (type: string) => ctx.onUnknown('messages server tool', [type]);

/** Parameters the serving host's adapter dropped or changed, warned once per name (a busy agent repeats them). */
function reportWarnings(ctx: HandlerContext, run: RouteRun): void {
  if (run.warnings.length)
    ctx.onUnknown(
      'adapter-dropped',
      run.warnings.map((w) => w.parameter),
    );
}

/** `POST /v1/chat/completions`. */
export async function chatCompletions(body: unknown, res: ServerResponse, ctx: HandlerContext): Promise<void> {
  const { model, stream, includeUsage, ...req } = openaiChatCall(body, (f) => ctx.onUnknown('chat.completions', f));
  const run = route(ctx, { model, ...req });
  const answer = { model, includeUsage, redact: ctx.redact };
  await (stream ? openai.answerStream(res, run, answer) : openai.answerWhole(res, run, answer));
  reportWarnings(ctx, run);
}

/** `POST /v1/responses`. What was left out is logged once per field and named in `x-switchboard-warnings`. */
export async function responses(body: unknown, res: ServerResponse, ctx: HandlerContext): Promise<void> {
  const { model, stream, customTools, encryptedReasoning, echo, warnings, ...req } = responsesCall(body);
  // Agents resend their whole history each turn: one name per kind of item, not per position.
  const left = [...new Set(warnings.map((w) => w.replace(/^input\[\d+\]/, 'input[]')))];
  if (left.length) ctx.onUnknown('responses', left);
  const run = route(ctx, { model, ...req });
  const answer = { model, echo, customTools, encryptedReasoning, warnings: left, redact: ctx.redact };
  await (stream ? responsesAnswer.answerStream(res, run, answer) : responsesAnswer.answerWhole(res, run, answer));
  reportWarnings(ctx, run);
}

/** `POST /v1/messages`. */
export async function messages(body: unknown, res: ServerResponse, ctx: HandlerContext): Promise<void> {
  const { model, stream, ...req } = anthropicCall(body, (f) => ctx.onUnknown('messages', f), serverToolSkipped(ctx));
  const run = route(ctx, { model, ...req });
  const answer = { model, stopSequences: req.stopSequences, redact: ctx.redact };
  await (stream ? anthropic.answerStream(res, run, answer) : anthropic.answerWhole(res, run, answer));
  reportWarnings(ctx, run);
}

/**
 * `POST /v1/messages/count_tokens`: the input tokens the budget's pre-send estimate counts (system,
 * messages and tools), with the tokenizer family of the first endpoint the catalog knows for the model.
 */
export function countTokens(body: unknown, res: ServerResponse, ctx: HandlerContext): void {
  const c = anthropicCountCall(body, (f) => ctx.onUnknown('count_tokens', f), serverToolSkipped(ctx));
  const first = modelsFor(c.model, ctx.chains())[0];
  const endpoint = first === undefined ? undefined : ctx.engine.catalog.resolve(first)?.endpoints[0];
  sendJson(res, 200, { input_tokens: requestInputTokens(c, endpoint ? tokenizerModelOf(endpoint) : c.model) });
}

/** `GET /v1/models`, in Anthropic's shape when the client says it speaks Anthropic. */
export function listModels(req: IncomingMessage, res: ServerResponse, ctx: HandlerContext): void {
  const ids = reachableModelIds(ctx.engine, ctx.chains());
  sendJson(res, 200, req.headers['anthropic-version'] ? anthropicModelList(ids) : openaiModelList(ids));
}
