// Responses answers: a whole `response` object, or the event stream (response.created,
// response.in_progress, the items' events, then response.completed, response.incomplete or
// response.failed). Headers go out with the first output, so an error before it is a plain
// HTTP error in OpenAI's shape, which the SDK raises as its own error class.
import type { ServerResponse } from 'node:http';
import type { FinishReason, Usage } from '../../core/types';
import { costComment, sendJson, sseFrame, startSse, tickBatchedWriter } from '../http-util';
import { newId } from '../ids';
import { sendOpenAIProviderError } from '../openai/errors';
import type { RouteRun } from '../route-run';
import { OutputItems, type Emit } from './output';
import type { ResponseEcho } from './request';

/** What both answer forms need besides the run. */
interface ResponsesAnswer {
  model: string;
  echo: ResponseEcho;
  customTools: ReadonlySet<string>;
  encryptedReasoning: boolean;
  /** Request fields left out; named in a header, since the response object has no place for them. */
  warnings: readonly string[];
  redact(text: string): string;
}

/** Responses' usage; `input_tokens` includes cached tokens, as the core's `inputTokens` does. */
function responsesUsage(u: Usage | undefined): Record<string, unknown> {
  const x = u ?? { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };
  return {
    input_tokens: x.inputTokens,
    input_tokens_details: { cached_tokens: x.cacheReadTokens },
    output_tokens: x.outputTokens,
    output_tokens_details: { reasoning_tokens: x.reasoningTokens },
    total_tokens: x.inputTokens + x.outputTokens,
  };
}

type Status = 'in_progress' | 'completed' | 'incomplete' | 'failed';

/** Why an answer stopped short, in Responses' words; undefined when it did not. */
function incompleteReason(r: FinishReason | undefined): string | undefined {
  if (r === 'length') return 'max_output_tokens';
  if (r === 'content_filter') return 'content_filter';
  return undefined;
}

function responseObject(
  a: ResponsesAnswer,
  head: { id: string; created: number },
  status: Status,
  output: unknown[],
  more: { usage?: Usage; error?: { code: string; message: string }; incomplete?: string } = {},
): Record<string, unknown> {
  return {
    id: head.id,
    object: 'response',
    created_at: head.created,
    status,
    background: false,
    error: more.error ?? null,
    incomplete_details: more.incomplete ? { reason: more.incomplete } : null,
    model: a.model,
    output,
    previous_response_id: null,
    truncation: 'disabled',
    usage: status === 'in_progress' ? null : responsesUsage(more.usage),
    user: null,
    metadata: {},
    ...a.echo,
    // Nothing is kept here, whatever the client asked.
    store: false,
  };
}

function headersOf(run: RouteRun, a: ResponsesAnswer, whole: boolean): Record<string, string> {
  const h = whole
    ? run.headers()
    : { 'x-switchboard-attempts': String(run.attemptsMade + 1), ...(run.provider ? { 'x-switchboard-provider': run.provider } : {}) };
  const warned = [...new Set([...a.warnings, ...run.warnings.map((w) => w.parameter)].map(headerSafe))];
  if (warned.length) h['x-switchboard-warnings'] = warned.join(', ').slice(0, MAX_WARNINGS_HEADER);
  return h;
}

const MAX_WARNINGS_HEADER = 2_000;

/** Field names come from the client's body: only characters a header may hold, and no separators of ours. */
function headerSafe(name: string): string {
  return name.replace(/[^\w.[\]-]/g, '_').slice(0, 100);
}

const head = () => ({ id: newId('resp_'), created: Math.floor(Date.now() / 1000) });

/** A whole `response`, or the error the route ended on. */
export async function answerWhole(res: ServerResponse, run: RouteRun, a: ResponsesAnswer): Promise<void> {
  const out = new OutputItems(() => undefined, a);
  for await (const d of run.output()) out.add(d);
  out.finish();
  if (run.error) return sendOpenAIProviderError(res, run.error, a.redact(run.error.message), headersOf(run, a, true));
  const incomplete = incompleteReason(run.finish);
  const body = responseObject(a, head(), incomplete ? 'incomplete' : 'completed', out.items, { usage: run.usage, incomplete });
  sendJson(res, 200, body, headersOf(run, a, true));
}

/** The event stream of a response. */
export async function answerStream(res: ServerResponse, run: RouteRun, a: ResponsesAnswer): Promise<void> {
  const h = head();
  const { write, end } = tickBatchedWriter(res);
  let seq = 0;
  const emit: Emit = (type, fields) => write(sseFrame({ type, sequence_number: seq++, ...fields }, type));
  const out = new OutputItems(emit, a);
  let started = false;
  const start = () => {
    started = true;
    startSse(res, headersOf(run, a, false));
    const response = responseObject(a, h, 'in_progress', []);
    emit('response.created', { response });
    emit('response.in_progress', { response });
  };
  for await (const d of run.output()) {
    if (!started) start();
    out.add(d);
  }
  if (!started && run.error) return sendOpenAIProviderError(res, run.error, a.redact(run.error.message), headersOf(run, a, true));
  if (!started) start();
  out.finish();
  if (run.error) {
    const error = { code: run.error.code ?? run.error.category, message: a.redact(run.error.message) };
    emit('response.failed', { response: responseObject(a, h, 'failed', out.items, { usage: run.usage, error }) });
  } else {
    const incomplete = incompleteReason(run.finish);
    const status = incomplete ? 'incomplete' : 'completed';
    emit(`response.${status}`, { response: responseObject(a, h, status, out.items, { usage: run.usage, incomplete }) });
  }
  end(costComment(run.headers()));
}
