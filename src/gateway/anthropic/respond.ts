// Messages answers: whole, or streamed in Anthropic's event order (message_start,
// content_block_start/delta/stop per block, message_delta with stop_reason and usage, message_stop).
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { FinishReason, Usage } from '../../core/types';
import { costComment, sendJson, sseFrame, startSse, tickBatchedWriter } from '../http-util';
import type { RouteRun } from '../route-run';
import { anthropicErrorBody, anthropicStreamErrorType, sendAnthropicProviderError } from './errors';

/** What both answer forms need besides the run. */
export interface AnthropicAnswer {
  model: string;
  stopSequences?: string[];
  redact(text: string): string;
}

function stopReasonOf(r: FinishReason | undefined, raw: string | undefined, stops: readonly string[] | undefined): string {
  if (r === 'length') return 'max_tokens';
  if (r === 'content_filter') return 'refusal';
  if (r === 'tool_calls') return 'tool_use';
  if (raw === 'stop_sequence' || (raw && stops?.includes(raw))) return 'stop_sequence';
  return 'end_turn';
}

/** Anthropic's usage: `input_tokens` excludes cache reads and writes, which the core's `inputTokens` includes. */
export function anthropicUsage(u: Usage | undefined): Record<string, number> {
  const x = u ?? { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };
  return {
    input_tokens: Math.max(0, x.inputTokens - x.cacheReadTokens - x.cacheWriteTokens),
    output_tokens: x.outputTokens,
    cache_creation_input_tokens: x.cacheWriteTokens,
    cache_read_input_tokens: x.cacheReadTokens,
  };
}

const newId = () => `msg_${randomBytes(12).toString('hex')}`;

/** A whole `message`, or the error the route ended on. */
export async function answerWhole(res: ServerResponse, run: RouteRun, a: AnthropicAnswer): Promise<void> {
  const { text, reasoning } = await run.collect();
  if (run.error) return sendAnthropicProviderError(res, run.error, a.redact(run.error.message), run.headers());
  const content: Record<string, unknown>[] = [];
  if (reasoning) content.push({ type: 'thinking', thinking: reasoning, signature: '' });
  content.push({ type: 'text', text });
  sendJson(
    res,
    200,
    { id: newId(), type: 'message', role: 'assistant', model: a.model, content, stop_reason: stopReasonOf(run.finish, run.rawFinish, a.stopSequences), stop_sequence: null, usage: anthropicUsage(run.usage) },
    run.headers(),
  );
}

/**
 * A Messages event stream. Headers and message_start go out with the first output; an error
 * before it is a plain HTTP error. Usage is only known at the end, so message_start carries
 * zeros and message_delta the real figures (input and cache fields included, as the API's
 * message_delta may).
 */
export async function answerStream(res: ServerResponse, run: RouteRun, a: AnthropicAnswer): Promise<void> {
  const write = tickBatchedWriter(res);
  const ev = (type: string, body: Record<string, unknown>) => write(sseFrame({ type, ...body }, type));
  let started = false;
  let index = -1;
  let open: 'text' | 'reasoning' | undefined;
  const start = () => {
    started = true;
    const h: Record<string, string> = { 'x-switchboard-attempts': String(run.attemptsMade + 1) };
    if (run.provider) h['x-switchboard-provider'] = run.provider;
    startSse(res, h);
    const message = { id: newId(), type: 'message', role: 'assistant', model: a.model, content: [], stop_reason: null, stop_sequence: null, usage: anthropicUsage(undefined) };
    ev('message_start', { message });
  };
  const close = () => {
    if (open) ev('content_block_stop', { index });
    open = undefined;
  };
  for await (const d of run.output()) {
    if (!started) start();
    if (open !== d.type) {
      close();
      open = d.type;
      index++;
      ev('content_block_start', { index, content_block: d.type === 'text' ? { type: 'text', text: '' } : { type: 'thinking', thinking: '', signature: '' } });
    }
    // tools-out.ts: tool_use blocks are written here once the core streams tool calls.
    ev('content_block_delta', { index, delta: d.type === 'text' ? { type: 'text_delta', text: d.text } : { type: 'thinking_delta', thinking: d.text } });
  }
  if (!started && run.error) return sendAnthropicProviderError(res, run.error, a.redact(run.error.message), run.headers());
  if (!started) start();
  if (run.error) {
    res.write(sseFrame(anthropicErrorBody(anthropicStreamErrorType(run.error), a.redact(run.error.message)), 'error'));
    res.write(costComment(run.headers()));
    return void res.end();
  }
  if (index < 0) {
    // An empty answer still has one (empty) text block, as the API sends.
    open = 'text';
    index = 0;
    ev('content_block_start', { index, content_block: { type: 'text', text: '' } });
  }
  close();
  ev('message_delta', { delta: { stop_reason: stopReasonOf(run.finish, run.rawFinish, a.stopSequences), stop_sequence: null }, usage: anthropicUsage(run.usage) });
  ev('message_stop', {});
  res.write(costComment(run.headers()));
  res.end();
}
