// The Gemini protocol family: request building, the shared stream loop, and model listing.
import type { ChatRequest, StreamEvent, Warning } from '../../types';
import { failedStream, warningEvents } from '../warnings';
import type { CallContext, ProtocolAdapter } from '../descriptor';
import { driveStream } from '../stream-driver';
import { buildGeminiRequest } from './build-request';
import { geminiCompleteAnswer } from './complete-answer';
import { parseGeminiErrorBody } from './error-body';
import { listGeminiModels } from './list-models';
import { createGeminiStreamMapper } from './stream-mapper';

/** Adapter for every provider of the `gemini` family. */
export const geminiAdapter: ProtocolAdapter = {
  family: 'gemini',
  streamChat(ctx: CallContext, req: ChatRequest): AsyncIterable<StreamEvent> {
    const mapper = createGeminiStreamMapper({ descriptor: ctx.descriptor, secrets: ctx.apiKey ? [ctx.apiKey] : [] });
    const warnings: Warning[] = [];
    let httpReq;
    try {
      httpReq = buildGeminiRequest(ctx.descriptor, ctx.apiKey, req, warnings);
    } catch (e) {
      return failedStream(ctx.descriptor.id, e);
    }
    return driveStream(ctx, httpReq, mapper, parseGeminiErrorBody, geminiCompleteAnswer, warningEvents(warnings));
  },
  listModels: listGeminiModels,
};
