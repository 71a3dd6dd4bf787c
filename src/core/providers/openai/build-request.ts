// ChatRequest → the body and HTTP call of `POST {base}/chat/completions`.
// Which optional fields a host accepts is descriptor data (capabilities), never a hostname check.
// @see https://platform.openai.com/docs/api-reference/chat/create
import { ProviderError } from '../../errors';
import type { HttpRequest } from '../../http/client';
import type { ChatMessage, ChatRequest, ContentPart } from '../../types';
import type { CallContext, ProviderDescriptor } from '../descriptor';
import { authHeaders, joinUrl } from '../request-util';

/** One message in OpenAI's wire format. */
export type WireMessage =
  | { role: 'system' | 'assistant'; content: string }
  | { role: 'user'; content: string | WirePart[] };

/** A user content part. */
export type WirePart = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };

/** Builds the JSON body. Throws a bad_request ProviderError for what the host cannot take. */
export function buildChatBody(req: ChatRequest, d: ProviderDescriptor): Record<string, unknown> {
  const caps = d.capabilities;
  const body: Record<string, unknown> = {
    model: req.model,
    messages: req.messages.map((m) => toWireMessage(m, d)),
    stream: true,
  };
  if (caps.streamUsage === 'stream_options') body.stream_options = { include_usage: true };
  if (req.temperature !== undefined) body.temperature = req.temperature;
  const maxTokens = req.maxOutputTokens ?? (caps.requiresMaxTokens ? d.defaultMaxOutputTokens : undefined);
  if (maxTokens !== undefined) body[caps.maxTokensField ?? 'max_tokens'] = maxTokens;
  if (req.stopSequences?.length && caps.stopSequences) body.stop = req.stopSequences;
  const o = req.providerOptions?.openai;
  if (o?.reasoningEffort) body.reasoning_effort = o.reasoningEffort;
  // Extras go last so a user can override anything above (e.g. OpenRouter's `provider` routing).
  if (o?.extraBody) Object.assign(body, o.extraBody);
  return body;
}

/** Builds the HTTP call: URL, auth, the descriptor's static headers, and the body. */
export function buildChatHttpRequest(ctx: CallContext, req: ChatRequest): HttpRequest {
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
    body: JSON.stringify(buildChatBody(req, d)),
    signal: req.signal,
    provider: d.id,
  };
}

function toWireMessage(m: ChatMessage, d: ProviderDescriptor): WireMessage {
  if (m.role === 'tool') {
    throw new ProviderError({ category: 'bad_request', provider: d.id, message: 'Tool results are not supported yet.', retryable: false });
  }
  if (m.role !== 'user') return { role: m.role, content: flatten(m.content, d, m.role) };
  if (typeof m.content === 'string') return { role: 'user', content: m.content };
  if (!m.content.some((p) => p.type === 'image')) return { role: 'user', content: flatten(m.content, d, 'user') };
  if (!d.capabilities.images) {
    throw new ProviderError({
      category: 'bad_request',
      provider: d.id,
      message: `${d.displayName} does not accept images. Remove the image or pick a provider with image input.`,
      retryable: false,
    });
  }
  return { role: 'user', content: m.content.map(toWirePart) };
}

function toWirePart(p: ContentPart): WirePart {
  if (p.type === 'text') return { type: 'text', text: p.text };
  return { type: 'image_url', image_url: { url: `data:${p.mediaType};base64,${p.data}` } };
}

/** System and assistant turns are plain strings everywhere; images there are a caller bug. */
function flatten(content: string | ContentPart[], d: ProviderDescriptor, role: string): string {
  if (typeof content === 'string') return content;
  if (content.some((p) => p.type === 'image')) {
    throw new ProviderError({ category: 'bad_request', provider: d.id, message: `Images are only allowed in user messages, not ${role} messages.`, retryable: false });
  }
  return content.map((p) => (p.type === 'text' ? p.text : '')).join('');
}
