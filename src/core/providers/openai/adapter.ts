// The OpenAI-compatible protocol family: one adapter for every host that speaks
// `/chat/completions`; each host's differences are its descriptor's capabilities.
import type { ChatRequest, StreamEvent, Warning } from '../../types';
import type { CallContext, ProtocolAdapter } from '../descriptor';
import { driveStream } from '../stream-driver';
import { failedStream, warningEvents } from '../warnings';
import { buildChatHttpRequest } from './build-request';
import { openAICompleteAnswer } from './complete-answer';
import { parseOpenAIErrorBody } from './error-body';
import { listOpenAIModels } from './list-models';
import { OpenAIStreamMapper } from './stream-mapper';

/**
 * Streams one chat completion; never throws (see ProtocolAdapter.streamChat). Returns the
 * driver's iterator itself rather than re-yielding it: each async-generator hop costs a
 * promise per token, and this path runs once per token.
 */
function streamOpenAIChat(ctx: CallContext, req: ChatRequest): AsyncIterable<StreamEvent> {
  let httpReq;
  const warnings: Warning[] = [];
  try {
    httpReq = buildChatHttpRequest(ctx, req, warnings);
  } catch (e) {
    return failedStream(ctx.descriptor.id, e);
  }
  const mapper = new OpenAIStreamMapper(ctx.descriptor, ctx.apiKey ? [ctx.apiKey] : []);
  return driveStream(ctx, httpReq, mapper, parseOpenAIErrorBody, openAICompleteAnswer, warningEvents(warnings));
}

/** The adapter registered for family `openai`. */
export const openaiAdapter: ProtocolAdapter = {
  family: 'openai',
  streamChat: streamOpenAIChat,
  listModels: listOpenAIModels,
};
