// ChatRequest → the body and HTTP call of `POST {base}/chat/completions`.
// Which optional fields a host accepts is descriptor data (capabilities), never a hostname check.
// @see https://platform.openai.com/docs/api-reference/chat/create
import type { HttpRequest } from '../../http/client';
import type { ChatRequest, Warning } from '../../types';
import type { CallContext, ProviderDescriptor } from '../descriptor';
import { authHeaders, joinUrl } from '../request-util';
import { applyOpenAIReasoning } from './map-reasoning';
import { toWireMessages } from './map-messages';
import { applyOpenAITools } from './map-tools';

/**
 * Builds the JSON body. Throws a bad_request ProviderError for what the host cannot take;
 * pushes a warning for each parameter it drops or changes.
 */
export function buildChatBody(req: ChatRequest, d: ProviderDescriptor, warnings: Warning[] = []): Record<string, unknown> {
  const caps = d.capabilities;
  const body: Record<string, unknown> = {
    model: req.model,
    messages: toWireMessages(req.messages, d, warnings),
    stream: true,
  };
  if (caps.streamUsage === 'stream_options') body.stream_options = { include_usage: true };
  if (req.temperature !== undefined) body.temperature = req.temperature;
  const maxTokens = req.maxOutputTokens ?? (caps.requiresMaxTokens ? d.defaultMaxOutputTokens : undefined);
  if (maxTokens !== undefined) body[caps.maxTokensField ?? 'max_tokens'] = maxTokens;
  if (req.stopSequences?.length) {
    if (caps.stopSequences) body.stop = req.stopSequences;
    else warnings.push({ parameter: 'stopSequences', message: `${d.displayName} does not accept stop sequences; they were not sent.` });
  }
  applyOpenAITools(body, req, d);
  applyOpenAIReasoning(body, req, d, warnings);
  if (req.responseFormat) {
    const f = req.responseFormat;
    body.response_format = {
      type: 'json_schema',
      json_schema: { name: f.name, schema: f.schema, ...(f.strict !== undefined ? { strict: f.strict } : {}) },
    };
  }
  const o = req.providerOptions?.openai;
  if (o?.reasoningEffort) body.reasoning_effort = o.reasoningEffort;
  // Extras go last so a user can override anything above (e.g. OpenRouter's `provider` routing).
  if (o?.extraBody) Object.assign(body, o.extraBody);
  return body;
}

/** Builds the HTTP call: URL, auth, the descriptor's static headers, and the body. */
export function buildChatHttpRequest(ctx: CallContext, req: ChatRequest, warnings: Warning[] = []): HttpRequest {
  const d = ctx.descriptor;
  return {
    method: 'POST',
    url: joinUrl(d.baseUrl, 'chat/completions'),
    headers: {
      'content-type': 'application/json',
      accept: 'text/event-stream',
      ...(d.extraHeaders ?? {}),
      ...authHeaders(d, ctx.apiKey),
    },
    body: JSON.stringify(buildChatBody(req, d, warnings)),
    signal: req.signal,
    provider: d.id,
  };
}
