// ChatMessage[] → OpenAI chat `messages`, tool calls and tool results included.
// @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-messages
import { ProviderError } from '../../errors';
import type { ChatMessage, ContentPart, ImagePart, ReasoningPart, TextPart, ToolCallPart, ToolResultPart, Warning } from '../../types';
import type { ProviderDescriptor } from '../descriptor';
import { argsJson, partsOf, resultHasImage, resultText } from '../message-parts';

/** A user content part. */
type WirePart = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };

/** One call in an assistant message. */
interface WireToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/** One message in OpenAI's wire format. */
type WireMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string | WirePart[] }
  | { role: 'assistant'; content: string | null; tool_calls?: WireToolCall[]; reasoning_details?: unknown[] }
  | { role: 'tool'; tool_call_id: string; content: string };

/** Converts the conversation; `warnings` collects what the wire cannot carry. */
export function toWireMessages(messages: readonly ChatMessage[], d: ProviderDescriptor, warnings: Warning[]): WireMessage[] {
  const out: WireMessage[] = [];
  messages.forEach((m, i) => {
    const parts = partsOf(m.content);
    if (m.role === 'system') out.push({ role: 'system', content: plainText(parts, d, 'system') });
    else if (m.role === 'assistant') out.push(assistantMessage(m, parts, d));
    else {
      // Tool results come first, one `tool` message each, and anything else follows as user content.
      for (const p of parts) if (p.type === 'tool-result') out.push(toolMessage(p, i, warnings));
      const rest = parts.filter((p) => p.type !== 'tool-result');
      if (typeof m.content === 'string' || rest.length > 0) out.push(userMessage(m.content, rest, d));
    }
  });
  return out;
}

function assistantMessage(m: ChatMessage, parts: ContentPart[], d: ProviderDescriptor): WireMessage {
  const calls = parts.filter((p): p is ToolCallPart => p.type === 'tool-call');
  const text = plainText(
    parts.filter((p) => p.type === 'text' || p.type === 'image'),
    d,
    'assistant',
  );
  const msg: Extract<WireMessage, { role: 'assistant' }> = { role: 'assistant', content: calls.length && !text ? null : text };
  if (calls.length)
    msg.tool_calls = calls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: argsJson(c.args) } }));
  // OpenRouter asks for reasoning_details back exactly as received, so reasoning survives a tool loop.
  const details = parts
    .filter((p): p is ReasoningPart => p.type === 'reasoning' && p.family === 'openai' && !!p.details)
    .flatMap((p) => p.details ?? []);
  if (details.length) msg.reasoning_details = details;
  return msg;
}

function toolMessage(r: ToolResultPart, index: number, warnings: Warning[]): WireMessage {
  if (resultHasImage(r)) {
    warnings.push({
      parameter: `messages[${index}].content`,
      message: 'Tool results here carry text only; the image in the result was left out.',
    });
  }
  return { role: 'tool', tool_call_id: r.toolCallId, content: resultText(r) };
}

function userMessage(content: string | ContentPart[], parts: ContentPart[], d: ProviderDescriptor): WireMessage {
  return {
    role: 'user',
    content: userContent(content, parts, d, (p) =>
      p.type === 'text'
        ? { type: 'text', text: p.text }
        : { type: 'image_url', image_url: { url: `data:${p.mediaType};base64,${p.data}` } },
    ),
  };
}

/**
 * A user turn's content: plain text when it has no image, else each text and image part in the
 * wire's own shape. Throws a bad_request when the host takes no images.
 */
export function userContent<W>(
  content: string | ContentPart[],
  parts: ContentPart[],
  d: ProviderDescriptor,
  wire: (p: TextPart | ImagePart) => W,
): string | W[] {
  if (typeof content === 'string') return content;
  if (!parts.some((p) => p.type === 'image')) return plainText(parts, d, 'user');
  if (!d.capabilities.images) {
    throw new ProviderError({
      category: 'bad_request',
      provider: d.id,
      message: `${d.displayName} does not accept images. Remove the image or pick a provider with image input.`,
      retryable: false,
    });
  }
  return parts.flatMap((p) => (p.type === 'text' || p.type === 'image' ? [wire(p)] : []));
}

/** System and assistant turns are plain strings everywhere; images there are a caller bug. */
export function plainText(parts: ContentPart[], d: ProviderDescriptor, role: string): string {
  if (parts.some((p) => p.type === 'image')) {
    throw new ProviderError({
      category: 'bad_request',
      provider: d.id,
      message: `Images are only allowed in user messages, not ${role} messages.`,
      retryable: false,
    });
  }
  return parts.map((p) => (p.type === 'text' ? p.text : '')).join('');
}
