// ChatRequest → Anthropic Messages request body and HTTP call. The Messages API is stricter
// than OpenAI's: system is a top-level field, roles must alternate, max_tokens is required,
// extended thinking forbids a custom temperature. Each rule is handled here so callers can send
// the same ChatRequest to every family.
import type { HttpRequest } from '../../http/client';
import type { ChatMessage, ChatRequest, ContentPart } from '../../types';
import { contentText } from '../../types';
import type { CallContext, ProviderDescriptor } from '../descriptor';
import { authHeaders, joinUrl } from '../request-util';
import { ANTHROPIC_DEFAULT_MAX_OUTPUT_TOKENS } from './preset';

/** A content block as the Messages API takes it. */
export type AnthropicContentBlock =
  | { type: 'text'; text: string }
  | { type: 'image'; source: { type: 'base64'; media_type: string; data: string } };

/** One message as the Messages API takes it. */
export interface AnthropicMessage {
  role: 'user' | 'assistant';
  content: string | AnthropicContentBlock[];
}

/** Anthropic's floor for `thinking.budget_tokens`. */
export const MIN_THINKING_BUDGET_TOKENS = 1024;

/** Builds the JSON body of a streaming Messages call. `extraBody` is applied last and wins. */
export function buildAnthropicBody(req: ChatRequest, d: ProviderDescriptor): Record<string, unknown> {
  const system = req.messages
    .filter((m) => m.role === 'system')
    .map((m) => contentText(m.content))
    .filter((t) => t.trim() !== '')
    .join('\n\n');
  const opts = req.providerOptions?.anthropic;
  const answerTokens = positiveInt(req.maxOutputTokens) ?? d.defaultMaxOutputTokens ?? ANTHROPIC_DEFAULT_MAX_OUTPUT_TOKENS;
  const requestedBudget = positiveInt(opts?.thinkingBudgetTokens);
  const budget = requestedBudget === undefined ? undefined : Math.max(MIN_THINKING_BUDGET_TOKENS, requestedBudget);

  const body: Record<string, unknown> = {
    model: req.model,
    // Thinking tokens count against max_tokens, and budget_tokens must be below it; adding the
    // budget keeps the caller's limit for the visible answer.
    max_tokens: budget === undefined ? answerTokens : answerTokens + budget,
    messages: toAnthropicMessages(req.messages),
    stream: true,
  };
  if (system) body.system = system;
  const stops = (req.stopSequences ?? []).filter((s) => /\S/.test(s));
  if (stops.length > 0) body.stop_sequences = stops;
  if (budget !== undefined) {
    // With thinking on, Anthropic accepts only the default temperature (1); sending another
    // value is a 400, so the caller's temperature is dropped rather than failing the request.
    body.thinking = { type: 'enabled', budget_tokens: budget };
  } else if (req.temperature !== undefined && Number.isFinite(req.temperature)) {
    // Anthropic's range is 0..1 where OpenAI's is 0..2; clamp so one request fits every family.
    body.temperature = Math.min(1, Math.max(0, req.temperature));
  }
  if (opts?.extraBody) Object.assign(body, opts.extraBody);
  return body;
}

/**
 * Converts the conversation: system turns removed (they go to `system`), tool turns sent as
 * user text until tools land, consecutive same-role turns merged, empty turns dropped.
 */
export function toAnthropicMessages(messages: readonly ChatMessage[]): AnthropicMessage[] {
  const out: { role: 'user' | 'assistant'; blocks: AnthropicContentBlock[] }[] = [];
  for (const m of messages) {
    if (m.role === 'system') continue;
    const role = m.role === 'assistant' ? 'assistant' : 'user';
    const blocks = toBlocks(m.content, role);
    if (blocks.length === 0) continue;
    const last = out[out.length - 1];
    if (last && last.role === role) last.blocks.push(...blocks);
    else out.push({ role, blocks });
  }
  // A trailing assistant turn is a prefill, and the API rejects one ending in whitespace.
  const tail = out[out.length - 1];
  if (tail?.role === 'assistant') {
    const lastBlock = tail.blocks[tail.blocks.length - 1];
    if (lastBlock?.type === 'text') {
      lastBlock.text = lastBlock.text.trimEnd();
      if (!lastBlock.text) tail.blocks.pop();
      if (tail.blocks.length === 0) out.pop();
    }
  }
  return out.map(({ role, blocks }) => ({
    role,
    content: blocks.length === 1 && blocks[0].type === 'text' ? blocks[0].text : blocks,
  }));
}

function toBlocks(content: string | ContentPart[], role: 'user' | 'assistant'): AnthropicContentBlock[] {
  const parts: ContentPart[] = typeof content === 'string' ? [{ type: 'text', text: content }] : content;
  const blocks: AnthropicContentBlock[] = [];
  for (const p of parts) {
    // The API rejects empty text blocks outright.
    if (p.type === 'text') {
      if (p.text !== '') blocks.push({ type: 'text', text: p.text });
    } else if (role === 'user') {
      // Only user turns may carry images.
      blocks.push({ type: 'image', source: { type: 'base64', media_type: p.mediaType, data: p.data } });
    }
  }
  return blocks;
}

/** The HTTP call for a streaming Messages request. */
export function buildAnthropicHttpRequest(ctx: CallContext, req: ChatRequest): HttpRequest {
  const d = ctx.descriptor;
  return {
    method: 'POST',
    url: joinUrl(d.baseUrl, 'messages'),
    headers: {
      'content-type': 'application/json',
      accept: 'text/event-stream',
      ...d.extraHeaders,
      ...authHeaders(d, ctx.apiKey),
    },
    body: JSON.stringify(buildAnthropicBody(req, d)),
    signal: req.signal,
    provider: d.id,
  };
}

function positiveInt(n: number | undefined): number | undefined {
  return n !== undefined && Number.isFinite(n) && n >= 1 ? Math.floor(n) : undefined;
}
