// Chat Completions answers, streamed (chunks, optional usage chunk, [DONE]) or whole.
import type { ServerResponse } from 'node:http';
import type { FinishReason, Usage } from '../../core/types';
import { newId } from '../ids';
import { costComment, sendJson, sseFrame, startSse, tickBatchedWriter } from '../http-util';
import type { RouteRun } from '../route-run';
import { openaiToolCall, openaiToolCallDelta } from '../tools/tools-out';
import { chunkFramer } from './chunk-frame';
import { openaiErrorBody, sendOpenAIProviderError } from './errors';

/** What both answer forms need besides the run. */
interface OpenAIAnswer {
  model: string;
  includeUsage: boolean;
  redact(text: string): string;
}

function finishOf(r: FinishReason | undefined, madeCalls = false): string {
  // A host may end a turn of calls with a plain stop; the client must see tool_calls to run them.
  if (madeCalls && (r === 'stop' || r === undefined)) return 'tool_calls';
  if (r === 'length') return 'length';
  if (r === 'content_filter') return 'content_filter';
  if (r === 'tool_calls') return 'tool_calls';
  return 'stop';
}

/** OpenAI's usage object; `prompt_tokens` includes cached tokens, as the core's `inputTokens` does. */
function openaiUsage(u: Usage | undefined): Record<string, unknown> {
  const x = u ?? { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };
  return {
    prompt_tokens: x.inputTokens,
    completion_tokens: x.outputTokens,
    total_tokens: x.inputTokens + x.outputTokens,
    prompt_tokens_details: { cached_tokens: x.cacheReadTokens },
    completion_tokens_details: { reasoning_tokens: x.reasoningTokens },
  };
}

/** A whole `chat.completion`, or the error the route ended on. */
export async function answerWhole(res: ServerResponse, run: RouteRun, a: OpenAIAnswer): Promise<void> {
  const { text, reasoning, calls } = await run.collect();
  if (run.error) return sendOpenAIProviderError(res, run.error, a.redact(run.error.message), run.headers());
  const message: Record<string, unknown> = { role: 'assistant', content: text || (calls.length ? null : ''), refusal: null };
  if (reasoning) message.reasoning_content = reasoning;
  if (calls.length) message.tool_calls = calls.map(openaiToolCall);
  sendJson(
    res,
    200,
    {
      id: newId('chatcmpl-'),
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: a.model,
      choices: [{ index: 0, message, logprobs: null, finish_reason: finishOf(run.finish, calls.length > 0) }],
      usage: openaiUsage(run.usage),
    },
    run.headers(),
  );
}

/** A `chat.completion.chunk` stream. Headers go out with the first output; an error before it is a plain HTTP error. */
export async function answerStream(res: ServerResponse, run: RouteRun, a: OpenAIAnswer): Promise<void> {
  const id = newId('chatcmpl-');
  const created = Math.floor(Date.now() / 1000);
  const chunk = chunkFramer(id, created, a.model, a.includeUsage);
  const { write, end } = tickBatchedWriter(res);
  let started = false;
  const start = () => {
    started = true;
    const h: Record<string, string> = { 'x-switchboard-attempts': String(run.attemptsMade + 1) };
    if (run.provider) h['x-switchboard-provider'] = run.provider;
    startSse(res, h);
    write(chunk({ role: 'assistant', content: '' }));
  };
  let calls = 0;
  for await (const d of run.output()) {
    if (!started) start();
    // A reasoning block's signature has no place in Chat Completions.
    if (d.type === 'reasoning-end') continue;
    if (d.type === 'tool-call') write(chunk({ tool_calls: [openaiToolCallDelta(d.call, calls++)] }));
    else write(chunk(d.type === 'text' ? { content: d.text } : { reasoning_content: d.text }));
  }
  if (!started && run.error) return sendOpenAIProviderError(res, run.error, a.redact(run.error.message), run.headers());
  if (!started) start();
  // The closing frames leave together with [DONE], in one write.
  if (run.error) {
    // What OpenAI-compatible hosts send when a stream fails after it began; the SDK raises it as an APIError.
    write(sseFrame(openaiErrorBody(a.redact(run.error.message), 'server_error', run.error.code ?? run.error.category)));
  } else {
    write(chunk({}, finishOf(run.finish, calls > 0)));
    if (a.includeUsage)
      write(sseFrame({ id, object: 'chat.completion.chunk', created, model: a.model, choices: [], usage: openaiUsage(run.usage) }));
  }
  write(costComment(run.headers()));
  end('data: [DONE]\n\n');
}
