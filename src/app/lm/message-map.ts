// VS Code language-model messages → the core's ChatMessage. Pure: parts are recognised by shape
// rather than by class, so this file needs no vscode import and works with parts built by any
// extension host version (LanguageModelDataPart is newer than the API version we compile against).
import type { ChatMessage, ContentPart, ImagePart, Role, TextPart, ToolCallPart } from '../../core/types';
import type { CallExtras } from './tool-call-memo';

/** VS Code's LanguageModelChatMessageRole values (System is 3 in hosts that send it). */
export const LM_ROLE = { user: 1, assistant: 2, system: 3 } as const;

/** A message as the provider receives it: a role number and heterogeneous parts. */
export interface LmMessageShape {
  role: number;
  content: readonly unknown[];
}

/** A tool call as the caller sent it back. */
interface MappedToolCall {
  id: string;
  name: string;
  input: unknown;
}

/**
 * With `tools: true` (the request gives tools) calls and results become tool-call parts and
 * `role: 'tool'` messages. Without tools they are kept as readable text: some hosts reject tool
 * turns in a request that defines no tools, and the history still makes sense to the model.
 */
interface MapOptions {
  tools: boolean;
  /** What a call carried that the API's part cannot (see ToolCallMemo). */
  extrasOf?(callId: string): CallExtras | undefined;
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
      if (opts.tools) results.push({ role: 'tool', content: [{ type: 'tool-result', toolCallId: p.callId, content: resultContent(p) }] });
      else parts.push({ type: 'text', text: `[result of tool call ${p.callId}]\n${p.text.slice(0, MAX_TOOL_TEXT)}` });
    }
  }
  const out: ChatMessage[] = [...results];
  if (parts.length || calls.length) {
    const text = parts.every((p) => p.type === 'text');
    const extras = calls.map((c) => opts.extrasOf?.(c.id));
    const reasoning = extras.flatMap((x) => x?.reasoning ?? []);
    const callParts = calls.map((c, i) => callPart(c, extras[i]));
    const content =
      text && !calls.length ? parts.map((p) => (p as { text: string }).text).join('') : [...reasoning, ...mergeText(parts), ...callParts];
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

function callPart(c: MappedToolCall, extras: CallExtras | undefined): ToolCallPart {
  const part: ToolCallPart = { type: 'tool-call', id: c.id, name: c.name, args: c.input };
  if (extras?.signature !== undefined) part.signature = extras.signature;
  if (extras?.syntheticId) part.syntheticId = true;
  return part;
}

/** A result's text, or its text and images in order when it holds an image (a screenshot tool). */
function resultContent(p: { text: string; images: ImagePart[]; parts: (TextPart | ImagePart)[] }): string | (TextPart | ImagePart)[] {
  return p.images.length ? p.parts : p.text;
}

type Classified =
  | { kind: 'text'; text: string }
  | { kind: 'image'; mediaType: string; base64: string }
  | { kind: 'tool-call'; call: MappedToolCall }
  | { kind: 'tool-result'; callId: string; text: string; images: ImagePart[]; parts: (TextPart | ImagePart)[] }
  | { kind: 'ignored' };

/** Recognises a part by its fields (text: value; tool call: callId+name+input; result: callId+content; data: mimeType+data). */
function classify(raw: unknown): Classified {
  if (typeof raw === 'string') return { kind: 'text', text: raw };
  if (!raw || typeof raw !== 'object') return { kind: 'ignored' };
  const p = raw as Record<string, unknown>;
  if (typeof p.callId === 'string' && typeof p.name === 'string' && 'input' in p) {
    return { kind: 'tool-call', call: { id: p.callId, name: p.name, input: p.input } };
  }
  if (typeof p.callId === 'string' && Array.isArray(p.content)) return toolResult(p.callId, p.content);
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

function toolResult(callId: string, content: readonly unknown[]): Classified {
  const parts: (TextPart | ImagePart)[] = [];
  for (const raw of content) {
    const c = classify(raw);
    if (c.kind === 'image') parts.push({ type: 'image', mediaType: c.mediaType, data: c.base64 });
    else {
      const t = partText(raw);
      if (t) parts.push({ type: 'text', text: t });
    }
  }
  const images = parts.filter((x): x is ImagePart => x.type === 'image');
  return { kind: 'tool-result', callId, text: content.map(partText).join(''), images, parts: mergeText(parts) as (TextPart | ImagePart)[] };
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
