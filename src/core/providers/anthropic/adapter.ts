// The Anthropic Messages protocol family, assembled from its mappers.
import type { ChatRequest, StreamEvent, Warning } from '../../types';
import { failedStream, warningEvents } from '../warnings';
import type { CallContext, ProtocolAdapter } from '../descriptor';
import { driveStream } from '../stream-driver';
import { answerToolName, buildAnthropicHttpRequest } from './build-request';
import { anthropicCompleteAnswer } from './complete-answer';
import { parseAnthropicErrorBody } from './error-body';
import { listAnthropicModels } from './list-models';
import { createAnthropicStreamMapper } from './stream-mapper';

/** Adapter for Anthropic and any host speaking the Anthropic Messages API. */
export const anthropicAdapter: ProtocolAdapter = {
  family: 'anthropic',
  streamChat(ctx: CallContext, req: ChatRequest): AsyncIterable<StreamEvent> {
    const secrets = ctx.apiKey ? [ctx.apiKey] : [];
    const warnings: Warning[] = [];
    let httpReq;
    try {
      httpReq = buildAnthropicHttpRequest(ctx, req, warnings);
    } catch (e) {
      return failedStream(ctx.descriptor.id, e);
    }
    const mapper = createAnthropicStreamMapper(ctx.descriptor, secrets, { answerTool: answerToolName(req) });
    return driveStream(ctx, httpReq, mapper, parseAnthropicErrorBody, anthropicCompleteAnswer, warningEvents(warnings));
  },
  listModels: listAnthropicModels,
};
