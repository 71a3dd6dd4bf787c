// VS Code language-model messages → the core's ChatMessage. Pure: parts are recognised by shape
// rather than by class, so this file needs no vscode import and works with parts built by any
// extension host version (LanguageModelDataPart is newer than the API version we compile against).
import type { ChatMessage, ContentPart, Role } from '../../core/types';

/**
 * Whether the core carries tool calls yet. Today `ChatRequest.tools` and `ChatMessage.toolCalls`
 * are placeholders the adapters ignore, so the offer reports no tool calling and tool parts in a
 * history are kept as text. Flip this once the adapters send tools and stream tool-call events.
 */
export const CORE_SUPPORTS_TOOLS = false;

/** VS Code's LanguageModelChatMessageRole values (System is 3 in hosts that send it). */
export const LM_ROLE = { user: 1, assistant: 2, system: 3 } as const;

/** A message as the provider receives it: a role number and heterogeneous parts. */
export interface LmMessageShape {
  role: number;
  content: readonly unknown[];
}

/** A tool call as the core will carry it once tools land (`ChatMessage.toolCalls`). */
export interface MappedToolCall {
  id: string;
  name: string;
  input: unknown;
}

/**
 * The seam for tool calling. Until the core carries tool calls (`tools: false`), calls and results
 * are kept as readable text so a conversation that used tools elsewhere still makes sense to the
 * model; with `tools: true` they become structured `toolCalls` and `role: 'tool'` messages.
 */
export interface MapOptions {
  tools: boolean;
}

/** Caps a tool result rendered as text, so a huge file listing cannot crowd out the prompt. */
const MAX_TOOL_TEXT = 20_000;

/** Maps every message, dropping ones left empty (e.g. only cache hints). */
export function toChatMessages(messages: readonly LmMessageShape[], opts: MapOptions): ChatMessage[] {
  return messages.flatMap((m) => mapMessage(m, opts));
}

function roleOf(n: number): Role {
  if (n === LM_ROLE.assistant) return 'assistant';
  if (n === LM_ROLE.system) return 'system';
  return 'user';
}

function mapMessage(m: LmMessageShape, opts: MapOptions): ChatMessage[] {
  const role = roleOf(m.role);
  const parts: ContentPart[] = [];
  const calls: MappedToolCall[] = [];
  const results: ChatMessage[] = [];
  for (const raw of m.content) {
    const p = classify(raw);
    if (p.kind === 'text') parts.push({ type: 'text', text: p.text });
    else if (p.kind === 'image') parts.push({ type: 'image', mediaType: p.mediaType, data: p.base64 });
    else if (p.kind === 'tool-call') {
      if (opts.tools) calls.push(p.call);
      else parts.push({ type: 'text', text: `[called tool ${p.call.name} with ${safeJson(p.call.input)}]` });
    } else if (p.kind === 'tool-result') {
      if (opts.tools) results.push({ role: 'tool', content: [{ type: 'tool-result', toolCallId: p.callId, content: p.text }] });
      else parts.push({ type: 'text', text: `[result of tool call ${p.callId}]\n${p.text.slice(0, MAX_TOOL_TEXT)}` });
    }
  }
  const out: ChatMessage[] = [...results];
  if (parts.length || calls.length) {
    const text = parts.every((p) => p.type === 'text');
    const callParts: ContentPart[] = calls.map((c) => ({ type: 'tool-call', id: c.id, name: c.name, args: c.input }));
    const content = text && !calls.length ? parts.map((p) => (p as { text: string }).text).join('') : [...mergeText(parts), ...callParts];
    out.push({ role, content });
  }
  return out;
}

/** Adjacent text parts joined, images kept in place. */
function mergeText(parts: ContentPart[]): ContentPart[] {
  const out: ContentPart[] = [];
  for (const p of parts) {
    const last = out.at(-1);
    if (p.type === 'text' && last?.type === 'text') out[out.length - 1] = { type: 'text', text: last.text + p.text };
    else out.push(p);
  }
  return out;
}

type Classified =
  | { kind: 'text'; text: string }
  | { kind: 'image'; mediaType: string; base64: string }
  | { kind: 'tool-call'; call: MappedToolCall }
  | { kind: 'tool-result'; callId: string; text: string }
  | { kind: 'ignored' };

/** Recognises a part by its fields (text: value; tool call: callId+name+input; result: callId+content; data: mimeType+data). */
export function classify(raw: unknown): Classified {
  if (typeof raw === 'string') return { kind: 'text', text: raw };
  if (!raw || typeof raw !== 'object') return { kind: 'ignored' };
  const p = raw as Record<string, unknown>;
  if (typeof p.callId === 'string' && typeof p.name === 'string' && 'input' in p) {
    return { kind: 'tool-call', call: { id: p.callId, name: p.name, input: p.input } };
  }
  if (typeof p.callId === 'string' && Array.isArray(p.content)) {
    return { kind: 'tool-result', callId: p.callId, text: p.content.map(partText).join('') };
  }
  if (typeof p.value === 'string') return { kind: 'text', text: p.value };
  if (typeof p.mimeType === 'string' && p.data instanceof Uint8Array) return dataPart(p.mimeType, p.data);
  return { kind: 'ignored' };
}

/** Images go to the model as images; text-like data as text; anything else (e.g. cache hints) is dropped. */
function dataPart(mimeType: string, data: Uint8Array): Classified {
  if (mimeType.startsWith('image/')) return { kind: 'image', mediaType: mimeType, base64: Buffer.from(data).toString('base64') };
  if (mimeType.startsWith('text/') || mimeType === 'application/json') return { kind: 'text', text: Buffer.from(data).toString('utf8') };
  return { kind: 'ignored' };
}

/** Text of a part inside a tool result (text parts, text-like data, else a JSON rendering). */
function partText(raw: unknown): string {
  const c = classify(raw);
  if (c.kind === 'text') return c.text;
  if (c.kind === 'image') return `[image ${c.mediaType}]`;
  const isData = raw && typeof raw === 'object' && 'mimeType' in raw;
  return c.kind === 'ignored' && raw && typeof raw === 'object' && !isData ? safeJson(raw) : '';
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? 'null';
  } catch {
    return String(v);
  }
}

/** True when any message carries an image (a capable model must then take images). */
export function hasImages(messages: readonly ChatMessage[]): boolean {
  return messages.some((m) => typeof m.content !== 'string' && m.content.some((p) => p.type === 'image'));
}
