// Helpers every family's request builder shares for tool calls, tool results and reasoning parts.
import type { ChatMessage, ContentPart, ImagePart, TextPart, ToolCallPart, ToolResultPart } from '../types';

/** Message content as a list of parts (a plain string is one text part). */
export function partsOf(content: string | ContentPart[]): ContentPart[] {
  return typeof content === 'string' ? (content ? [{ type: 'text', text: content }] : []) : content;
}

/** Every tool call in the conversation by id, so a result can find its call's name and origin. */
export function toolCallsById(messages: readonly ChatMessage[]): Map<string, ToolCallPart> {
  const byId = new Map<string, ToolCallPart>();
  for (const m of messages) {
    if (typeof m.content === 'string') continue;
    for (const p of m.content) if (p.type === 'tool-call') byId.set(p.id, p);
  }
  return byId;
}

/** A tool result's content as parts. */
export function resultParts(r: ToolResultPart): (TextPart | ImagePart)[] {
  return typeof r.content === 'string' ? [{ type: 'text', text: r.content }] : r.content;
}

/** A tool result's text, images left out. */
export function resultText(r: ToolResultPart): string {
  return resultParts(r)
    .map((p) => (p.type === 'text' ? p.text : ''))
    .join('');
}

/** True when the result carries an image. */
export function resultHasImage(r: ToolResultPart): boolean {
  return typeof r.content !== 'string' && r.content.some((p) => p.type === 'image');
}

/** Arguments as the JSON text OpenAI-style wires carry; a missing value is an empty object. */
export function argsJson(args: unknown): string {
  return JSON.stringify(args ?? {});
}
