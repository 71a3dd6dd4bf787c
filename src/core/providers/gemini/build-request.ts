// Builds the `:streamGenerateContent?alt=sse` call from the common ChatRequest.
import type { HttpRequest } from '../../http/client';
import type { ChatMessage, ChatRequest, ContentPart } from '../../types';
import { contentText } from '../../types';
import type { ProviderDescriptor } from '../descriptor';
import { authHeaders, joinUrl } from '../request-util';

/** A part of a Gemini `Content` as we send it. */
export type GeminiRequestPart = { text: string } | { inlineData: { mimeType: string; data: string } };

/** One `Content` turn. */
export interface GeminiContent {
  role: 'user' | 'model';
  parts: GeminiRequestPart[];
}

/** The JSON body of a GenerateContentRequest, limited to what we send. */
export interface GeminiRequestBody {
  contents: GeminiContent[];
  systemInstruction?: { parts: { text: string }[] };
  generationConfig?: Record<string, unknown>;
}

/** Model path segment: accepts `gemini-2.5-pro`, `models/gemini-2.5-pro` or `tunedModels/x`. */
export function geminiModelPath(model: string): string {
  const m = model.trim();
  if (m.startsWith('tunedModels/')) return `tunedModels/${encodeURIComponent(m.slice('tunedModels/'.length))}`;
  return `models/${encodeURIComponent(m.replace(/^models\//, ''))}`;
}

/** Translates messages, system prompt and sampling options to Gemini's body. */
export function buildGeminiBody(req: ChatRequest): GeminiRequestBody {
  const system: string[] = [];
  const contents: GeminiContent[] = [];
  for (const m of req.messages) {
    if (m.role === 'system') {
      const t = contentText(m.content);
      if (t) system.push(t);
      continue;
    }
    const parts = partsOf(m);
    // Gemini rejects a turn with no parts; an empty turn (e.g. a cancelled answer) carries nothing anyway.
    if (parts.length === 0) continue;
    const role = m.role === 'assistant' ? 'model' : 'user';
    const prev = contents[contents.length - 1];
    // Gemini wants user and model turns to alternate, so consecutive same-role turns become one.
    if (prev && prev.role === role) prev.parts.push(...parts);
    else contents.push({ role, parts });
  }
  const body: GeminiRequestBody = { contents };
  if (system.length) body.systemInstruction = { parts: system.map((text) => ({ text })) };
  const gen = generationConfig(req);
  if (Object.keys(gen).length) body.generationConfig = gen;
  return body;
}

/** The full HTTP request for one streaming call. */
export function buildGeminiRequest(d: ProviderDescriptor, apiKey: string | undefined, req: ChatRequest): HttpRequest {
  return {
    method: 'POST',
    url: joinUrl(d.baseUrl, `${geminiModelPath(req.model)}:streamGenerateContent?alt=sse`),
    headers: {
      'content-type': 'application/json',
      accept: 'text/event-stream',
      ...d.extraHeaders,
      ...authHeaders(d, apiKey),
    },
    body: JSON.stringify(buildGeminiBody(req)),
    signal: req.signal,
    provider: d.id,
  };
}

function partsOf(m: ChatMessage): GeminiRequestPart[] {
  const content: ContentPart[] = typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : m.content;
  const out: GeminiRequestPart[] = [];
  for (const p of content) {
    if (p.type === 'text') {
      if (p.text) out.push({ text: p.text });
    } else {
      out.push({ inlineData: { mimeType: p.mediaType, data: p.data } });
    }
  }
  return out;
}

function generationConfig(req: ChatRequest): Record<string, unknown> {
  const gen: Record<string, unknown> = {};
  if (req.temperature !== undefined) gen.temperature = req.temperature;
  if (req.maxOutputTokens !== undefined) gen.maxOutputTokens = req.maxOutputTokens;
  if (req.stopSequences?.length) gen.stopSequences = req.stopSequences;
  const g = req.providerOptions?.gemini;
  if (g && (g.thinkingBudget !== undefined || g.includeThoughts !== undefined)) {
    const thinking: Record<string, unknown> = {};
    if (g.thinkingBudget !== undefined) thinking.thinkingBudget = g.thinkingBudget;
    if (g.includeThoughts !== undefined) thinking.includeThoughts = g.includeThoughts;
    gen.thinkingConfig = thinking;
  }
  // Last, so a user's explicit extra (topK, responseMimeType, a whole thinkingConfig…) wins.
  if (g?.extraGenerationConfig) Object.assign(gen, g.extraGenerationConfig);
  return gen;
}
