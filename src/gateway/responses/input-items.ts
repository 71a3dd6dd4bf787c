// Responses `input` items → core messages. Items of one assistant turn (reasoning, message,
// function calls) join into one assistant message and consecutive call outputs into one tool
// message, as every host family expects a turn's calls and results together. Reasoning items
// come back with the state the gateway put in `encrypted_content`; anything a host cannot take
// is reported through `warn`, never dropped in silence.
import type { ChatMessage, ContentPart, ImagePart, TextPart, ToolCallPart } from '../../core/types';
import { imageFromDataUrl } from '../lenient';
import { GatewayRequestError } from '../request-error';
import { decodeReasoningState, type ReasoningState } from './reasoning-state';

type Raw = Record<string, unknown>;
const isObj = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Items of built-in tools that only OpenAI's servers run: their results cannot reach another host. */
const BUILT_IN_CALLS = new Set([
  'web_search_call',
  'file_search_call',
  'computer_call',
  'computer_call_output',
  'local_shell_call',
  'local_shell_call_output',
  'image_generation_call',
  'code_interpreter_call',
  'mcp_call',
  'mcp_list_tools',
  'mcp_approval_request',
  'mcp_approval_response',
]);

const bad = (field: string, message: string, code = 'invalid_request') => new GatewayRequestError(400, `${field}: ${message}`, code, field);

/** Builds the message list item by item. */
class Conversation {
  readonly messages: ChatMessage[] = [];
  private readonly calls: ToolCallPart[] = [];
  private readonly states: ReasoningState[] = [];

  add(role: ChatMessage['role'], parts: ContentPart[]): void {
    if (!parts.length) return;
    const last = this.messages.at(-1);
    const joins = (role === 'assistant' || role === 'tool') && last?.role === role && Array.isArray(last.content);
    if (joins) (last.content as ContentPart[]).push(...parts);
    else this.messages.push({ role, content: parts });
    for (const p of parts) if (p.type === 'tool-call') this.calls.push(p);
  }

  system(text: string): void {
    if (text) this.messages.push({ role: 'system', content: text });
  }

  keep(state: ReasoningState): void {
    this.states.push(state);
    this.add('assistant', state.parts);
  }

  /** Puts each call's host state (Gemini's signature, a made-up id) back on the call it belongs to. */
  finish(): ChatMessage[] {
    for (const s of this.states)
      for (const [id, extra] of Object.entries(s.calls ?? {}))
        for (const c of this.calls.filter((c) => c.id === id)) {
          if (extra.signature) c.signature = extra.signature;
          if (extra.syntheticId) c.syntheticId = true;
        }
    return this.messages;
  }
}

function textOrImage(p: unknown, field: string): TextPart | ImagePart {
  if (!isObj(p) || typeof p.type !== 'string') throw bad(field, 'expected a content part with a type.');
  if ((p.type === 'input_text' || p.type === 'output_text' || p.type === 'text') && typeof p.text === 'string')
    return { type: 'text', text: p.text };
  if (p.type === 'refusal' && typeof p.refusal === 'string') return { type: 'text', text: p.refusal };
  if (p.type === 'input_image') {
    if (typeof p.image_url !== 'string')
      throw bad(
        field,
        'only images given as base64 data: URLs in image_url are accepted (file_id needs OpenAI’s file store).',
        'unsupported_content',
      );
    return imageFromDataUrl(p.image_url, field);
  }
  throw bad(
    field,
    `content of type "${p.type}" is not supported by this gateway (input_text, output_text and input_image are).`,
    'unsupported_content',
  );
}

function contentOf(c: unknown, field: string): TextPart[] | (TextPart | ImagePart)[] {
  if (typeof c === 'string') return c ? [{ type: 'text', text: c }] : [];
  if (!Array.isArray(c)) throw bad(field, 'expected a string or a list of content parts.');
  return c.map((p, j) => textOrImage(p, `${field}[${j}]`));
}

/** Arguments arrive as JSON text; the core keeps them parsed. A model may have written text that is not JSON. */
function argsOf(text: unknown, field: string, warn: (parameter: string) => void): unknown {
  if (typeof text !== 'string' || text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    warn(field);
    return {};
  }
}

function message(item: Raw, field: string, conv: Conversation, warn: (parameter: string) => void): void {
  const role = item.role;
  if (role !== 'user' && role !== 'assistant' && role !== 'system' && role !== 'developer')
    throw bad(`${field}.role`, 'expected "user", "assistant", "system" or "developer".');
  const parts = contentOf(item.content, `${field}.content`);
  if (role === 'user' || role === 'assistant') return conv.add(role, parts);
  // Every host family takes system text only.
  if (parts.some((p) => p.type !== 'text')) warn(`${field}.content.input_image`);
  conv.system(parts.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join('\n'));
}

function callId(item: Raw, field: string): string {
  if (typeof item.call_id !== 'string' || !item.call_id) throw bad(`${field}.call_id`, 'expected the id of the call.');
  return item.call_id;
}

/** One input item into the conversation. */
function addItem(item: unknown, i: number, conv: Conversation, warn: (parameter: string) => void): void {
  const field = `input[${i}]`;
  if (!isObj(item)) throw bad(field, 'expected an object.');
  const type = item.type ?? 'message';
  if (type === 'message') return message(item, field, conv, warn);
  if (type === 'function_call' || type === 'custom_tool_call') {
    if (typeof item.name !== 'string') throw bad(`${field}.name`, 'expected the name of the function.');
    const args = type === 'function_call' ? argsOf(item.arguments, `${field}.arguments`, warn) : { input: item.input ?? '' };
    return conv.add('assistant', [{ type: 'tool-call', id: callId(item, field), name: item.name, args }]);
  }
  if (type === 'function_call_output' || type === 'custom_tool_call_output') {
    const content = contentOf(item.output ?? '', `${field}.output`);
    const onlyText = content.every((p) => p.type === 'text');
    const result = onlyText ? content.map((p) => (p as TextPart).text).join('') : content;
    return conv.add('tool', [{ type: 'tool-result', toolCallId: callId(item, field), content: result }]);
  }
  if (type === 'reasoning') {
    // Summaries are not model input (OpenAI drops them too); only the host's own state is.
    if (typeof item.encrypted_content !== 'string' || !item.encrypted_content) return;
    const state = decodeReasoningState(item.encrypted_content);
    if (state) return conv.keep(state);
    // State another server made cannot be verified by any host here.
    return warn(`${field}.reasoning`);
  }
  if (type === 'item_reference')
    throw bad(field, 'item_reference needs stored responses; this gateway keeps none. Send the items themselves.', 'unsupported_parameter');
  if (typeof type === 'string' && BUILT_IN_CALLS.has(type)) return warn(`${field}.${type}`);
  throw bad(`${field}.type`, `items of type "${String(type)}" are not supported by this gateway.`, 'unsupported_value');
}

/** The messages of `instructions` and `input`; `warn` names what was left out. */
export function messagesOfInput(
  instructions: string | undefined,
  input: string | unknown[],
  warn: (parameter: string) => void,
): ChatMessage[] {
  const conv = new Conversation();
  if (instructions) conv.system(instructions);
  if (typeof input === 'string') conv.add('user', [{ type: 'text', text: input }]);
  else input.forEach((item, i) => addItem(item, i, conv, warn));
  return conv.finish();
}
