// Anthropic content blocks → core parts. Thinking blocks keep their signature (and redacted
// thinking its data) as reasoning parts of the Anthropic family, so a tool loop served by an
// Anthropic host sends them back verified; other families drop them. `tool_result` blocks make
// a tool message of their own, ahead of any text the same user turn carries.
import type { ChatMessage, ContentPart, ImagePart, TextPart } from '../../core/types';
import { GatewayRequestError } from '../request-error';

/** A content block as the lenient schema passes it. */
type Block = Record<string, unknown> & { type: string };

function image(p: Block, field: string): ImagePart {
  const src = p.source as { type?: unknown; media_type?: unknown; data?: unknown } | undefined;
  if (src?.type === 'base64' && typeof src.media_type === 'string' && typeof src.data === 'string')
    return { type: 'image', mediaType: src.media_type, data: src.data };
  throw new GatewayRequestError(400, `${field}: only base64 image sources are accepted; the gateway does not fetch remote images.`);
}

function resultContent(c: unknown, field: string): string | (TextPart | ImagePart)[] {
  if (c === undefined || c === null) return '';
  if (typeof c === 'string') return c;
  if (!Array.isArray(c)) throw new GatewayRequestError(400, `${field}: expected a string or a list of text and image blocks.`);
  return c.map((b: Block, j): TextPart | ImagePart => {
    if (b?.type === 'text' && typeof b.text === 'string') return { type: 'text', text: b.text };
    if (b?.type === 'image') return image(b, `${field}[${j}]`);
    throw new GatewayRequestError(
      400,
      `${field}[${j}]: a tool result block of type "${String(b?.type)}" is not supported (text and image are).`,
    );
  });
}

/** One block as core parts. */
function partsOf(p: Block, field: string): ContentPart[] {
  switch (p.type) {
    case 'text':
      if (typeof p.text === 'string') return [{ type: 'text', text: p.text }];
      break;
    case 'image':
      return [image(p, field)];
    case 'thinking':
      return [
        {
          type: 'reasoning',
          text: typeof p.thinking === 'string' ? p.thinking : '',
          ...(typeof p.signature === 'string' && p.signature ? { signature: p.signature } : {}),
          family: 'anthropic',
        },
      ];
    case 'redacted_thinking':
      return typeof p.data === 'string' ? [{ type: 'reasoning', text: '', redactedData: p.data, family: 'anthropic' }] : [];
    case 'tool_use':
      if (typeof p.id === 'string' && typeof p.name === 'string')
        return [{ type: 'tool-call', id: p.id, name: p.name, args: p.input ?? {} }];
      break;
    case 'tool_result':
      if (typeof p.tool_use_id === 'string')
        return [
          {
            type: 'tool-result',
            toolCallId: p.tool_use_id,
            content: resultContent(p.content, `${field}.content`),
            ...(p.is_error === true ? { isError: true } : {}),
          },
        ];
      break;
    default:
      throw new GatewayRequestError(
        400,
        `${field}: content of type "${p.type}" is not supported by this gateway (text, image, thinking, tool_use and tool_result are).`,
      );
  }
  throw new GatewayRequestError(400, `${field}: a "${p.type}" block is missing a required field.`);
}

/** One Messages turn as core messages: tool results first as a tool message, then the rest. */
export function messagesOf(role: 'user' | 'assistant', blocks: readonly Block[], i: number): ChatMessage[] {
  const parts = blocks.flatMap((p, j) => partsOf(p, `messages[${i}].content[${j}]`));
  const results = parts.filter((p) => p.type === 'tool-result');
  const rest = parts.filter((p) => p.type !== 'tool-result');
  const out: ChatMessage[] = [];
  if (results.length) out.push({ role: 'tool', content: results });
  if (rest.length || !results.length) out.push({ role, content: rest });
  return out;
}
