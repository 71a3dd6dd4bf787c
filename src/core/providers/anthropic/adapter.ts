// The Anthropic Messages protocol family, assembled from its mappers.
import type { ChatRequest, StreamEvent } from '../../types';
import type { CallContext, ProtocolAdapter } from '../descriptor';
import { driveStream } from '../stream-driver';
import { buildAnthropicHttpRequest } from './build-request';
import { anthropicCompleteAnswer } from './complete-answer';
import { parseAnthropicErrorBody } from './error-body';
import { listAnthropicModels } from './list-models';
import { createAnthropicStreamMapper } from './stream-mapper';

/** Adapter for Anthropic and any host speaking the Anthropic Messages API. */
export const anthropicAdapter: ProtocolAdapter = {
  family: 'anthropic',
  streamChat(ctx: CallContext, req: ChatRequest): AsyncIterable<StreamEvent> {
    const secrets = ctx.apiKey ? [ctx.apiKey] : [];
    return driveStream(ctx, buildAnthropicHttpRequest(ctx, req), createAnthropicStreamMapper(ctx.descriptor, secrets), parseAnthropicErrorBody, anthropicCompleteAnswer);
  },
  listModels: listAnthropicModels,
};
