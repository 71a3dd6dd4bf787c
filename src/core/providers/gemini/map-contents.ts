// ChatMessage[] → Gemini `contents`: function calls and responses, thought parts and their
// `thoughtSignature` back on the parts they arrived on.
// @see https://ai.google.dev/gemini-api/docs/function-calling
// @see https://ai.google.dev/gemini-api/docs/thought-signatures
import type { ChatMessage, ContentPart, ToolCallPart, ToolResultPart, Warning } from '../../types';
import { contentText } from '../../types';
import { partsOf, resultHasImage, resultText, toolCallsById } from '../message-parts';

/** A part of a Gemini `Content` as we send it. */
type GeminiRequestPart =
  | { text: string; thought?: boolean; thoughtSignature?: string }
  | { inlineData: { mimeType: string; data: string } }
  | { functionCall: { name: string; args: unknown; id?: string }; thoughtSignature?: string }
  | { functionResponse: { name: string; response: Record<string, unknown>; id?: string } };

/** One `Content` turn. */
export interface GeminiContent {
  role: 'user' | 'model';
  parts: GeminiRequestPart[];
}

/** Converts the conversation; system text is returned separately for `systemInstruction`. */
export function toGeminiContents(messages: readonly ChatMessage[], warnings: Warning[]): { system: string[]; contents: GeminiContent[] } {
  const calls = toolCallsById(messages);
  const system: string[] = [];
  const contents: GeminiContent[] = [];
  messages.forEach((m, i) => {
    if (m.role === 'system') {
      const t = contentText(m.content);
      if (t) system.push(t);
      return;
    }
    const role = m.role === 'assistant' ? 'model' : 'user';
    const parts = partsOf(m.content).flatMap((p) => toPart(p, role, calls, `messages[${i}]`, warnings));
    // Gemini rejects a turn with no parts; an empty turn (e.g. a cancelled answer) carries nothing anyway.
    if (parts.length === 0) return;
    const prev = contents[contents.length - 1];
    // Gemini wants user and model turns to alternate, so consecutive same-role turns become one.
    if (prev && prev.role === role) prev.parts.push(...parts);
    else contents.push({ role, parts });
  });
  return { system, contents };
}

function toPart(
  p: ContentPart,
  role: 'user' | 'model',
  calls: Map<string, ToolCallPart>,
  where: string,
  warnings: Warning[],
): GeminiRequestPart[] {
  switch (p.type) {
    case 'text':
      return p.text ? [{ text: p.text }] : [];
    case 'image':
      return [{ inlineData: { mimeType: p.mediaType, data: p.data } }];
    case 'tool-call':
      if (role !== 'model') return [];
      return [
        {
          functionCall: { name: p.name, args: p.args ?? {}, ...(p.syntheticId ? {} : { id: p.id }) },
          ...(p.signature ? { thoughtSignature: p.signature } : {}),
        },
      ];
    case 'tool-result':
      return [functionResponse(p, calls.get(p.toolCallId), where, warnings)];
    case 'reasoning':
      // A thought signature only verifies on Gemini; other families' reasoning is left out.
      if (role !== 'model' || p.family !== 'gemini' || (!p.text && !p.signature)) return [];
      return [{ text: p.text, thought: true, ...(p.signature ? { thoughtSignature: p.signature } : {}) }];
  }
}

function functionResponse(r: ToolResultPart, call: ToolCallPart | undefined, where: string, warnings: Warning[]): GeminiRequestPart {
  if (resultHasImage(r))
    warnings.push({
      parameter: `${where}.content`,
      message: 'Gemini function responses carry text here; the image in the result was left out.',
    });
  const name = r.toolName ?? call?.name ?? 'unknown_tool';
  const text = resultText(r);
  const response = r.isError ? { error: text } : { result: text };
  return { functionResponse: { name, response, ...(call?.syntheticId ? {} : { id: r.toolCallId }) } };
}
