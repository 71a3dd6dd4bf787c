// The OpenAI Responses API as a protocol family: for hosts (or models of a host) that serve
// `POST /responses`. Models are listed the OpenAI way (`GET /models`).
import type { ChatRequest, StreamEvent, Warning } from '../../types';
import type { CallContext, ProtocolAdapter } from '../descriptor';
import { listOpenAIModels } from '../openai/list-models';
import { driveStream } from '../stream-driver';
import { failedStream, warningEvents } from '../warnings';
import { buildResponsesHttpRequest } from './build-request';
import { responsesCompleteAnswer } from './complete-answer';
import { parseResponsesErrorBody } from './error-body';
import { ResponsesStreamMapper } from './stream-mapper';

/** Streams one response; never throws (see ProtocolAdapter.streamChat). */
function streamResponses(ctx: CallContext, req: ChatRequest): AsyncIterable<StreamEvent> {
  let httpReq;
  const warnings: Warning[] = [];
  try {
    httpReq = buildResponsesHttpRequest(ctx, req, warnings);
  } catch (e) {
    return failedStream(ctx.descriptor.id, e);
  }
  const mapper = new ResponsesStreamMapper(ctx.descriptor, ctx.apiKey ? [ctx.apiKey] : []);
  return driveStream(ctx, httpReq, mapper, parseResponsesErrorBody, responsesCompleteAnswer, warningEvents(warnings));
}

/** The adapter registered for family `responses`. */
export const responsesAdapter: ProtocolAdapter = {
  family: 'responses',
  streamChat: streamResponses,
  listModels: listOpenAIModels,
};
