// `GET {base}/models` → ModelInfo[]. OpenAI, OpenRouter, Groq, Mistral, Ollama, LM Studio and
// vLLM answer `{data:[…]}`; Together answers a bare array. Context fields differ per host.
// @see https://platform.openai.com/docs/api-reference/models/list
import { z } from 'zod';
import { ProviderError, redactAndClip } from '../../errors';
import { toTransportError } from '../../http/client';
import type { ModelInfo } from '../../types';
import type { CallContext } from '../descriptor';
import { errorFromResponse } from '../http-error';
import { authHeaders, joinUrl } from '../request-util';
import { parseOpenAIErrorBody } from './error-body';

const positive = z.number().positive().nullish().catch(undefined);

const modelSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().nullish().catch(undefined),
    display_name: z.string().nullish().catch(undefined),
    /** Together: chat, language, code, image, embedding, moderation, rerank, audio… */
    type: z.string().nullish().catch(undefined),
    context_length: positive,
    context_window: positive,
    max_model_len: positive,
    max_context_length: positive,
    max_completion_tokens: positive,
    top_provider: z.object({ context_length: positive, max_completion_tokens: positive }).loose().nullish().catch(undefined),
  })
  .loose();

/** The listing in either shape. Entries that fail validation are dropped, not fatal. */
const modelListSchema = z.union([z.object({ data: z.array(z.unknown()) }).loose(), z.array(z.unknown())]);

const NON_CHAT_TYPES = new Set(['image', 'embedding', 'moderation', 'rerank', 'audio', 'transcribe', 'tts']);

/** Normalizes a parsed listing body. */
export function normalizeModelList(body: unknown, provider: string): ModelInfo[] {
  const r = modelListSchema.safeParse(body);
  if (!r.success) {
    throw new ProviderError({
      category: 'protocol',
      provider,
      message: `${provider} returned a model list in an unexpected shape.`,
      retryable: true,
    });
  }
  const entries = Array.isArray(r.data) ? r.data : r.data.data;
  const out: ModelInfo[] = [];
  for (const e of entries) {
    const m = modelSchema.safeParse(e);
    if (!m.success) continue;
    const x = m.data;
    if (x.type && NON_CHAT_TYPES.has(x.type)) continue;
    out.push({
      id: x.id,
      displayName: x.name ?? x.display_name ?? x.id,
      contextWindow:
        x.context_length ?? x.context_window ?? x.max_model_len ?? x.max_context_length ?? x.top_provider?.context_length ?? undefined,
      maxOutputTokens: x.top_provider?.max_completion_tokens ?? x.max_completion_tokens ?? undefined,
    });
  }
  return out;
}

/** Fetches and normalizes the provider's model list. Throws ProviderError. */
export async function listOpenAIModels(ctx: CallContext, signal?: AbortSignal): Promise<ModelInfo[]> {
  const d = ctx.descriptor;
  const secrets = ctx.apiKey ? [ctx.apiKey] : [];
  const res = await ctx.http.send({
    method: 'GET',
    url: joinUrl(d.baseUrl, 'models'),
    headers: { accept: 'application/json', ...(d.extraHeaders ?? {}), ...authHeaders(d, ctx.apiKey) },
    signal,
    provider: d.id,
  });
  if (res.status < 200 || res.status >= 300) throw await errorFromResponse(res, d, parseOpenAIErrorBody, secrets);
  let text: string;
  try {
    text = await res.text(20_000_000);
  } catch (e) {
    throw toTransportError(e, d.id, false);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ProviderError({
      category: 'protocol',
      provider: d.id,
      message: `${d.displayName} returned a model list that is not JSON: ${redactAndClip(text, 120, secrets)}`,
      retryable: true,
    });
  }
  return normalizeModelList(body, d.id);
}
