// ChatMessage[] → the Responses API's `input` items: messages, function_call and
// function_call_output items, and reasoning items sent back as they arrived.
// @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-input
import type { ChatMessage, ContentPart, ReasoningPart, ToolCallPart, Warning } from '../../types';
import type { ProviderDescriptor } from '../descriptor';
import { argsJson, partsOf, resultHasImage, resultText } from '../message-parts';
import { plainText, userContent } from '../openai/map-messages';

/** One input item; the API's shapes are many, so items are plain JSON built here. */
type InputItem = Record<string, unknown>;

/** Converts the conversation; `warnings` collects what the wire cannot carry. */
export function toInputItems(messages: readonly ChatMessage[], d: ProviderDescriptor, warnings: Warning[]): InputItem[] {
  const out: InputItem[] = [];
  messages.forEach((m, i) => {
    const parts = partsOf(m.content);
    if (m.role === 'assistant') assistantItems(parts, out);
    else if (m.role === 'system') out.push({ role: 'system', content: plainText(parts, d, 'system') });
    else {
      for (const p of parts) {
        if (p.type !== 'tool-result') continue;
        if (resultHasImage(p))
          warnings.push({
            parameter: `messages[${i}].content`,
            message: 'Tool results here carry text only; the image in the result was left out.',
          });
        out.push({ type: 'function_call_output', call_id: p.toolCallId, output: resultText(p) });
      }
      const rest = parts.filter((p) => p.type !== 'tool-result');
      if (typeof m.content === 'string' || rest.length > 0) out.push(userItem(m.content, rest, d));
    }
  });
  return out;
}

/** Reasoning, text and calls in the order they were produced, which is the order the API wants back. */
function assistantItems(parts: ContentPart[], out: InputItem[]): void {
  for (const p of parts) {
    if (p.type === 'reasoning') {
      const item = reasoningItem(p);
      if (item) out.push(item);
    } else if (p.type === 'text') {
      if (p.text) out.push({ role: 'assistant', content: p.text });
    } else if (p.type === 'tool-call') out.push(callItem(p));
  }
}

/**
 * The reasoning item as received, minus its `id`: with `store: false` the server keeps nothing,
 * and an id it cannot find is refused; the encrypted content carries the state instead.
 */
function reasoningItem(p: ReasoningPart): InputItem | undefined {
  if (p.family !== 'responses') return undefined;
  const item = p.details?.[0];
  if (typeof item !== 'object' || item === null) return undefined;
  const { id: _id, status: _status, ...rest } = item as Record<string, unknown>;
  return rest;
}

function callItem(c: ToolCallPart): InputItem {
  return { type: 'function_call', call_id: c.id, name: c.name, arguments: argsJson(c.args) };
}

function userItem(content: string | ContentPart[], parts: ContentPart[], d: ProviderDescriptor): InputItem {
  return {
    role: 'user',
    content: userContent(content, parts, d, (p) =>
      p.type === 'text' ? { type: 'input_text', text: p.text } : { type: 'input_image', image_url: `data:${p.mediaType};base64,${p.data}` },
    ),
  };
}
