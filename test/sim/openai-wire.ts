// Byte-exact pieces of the OpenAI-compatible wire format, for the simulator's scenarios.
// Shapes follow OpenAI's and OpenRouter's published examples.
import { sseBytes, type SseFrame } from './server';

/** Token counts a scenario reports; the builder turns them into a wire usage block. */
export interface SimUsage {
  prompt: number;
  completion: number;
  cached?: number;
  cacheWrite?: number;
  reasoning?: number;
  /** OpenRouter's usage.cost in USD. */
  cost?: number;
  upstreamCost?: number;
}

/** Default counts used when a scenario does not say. */
export const DEFAULT_SIM_USAGE: SimUsage = { prompt: 12, completion: 5, cached: 4, reasoning: 0 };

/** Fields shared by every chunk of one response. */
export interface ChunkHeader {
  id: string;
  model: string;
  created: number;
  /** OpenRouter's upstream host. */
  provider?: string;
  systemFingerprint?: string;
}

/** Builds a wire usage block. */
export function wireUsage(u: SimUsage): Record<string, unknown> {
  const out: Record<string, unknown> = {
    prompt_tokens: u.prompt,
    completion_tokens: u.completion,
    total_tokens: u.prompt + u.completion,
    prompt_tokens_details: {
      cached_tokens: u.cached ?? 0,
      ...(u.cacheWrite !== undefined ? { cache_write_tokens: u.cacheWrite } : {}),
      audio_tokens: 0,
    },
    completion_tokens_details: {
      reasoning_tokens: u.reasoning ?? 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
  if (u.cost !== undefined) {
    out.cost = u.cost;
    out.is_byok = false;
    out.cost_details = { upstream_inference_cost: u.upstreamCost ?? null };
  }
  return out;
}

/** One `chat.completion.chunk` JSON object. */
export function chunk(h: ChunkHeader, choices: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: h.id,
    object: 'chat.completion.chunk',
    created: h.created,
    model: h.model,
    ...(h.provider ? { provider: h.provider } : {}),
    system_fingerprint: h.systemFingerprint ?? 'fp_sim',
    choices,
    ...extra,
  };
}

/** A choice carrying a delta. */
export function deltaChoice(delta: Record<string, unknown>, finish: string | null = null): Record<string, unknown> {
  return { index: 0, delta, logprobs: null, finish_reason: finish };
}

/** Serializes chunk objects plus optional `[DONE]` as SSE bytes. */
export function frames(objs: unknown[], opts: { done?: boolean; crlf?: boolean; comments?: string[] } = {}): string {
  const list: (SseFrame | { comment: string })[] = (opts.comments ?? []).map((comment) => ({ comment }));
  for (const o of objs) list.push({ data: JSON.stringify(o) });
  if (opts.done !== false) list.push({ data: '[DONE]' });
  return sseBytes(list, { crlf: opts.crlf });
}

/** OpenAI's real 400 body for an over-long prompt. */
export const CONTEXT_LENGTH_BODY = {
  error: {
    message:
      "This model's maximum context length is 128000 tokens. However, your messages resulted in 131072 tokens. Please reduce the length of the messages.",
    type: 'invalid_request_error',
    param: 'messages',
    code: 'context_length_exceeded',
  },
};

/** OpenAI-shaped 401 body. It echoes the key on purpose, as a careless host might, to prove we redact. */
export function unauthorizedBody(key: string): unknown {
  return {
    error: {
      message: `Incorrect API key provided: ${key}. You can find your API key in your account settings.`,
      type: 'invalid_request_error',
      param: null,
      code: 'invalid_api_key',
    },
  };
}

/** OpenAI-shaped 429 body for a tokens-per-minute limit. */
export const RATE_LIMIT_BODY = {
  error: {
    message:
      'Rate limit reached for sim-model in organization org-sim on tokens per min (TPM): Limit 30000, Used 29500, Requested 900. Please try again in 1.8s.',
    type: 'tokens',
    param: null,
    code: 'rate_limit_exceeded',
  },
};

/** OpenRouter's 403 moderation body. */
export const MODERATION_BODY = {
  error: {
    code: 403,
    message: 'Input flagged by moderation',
    metadata: { reasons: ['violence'], flagged_input: 'sim…', provider_name: 'OpenAI', model_slug: 'openai/gpt-4o' },
  },
};

/** OpenRouter's mid-stream error chunk: top-level error and a choice finishing with "error". */
export function midStreamErrorChunk(
  h: ChunkHeader,
  code: string | number = 'server_error',
  message = 'Provider disconnected unexpectedly',
  errorType?: string,
): unknown {
  return chunk(h, [deltaChoice({ content: '' }, 'error')], {
    error: { code, message, ...(errorType ? { metadata: { error_type: errorType } } : {}) },
  });
}
