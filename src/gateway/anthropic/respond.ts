// Messages answers: whole, or streamed in Anthropic's event order (message_start,
// content_block_start/delta/stop per block, message_delta with stop_reason and usage, message_stop).
import type { ServerResponse } from 'node:http';
import type { FinishReason, ReasoningPart, Usage } from '../../core/types';
import { newId } from '../ids';
import { costComment, sendJson, sseFrame, startSse, tickBatchedWriter } from '../http-util';
import type { Collected, RouteRun } from '../route-run';
import { anthropicToolUseBlock, anthropicToolUseEvents } from '../tools/tools-out';
import { anthropicErrorBody, anthropicStreamErrorType, sendAnthropicProviderError } from './errors';

/** What both answer forms need besides the run. */
interface AnthropicAnswer {
  model: string;
  stopSequences?: string[];
  redact(text: string): string;
}

function stopReasonOf(
  r: FinishReason | undefined,
  raw: string | undefined,
  stops: readonly string[] | undefined,
  madeCalls = false,
): string {
  if (madeCalls && (r === 'stop' || r === undefined)) return 'tool_use';
  if (r === 'length') return 'max_tokens';
  if (r === 'content_filter') return 'refusal';
  if (r === 'tool_calls') return 'tool_use';
  if (raw === 'stop_sequence' || (raw && stops?.includes(raw))) return 'stop_sequence';
  return 'end_turn';
}

/** Anthropic's usage: `input_tokens` excludes cache reads and writes, which the core's `inputTokens` includes. */
function anthropicUsage(u: Usage | undefined): Record<string, number> {
  const x = u ?? { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };
  return {
    input_tokens: Math.max(0, x.inputTokens - x.cacheReadTokens - x.cacheWriteTokens),
    output_tokens: x.outputTokens,
    cache_creation_input_tokens: x.cacheWriteTokens,
    cache_read_input_tokens: x.cacheReadTokens,
  };
}

/** A whole `message`, or the error the route ended on. */
export async function answerWhole(res: ServerResponse, run: RouteRun, a: AnthropicAnswer): Promise<void> {
  const c = await run.collect();
  if (run.error) return sendAnthropicProviderError(res, run.error, a.redact(run.error.message), run.headers());
  const stop_reason = stopReasonOf(run.finish, run.rawFinish, a.stopSequences, c.calls.length > 0);
  sendJson(
    res,
    200,
    {
      id: newId('msg_'),
      type: 'message',
      role: 'assistant',
      model: a.model,
      content: wholeContent(c),
      stop_reason,
      stop_sequence: null,
      usage: anthropicUsage(run.usage),
    },
    run.headers(),
  );
}

/** Thinking blocks (signed where the host signed them), text, then tool_use blocks. */
function wholeContent(c: Collected): Record<string, unknown>[] {
  const content: Record<string, unknown>[] = c.reasoningParts.length
    ? c.reasoningParts.map(thinkingBlock)
    : c.reasoning
      ? [{ type: 'thinking', thinking: c.reasoning, signature: '' }]
      : [];
  if (c.text || c.calls.length === 0) content.push({ type: 'text', text: c.text });
  return [...content, ...c.calls.map(anthropicToolUseBlock)];
}

function thinkingBlock(p: ReasoningPart): Record<string, unknown> {
  if (p.redactedData !== undefined) return { type: 'redacted_thinking', data: p.redactedData };
  return { type: 'thinking', thinking: p.text, signature: p.family === 'anthropic' ? (p.signature ?? '') : '' };
}

/**
 * A Messages event stream. Headers and message_start go out with the first output; an error
 * before it is a plain HTTP error. Usage is only known at the end, so message_start carries
 * zeros and message_delta the real figures (input and cache fields included, as the API's
 * message_delta may).
 */
export async function answerStream(res: ServerResponse, run: RouteRun, a: AnthropicAnswer): Promise<void> {
  const { write, end } = tickBatchedWriter(res);
  const ev = (type: string, body: Record<string, unknown>) => write(sseFrame({ type, ...body }, type));
  let started = false;
  let index = -1;
  let open: 'text' | 'reasoning' | undefined;
  const start = () => {
    started = true;
    const h: Record<string, string> = { 'x-switchboard-attempts': String(run.attemptsMade + 1) };
    if (run.provider) h['x-switchboard-provider'] = run.provider;
    startSse(res, h);
    const message = {
      id: newId('msg_'),
      type: 'message',
      role: 'assistant',
      model: a.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: anthropicUsage(undefined),
    };
    ev('message_start', { message });
  };
  const close = () => {
    if (open) ev('content_block_stop', { index });
    open = undefined;
  };
  // The end of a reasoning block: its signature closes the open thinking block; redacted thinking is a block of its own.
  const endReasoning = (p: ReasoningPart) => {
    if (p.redactedData !== undefined) {
      close();
      ev('content_block_start', { index: ++index, content_block: { type: 'redacted_thinking', data: p.redactedData } });
      return void ev('content_block_stop', { index });
    }
    if (open !== 'reasoning') {
      if (!p.text) return;
      openBlock('reasoning');
      ev('content_block_delta', { index, delta: { type: 'thinking_delta', thinking: p.text } });
    }
    if (p.family === 'anthropic' && p.signature)
      ev('content_block_delta', { index, delta: { type: 'signature_delta', signature: p.signature } });
    close();
  };
  let calls = 0;
  const openBlock = (type: 'text' | 'reasoning') => {
    close();
    open = type;
    index++;
    ev('content_block_start', {
      index,
      content_block: type === 'text' ? { type: 'text', text: '' } : { type: 'thinking', thinking: '', signature: '' },
    });
  };
  for await (const d of run.output()) {
    if (!started) start();
    if (d.type === 'tool-call') {
      close();
      calls++;
      for (const e of anthropicToolUseEvents(d.call, ++index)) ev(e.type as string, e);
    } else if (d.type === 'reasoning-end') {
      endReasoning(d.part);
    } else {
      if (open !== d.type) openBlock(d.type);
      ev('content_block_delta', {
        index,
        delta: d.type === 'text' ? { type: 'text_delta', text: d.text } : { type: 'thinking_delta', thinking: d.text },
      });
    }
  }
  if (!started && run.error) return sendAnthropicProviderError(res, run.error, a.redact(run.error.message), run.headers());
  if (!started) start();
  if (run.error) {
    write(sseFrame(anthropicErrorBody(anthropicStreamErrorType(run.error), a.redact(run.error.message)), 'error'));
    write(costComment(run.headers()));
    return end();
  }
  if (index < 0) {
    // An empty answer still has one (empty) text block, as the API sends.
    open = 'text';
    index = 0;
    ev('content_block_start', { index, content_block: { type: 'text', text: '' } });
  }
  close();
  ev('message_delta', {
    delta: { stop_reason: stopReasonOf(run.finish, run.rawFinish, a.stopSequences, calls > 0), stop_sequence: null },
    usage: anthropicUsage(run.usage),
  });
  ev('message_stop', {});
  end(costComment(run.headers()));
}
