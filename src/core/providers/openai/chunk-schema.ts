// The shape of one `chat.completion.chunk` as OpenAI-compatible hosts stream it.
// zod is the source of truth; `validateChunk` adds a hand-written fast path for the common
// text-delta chunk because a full zod parse per token costs more than the rest of the loop.
// @see https://platform.openai.com/docs/api-reference/chat-streaming/streaming
import { z } from 'zod';

/** Usage block of the final chunk (OpenAI, OpenRouter, DeepSeek, Groq's `x_groq.usage`). */
const usageSchema = z
  .object({
    prompt_tokens: z.number().nullish(),
    completion_tokens: z.number().nullish(),
    total_tokens: z.number().nullish(),
    prompt_tokens_details: z.object({ cached_tokens: z.number().nullish(), cache_write_tokens: z.number().nullish() }).loose().nullish(),
    completion_tokens_details: z.object({ reasoning_tokens: z.number().nullish() }).loose().nullish(),
    /** DeepSeek's own cache counters (it also fills prompt_tokens_details.cached_tokens on newer models). */
    prompt_cache_hit_tokens: z.number().nullish(),
    /** OpenRouter: what the call cost, in USD credits. */
    cost: z.number().nullish(),
    cost_details: z.object({ upstream_inference_cost: z.number().nullish() }).loose().nullish(),
  })
  .loose();

/** Wire usage as validated. */
export type WireUsage = z.infer<typeof usageSchema>;

/** An in-band error object (OpenRouter mid-stream errors, some vLLM-based hosts). */
const inBandErrorSchema = z
  .object({
    message: z.unknown().optional(),
    code: z.union([z.string(), z.number()]).nullish(),
    type: z.string().nullish(),
    metadata: z.object({ error_type: z.string().nullish() }).loose().nullish(),
  })
  .loose();

/** One part of an array-valued delta.content (Mistral Magistral). */
const contentPartSchema = z
  .object({
    type: z.string(),
    text: z.string().nullish(),
    thinking: z.array(z.object({ type: z.string().optional(), text: z.string().nullish() }).loose()).nullish(),
  })
  .loose();

/** A validated content part. */
export type ContentPartWire = z.infer<typeof contentPartSchema>;

/** One fragment of a streamed tool call. Only the first fragment of a call carries id and name. */
const toolCallDeltaSchema = z
  .object({
    index: z.number().int().nonnegative().optional(),
    id: z.string().nullish(),
    type: z.string().nullish(),
    function: z.object({ name: z.string().nullish(), arguments: z.string().nullish() }).loose().nullish(),
  })
  .loose();

/** A validated tool-call fragment. */
export type ToolCallDelta = z.infer<typeof toolCallDeltaSchema>;

const deltaSchema = z
  .object({
    role: z.string().nullish(),
    /** A string almost everywhere; Mistral's reasoning models send typed parts (`text`, `thinking`). */
    content: z.union([z.string(), z.array(z.lazy(() => contentPartSchema))]).nullish(),
    /** DeepSeek, xAI, Together: reasoning text. */
    reasoning_content: z.string().nullish(),
    /** OpenRouter, Groq, Ollama: reasoning text. */
    reasoning: z.string().nullish(),
    /** Fragments of tool calls, keyed by `index`; several calls may interleave. */
    tool_calls: z.array(z.lazy(() => toolCallDeltaSchema)).nullish(),
    /** OpenRouter: structured reasoning (text with signature, encrypted, summary) to send back next turn. */
    reasoning_details: z.array(z.looseObject({ type: z.string() })).nullish(),
  })
  .loose();

const choiceSchema = z
  .object({
    index: z.number().optional(),
    delta: deltaSchema.nullish(),
    finish_reason: z.string().nullish(),
  })
  .loose();

/** One streamed chunk. Every field is optional because hosts trim them differently. */
export const chunkSchema = z
  .object({
    id: z.string().nullish(),
    model: z.string().nullish(),
    /** OpenRouter: the upstream host that served this request. */
    provider: z.string().nullish(),
    choices: z.array(choiceSchema).nullish(),
    usage: usageSchema.nullish(),
    /** Groq puts usage here on the last chunk. */
    x_groq: z.object({ usage: usageSchema.nullish() }).loose().nullish(),
    error: inBandErrorSchema.nullish(),
  })
  .loose();

/** A validated chunk. */
export type Chunk = z.infer<typeof chunkSchema>;

/** Why a payload was rejected, for the protocol error's message. */
type ChunkValidation = { ok: true; chunk: Chunk } | { ok: false; issue: string };

/**
 * Validates a parsed JSON payload. Plain text/reasoning deltas (nearly every chunk) are
 * checked structurally by hand; anything else (usage, errors, tool calls, odd hosts) goes
 * through the zod schema, so every chunk is validated one way or the other.
 */
export function validateChunk(raw: unknown): ChunkValidation {
  if (isPlainDeltaChunk(raw)) return { ok: true, chunk: raw as Chunk };
  const r = chunkSchema.safeParse(raw);
  if (r.success) return { ok: true, chunk: r.data };
  const first = r.error.issues[0];
  return { ok: false, issue: first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'invalid chunk' };
}

const optStr = (v: unknown) => v === undefined || v === null || typeof v === 'string';

/**
 * True for the common chunk: optional string id/model/provider, `usage` absent or null,
 * no error, no x_groq, one choice whose delta has only string-or-null role/content/
 * reasoning fields, well-formed tool-call fragments and no reasoning details. Anything it cannot vouch
 * for returns false and falls back to zod.
 */
export function isPlainDeltaChunk(raw: unknown): boolean {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return false;
  const c = raw as Record<string, unknown>;
  if (!optStr(c.id) || !optStr(c.model) || !optStr(c.provider)) return false;
  if (c.usage !== undefined && c.usage !== null) return false;
  if (c.error !== undefined && c.error !== null) return false;
  if (c.x_groq !== undefined) return false;
  const choices = c.choices;
  if (!Array.isArray(choices) || choices.length !== 1) return false;
  const ch = choices[0] as Record<string, unknown> | null;
  if (typeof ch !== 'object' || ch === null || Array.isArray(ch)) return false;
  if (ch.index !== undefined && typeof ch.index !== 'number') return false;
  if (!optStr(ch.finish_reason)) return false;
  const d = ch.delta as Record<string, unknown> | null | undefined;
  if (d === undefined || d === null) return true;
  if (typeof d !== 'object' || Array.isArray(d)) return false;
  if (d.tool_calls !== undefined && d.tool_calls !== null && !isToolFragments(d.tool_calls)) return false;
  if (d.reasoning_details !== undefined && d.reasoning_details !== null) return false;
  return optStr(d.role) && optStr(d.content) && optStr(d.reasoning_content) && optStr(d.reasoning);
}

/** Tool-call fragments checked by hand, as toolCallDeltaSchema would: a streamed call is thousands of chunks. */
function isToolFragments(v: unknown): boolean {
  if (!Array.isArray(v)) return false;
  for (const f of v as unknown[]) {
    if (typeof f !== 'object' || f === null || Array.isArray(f)) return false;
    const t = f as Record<string, unknown>;
    if (t.index !== undefined && !(Number.isSafeInteger(t.index) && (t.index as number) >= 0)) return false;
    if (!optStr(t.id) || !optStr(t.type)) return false;
    const fn = t.function as Record<string, unknown> | null | undefined;
    if (fn === undefined || fn === null) continue;
    if (typeof fn !== 'object' || Array.isArray(fn) || !optStr(fn.name) || !optStr(fn.arguments)) return false;
  }
  return true;
}
