// ChatMessage[] → Anthropic `messages`: system turns removed (they go to `system`), tool results
// as user `tool_result` blocks, thinking and redacted thinking sent back unchanged, consecutive
// same-role turns merged, empty turns dropped.
// @see https://docs.anthropic.com/en/docs/build-with-claude/tool-use
// @see https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking#preserving-thinking-blocks
import type { ChatMessage, ContentPart, ImagePart, TextPart, ToolResultPart } from '../../types';
import { partsOf, resultParts } from '../message-parts';

type TextBlock = { type: 'text'; text: string };
type ImageBlock = { type: 'image'; source: { type: 'base64'; media_type: string; data: string } };

/** A content block as the Messages API takes it. */
type AnthropicContentBlock =
  | TextBlock
  | ImageBlock
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'redacted_thinking'; data: string }
  | { type: 'tool_use'; id: string; name: string; input: unknown }
  | { type: 'tool_result'; tool_use_id: string; content: string | (TextBlock | ImageBlock)[]; is_error?: boolean };

/** One message as the Messages API takes it. */
interface AnthropicMessage {
  role: 'user' | 'assistant';
  content: string | AnthropicContentBlock[];
}

/** Converts the conversation to alternating user/assistant messages. */
export function toAnthropicMessages(messages: readonly ChatMessage[]): AnthropicMessage[] {
  const out: { role: 'user' | 'assistant'; blocks: AnthropicContentBlock[] }[] = [];
  for (const m of messages) {
    if (m.role === 'system') continue;
    const role = m.role === 'assistant' ? 'assistant' : 'user';
    const blocks = toBlocks(partsOf(m.content), role);
    if (blocks.length === 0) continue;
    const last = out[out.length - 1];
    if (last && last.role === role) last.blocks.push(...blocks);
    else out.push({ role, blocks });
  }
  for (const m of out) if (m.role === 'user') resultsFirst(m.blocks);
  trimPrefill(out);
  return out.map(({ role, blocks }) => ({
    role,
    content: blocks.length === 1 && blocks[0].type === 'text' ? blocks[0].text : blocks,
  }));
}

function toBlocks(parts: ContentPart[], role: 'user' | 'assistant'): AnthropicContentBlock[] {
  const blocks: AnthropicContentBlock[] = [];
  for (const p of parts) {
    switch (p.type) {
      case 'text':
        // The API rejects empty text blocks outright.
        if (p.text !== '') blocks.push({ type: 'text', text: p.text });
        break;
      case 'image':
        // Only user turns may carry images.
        if (role === 'user') blocks.push(imageBlock(p));
        break;
      case 'tool-call':
        if (role === 'assistant') blocks.push({ type: 'tool_use', id: p.id, name: p.name, input: p.args ?? {} });
        break;
      case 'tool-result':
        blocks.push(resultBlock(p));
        break;
      case 'reasoning':
        // Only Anthropic's own signed blocks verify; another family's reasoning is left out.
        if (role !== 'assistant' || p.family !== 'anthropic') break;
        if (p.redactedData !== undefined) blocks.push({ type: 'redacted_thinking', data: p.redactedData });
        else if (p.signature !== undefined) blocks.push({ type: 'thinking', thinking: p.text, signature: p.signature });
        break;
    }
  }
  return blocks;
}

function imageBlock(p: ImagePart): ImageBlock {
  return { type: 'image', source: { type: 'base64', media_type: p.mediaType, data: p.data } };
}

function resultBlock(r: ToolResultPart): AnthropicContentBlock {
  const content =
    typeof r.content === 'string'
      ? r.content
      : resultParts(r)
          .filter((p) => p.type === 'image' || p.text !== '')
          .map((p: TextPart | ImagePart) => (p.type === 'text' ? ({ type: 'text', text: p.text } as TextBlock) : imageBlock(p)));
  return { type: 'tool_result', tool_use_id: r.toolCallId, content, ...(r.isError ? { is_error: true } : {}) };
}

/** The API wants tool_result blocks before any other content of a user turn. */
function resultsFirst(blocks: AnthropicContentBlock[]): void {
  const results = blocks.filter((b) => b.type === 'tool_result');
  if (results.length === 0) return;
  const rest = blocks.filter((b) => b.type !== 'tool_result');
  blocks.splice(0, blocks.length, ...results, ...rest);
}

/** A trailing assistant turn is a prefill, and the API rejects one ending in whitespace. */
function trimPrefill(out: { role: 'user' | 'assistant'; blocks: AnthropicContentBlock[] }[]): void {
  const tail = out[out.length - 1];
  if (tail?.role !== 'assistant') return;
  const lastBlock = tail.blocks[tail.blocks.length - 1];
  if (lastBlock?.type !== 'text') return;
  lastBlock.text = lastBlock.text.trimEnd();
  if (!lastBlock.text) tail.blocks.pop();
  if (tail.blocks.length === 0) out.pop();
}
