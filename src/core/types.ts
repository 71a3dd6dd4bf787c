// One request and one event model for every provider. Adapters translate to and from these.

/** A piece of message content: text, or an image where the provider supports images. */
export type ContentPart =
  | { type: 'text'; text: string }
  | { type: 'image'; mediaType: string; data: string /* base64, no data: prefix */ };

/** Who said a message. `tool` is reserved for tool results, which come later. */
export type Role = 'system' | 'user' | 'assistant' | 'tool';

/** One turn of a conversation. */
export interface ChatMessage {
  role: Role;
  content: string | ContentPart[];
  /** Reserved for tool calls; adapters ignore it until tools land. */
  toolCalls?: unknown[];
  /** Reserved for tool results. */
  toolCallId?: string;
}

/** Provider-specific extras, keyed by protocol family, passed through untouched where they fit. */
export interface ProviderOptions {
  /** OpenAI-compatible: reasoning_effort, and any extra body fields (e.g. OpenRouter's `provider`). */
  openai?: { reasoningEffort?: 'minimal' | 'low' | 'medium' | 'high'; extraBody?: Record<string, unknown> };
  /** Anthropic: extended thinking budget, and any extra body fields. */
  anthropic?: { thinkingBudgetTokens?: number; extraBody?: Record<string, unknown> };
  /** Gemini: thinking budget / include thoughts, and any extra generationConfig fields. */
  gemini?: { thinkingBudget?: number; includeThoughts?: boolean; extraGenerationConfig?: Record<string, unknown> };
}

/** The one request shape every adapter accepts. `model` is the provider's own model id. */
export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  temperature?: number;
  maxOutputTokens?: number;
  stopSequences?: string[];
  providerOptions?: ProviderOptions;
  /** Reserved for tool definitions. */
  tools?: unknown[];
  signal?: AbortSignal;
}

/** Normalized finish reasons across vendors. */
export type FinishReason = 'stop' | 'length' | 'content_filter' | 'tool_calls' | 'error' | 'cancelled';

/**
 * Token usage in one shape for every vendor.
 * `inputTokens` is the whole prompt, cache reads and writes included (OpenAI's convention);
 * adapters for vendors that exclude them (Anthropic) add them back.
 * `outputTokens` is the whole completion, reasoning included.
 */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  /** Cost in USD as reported by the provider itself (OpenRouter's `usage.cost`). */
  providerCostUsd?: number;
}

/** Rate-limit headroom read from response headers, when the provider sends it. */
export interface RateLimitSnapshot {
  requestsLimit?: number;
  requestsRemaining?: number;
  tokensLimit?: number;
  tokensRemaining?: number;
  /** Milliseconds until the tightest window resets, when known. */
  resetMs?: number;
}

/** Everything an adapter streams back. */
export type StreamEvent =
  | { type: 'text-delta'; text: string }
  | { type: 'reasoning-delta'; text: string }
  | {
      type: 'response-metadata';
      /** Our provider id (descriptor id). */
      provider: string;
      /** The model id the upstream says it served. */
      modelId?: string;
      requestId?: string;
      /** The host that served it behind an aggregator (OpenRouter's `provider` field). */
      upstreamProvider?: string;
      rateLimit?: RateLimitSnapshot;
    }
  | { type: 'usage'; usage: Usage }
  | { type: 'finish'; reason: FinishReason; rawReason?: string }
  | { type: 'error'; error: import('./errors').ProviderError };

/** A model as a provider's listing endpoint describes it. */
export interface ModelInfo {
  id: string;
  displayName: string;
  contextWindow?: number;
  maxOutputTokens?: number;
}

/** Returns a zero usage record, to be filled by adapters. */
export function emptyUsage(): Usage {
  return { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };
}

/** Flattens message content to plain text (images dropped), for token estimates and logs. */
export function contentText(content: string | ContentPart[]): string {
  if (typeof content === 'string') return content;
  return content.map((p) => (p.type === 'text' ? p.text : '')).join('');
}
