// OpenAI tool turns → core messages: an assistant message with `tool_calls` (or legacy
// `function_call`) becomes text plus tool-call parts; a `tool` (or legacy `function`) message
// becomes a tool message with one tool-result part.
import type { ChatMessage, ContentPart, ImagePart, TextPart } from '../../core/types';
import { GatewayRequestError } from '../request-error';

type Raw = Record<string, unknown>;
const isObj = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
type Part = Raw & { type: string };

/** The fields of a Chat Completions message this module reads. */
interface OpenAIMessageIn {
  role: string;
  content?: string | Part[] | null;
  tool_calls?: unknown[];
  function_call?: unknown;
  tool_call_id?: string;
  name?: unknown;
}

type Contents = (c: string | Part[], field: string) => string | ContentPart[];

/** Arguments arrive as JSON text; the core keeps them parsed. Text that is not JSON is refused with its place. */
function parseArgs(text: unknown, field: string): unknown {
  if (text === undefined || text === null || text === '') return {};
  if (typeof text !== 'string') return text;
  try {
    return JSON.parse(text);
  } catch {
    throw new GatewayRequestError(400, `${field}: the arguments are not valid JSON.`, 'invalid_request', field);
  }
}

function callOf(c: unknown, field: string): ContentPart {
  const f = isObj(c) && isObj(c.function) ? c.function : undefined;
  if (!isObj(c) || typeof c.id !== 'string' || !f || typeof f.name !== 'string')
    throw new GatewayRequestError(400, `${field}: expected {id, type: "function", function: {name, arguments}}.`, 'invalid_request', field);
  return { type: 'tool-call', id: c.id, name: f.name, args: parseArgs(f.arguments, `${field}.function.arguments`) };
}

function resultContent(parts: string | ContentPart[]): string | (TextPart | ImagePart)[] {
  if (typeof parts === 'string') return parts;
  return parts.filter((p): p is TextPart | ImagePart => p.type === 'text' || p.type === 'image');
}

/** The core message of a tool turn, or undefined when `m` is not one. */
export function toolTurnOf(m: OpenAIMessageIn, i: number, contents: Contents): ChatMessage | undefined {
  const field = `messages[${i}]`;
  if (m.role === 'tool' || m.role === 'function') {
    const id = m.role === 'tool' ? m.tool_call_id : typeof m.name === 'string' ? m.name : undefined;
    if (!id)
      throw new GatewayRequestError(
        400,
        `${field}.tool_call_id: a tool message must name the call it answers.`,
        'invalid_request',
        `${field}.tool_call_id`,
      );
    const content = resultContent(contents(m.content ?? '', `${field}.content`));
    return {
      role: 'tool',
      content: [{ type: 'tool-result', toolCallId: id, ...(m.role === 'function' ? { toolName: id } : {}), content }],
    };
  }
  const legacy =
    isObj(m.function_call) && typeof m.function_call.name === 'string' ? [{ id: m.function_call.name, function: m.function_call }] : [];
  const calls = [...(m.tool_calls ?? []), ...legacy];
  if (m.role !== 'assistant' || calls.length === 0) return undefined;
  const text = m.content ? contents(m.content, `${field}.content`) : '';
  const parts: ContentPart[] = typeof text === 'string' ? (text ? [{ type: 'text', text }] : []) : text;
  calls.forEach((c, j) => parts.push(callOf(c, `${field}.tool_calls[${j}]`)));
  return { role: 'assistant', content: parts };
}
