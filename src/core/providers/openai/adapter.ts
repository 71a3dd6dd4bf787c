// The OpenAI-compatible protocol family: one adapter for every host that speaks
// `/chat/completions`; each host's differences are its descriptor's capabilities.
import { ProviderError } from '../../errors';
import type { ChatRequest, StreamEvent } from '../../types';
import type { CallContext, ProtocolAdapter } from '../descriptor';
import { driveStream } from '../stream-driver';
import { buildChatHttpRequest } from './build-request';
import { openAICompleteAnswer } from './complete-answer';
import { parseOpenAIErrorBody } from './error-body';
import { listOpenAIModels } from './list-models';
import { OpenAIStreamMapper } from './stream-mapper';

/**
 * Streams one chat completion; never throws (see ProtocolAdapter.streamChat). Returns the
 * driver's generator itself rather than re-yielding it: each async-generator hop costs a
 * promise per token, and this path runs once per token.
 */
export function streamOpenAIChat(ctx: CallContext, req: ChatRequest): AsyncGenerator<StreamEvent> {
  let httpReq;
  try {
    httpReq = buildChatHttpRequest(ctx, req);
  } catch (e) {
    const err = e instanceof ProviderError ? e : new ProviderError({ category: 'bad_request', provider: ctx.descriptor.id, message: String(e), retryable: false, cause: e });
    return failed(err);
  }
  const mapper = new OpenAIStreamMapper(ctx.descriptor, ctx.apiKey ? [ctx.apiKey] : []);
  return driveStream(ctx, httpReq, mapper, parseOpenAIErrorBody, openAICompleteAnswer);
}

async function* failed(err: ProviderError): AsyncGenerator<StreamEvent> {
  yield { type: 'error', error: err };
  yield { type: 'finish', reason: 'error' };
}

/** The adapter registered for family `openai`. */
export const openaiAdapter: ProtocolAdapter = {
  family: 'openai',
  streamChat: streamOpenAIChat,
  listModels: listOpenAIModels,
};
