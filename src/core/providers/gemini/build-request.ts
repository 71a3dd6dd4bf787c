// Builds the `:streamGenerateContent?alt=sse` call from the common ChatRequest.
import type { HttpRequest } from '../../http/client';
import type { ChatRequest, Warning } from '../../types';
import type { ProviderDescriptor } from '../descriptor';
import { authHeaders, joinUrl } from '../request-util';
import { assertServes } from '../unsupported';
import { toGeminiContents, type GeminiContent } from './map-contents';
import { geminiReasoning, geminiToolConfig, geminiTools } from './map-tools';

export type { GeminiContent } from './map-contents';

/** The JSON body of a GenerateContentRequest, limited to what we send. */
interface GeminiRequestBody {
  contents: GeminiContent[];
  systemInstruction?: { parts: { text: string }[] };
  tools?: Record<string, unknown>[];
  toolConfig?: Record<string, unknown>;
  generationConfig?: Record<string, unknown>;
}
/** Model path segment: accepts `gemini-2.5-pro`, `models/gemini-2.5-pro` or `tunedModels/x`. */
export function geminiModelPath(model: string): string {
  const m = model.trim();
  if (m.startsWith('tunedModels/')) return `tunedModels/${encodeURIComponent(m.slice('tunedModels/'.length))}`;
  return `models/${encodeURIComponent(m.replace(/^models\//, ''))}`;
}

/** Translates messages, system prompt, tools and sampling options to Gemini's body. */
export function buildGeminiBody(req: ChatRequest, warnings: Warning[] = [], d?: ProviderDescriptor): GeminiRequestBody {
  if (d) assertServes(req, d);
  const { system, contents } = toGeminiContents(req.messages, warnings);
  const body: GeminiRequestBody = { contents };
  if (system.length) body.systemInstruction = { parts: system.map((text) => ({ text })) };
  const tools = geminiTools(req, warnings);
  if (tools) body.tools = tools;
  const toolConfig = geminiToolConfig(req);
  if (toolConfig) body.toolConfig = toolConfig;
  const gen = generationConfig(req, warnings, d);
  if (Object.keys(gen).length) body.generationConfig = gen;
  return body;
}

/** The full HTTP request for one streaming call. */
export function buildGeminiRequest(
  d: ProviderDescriptor,
  apiKey: string | undefined,
  req: ChatRequest,
  warnings: Warning[] = [],
): HttpRequest {
  return {
    method: 'POST',
    url: joinUrl(d.baseUrl, `${geminiModelPath(req.model)}:streamGenerateContent?alt=sse`),
    headers: {
      'content-type': 'application/json',
      accept: 'text/event-stream',
      ...d.extraHeaders,
      ...authHeaders(d, apiKey),
    },
    body: JSON.stringify(buildGeminiBody(req, warnings, d)),
    signal: req.signal,
    provider: d.id,
  };
}

function generationConfig(req: ChatRequest, warnings: Warning[], d: ProviderDescriptor | undefined): Record<string, unknown> {
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
  const thinking = geminiReasoning(req, d, warnings);
  if (thinking) gen.thinkingConfig = thinking;
  if (req.responseFormat) {
    gen.responseMimeType = 'application/json';
    gen.responseJsonSchema = req.responseFormat.schema;
  }
  // Last, so a user's explicit extra (topK, responseMimeType, a whole thinkingConfig…) wins.
  if (g?.extraGenerationConfig) Object.assign(gen, g.extraGenerationConfig);
  return gen;
}
