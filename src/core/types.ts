// One request and one event model for every provider. Adapters translate to and from these.

/** Plain text. */
export interface TextPart {
  type: 'text';
  text: string;
}

/** An image, where the provider supports images. */
export interface ImagePart {
  type: 'image';
  mediaType: string;
  data: string; /* base64, no data: prefix */
}

/**
 * A tool call the model made, kept in the assistant message so the next turn can send it back.
 * `args` is the parsed JSON arguments object.
 */
export interface ToolCallPart {
  type: 'tool-call';
  id: string;
  name: string;
  args: unknown;
  /** Gemini's `thoughtSignature` that arrived on this call's part; it must go back on the same part. */
  signature?: string;
  /** The provider sent no id and we made one up (Gemini); it is not sent back on the wire. */
  syntheticId?: boolean;
}

/** The result of running a tool, answering the call with the same id. */
export interface ToolResultPart {
  type: 'tool-result';
  toolCallId: string;
  /** Needed by Gemini; when absent it is looked up from the matching call earlier in the conversation. */
  toolName?: string;
  content: string | (TextPart | ImagePart)[];
  /** The tool failed; `content` describes the failure. */
  isError?: boolean;
}

/**
 * Reasoning the model produced, kept so it can be sent back unchanged on the next turn of a
 * tool loop (providers reject, or lose the chain of thought, otherwise). Serialisable data.
 */
export interface ReasoningPart {
  type: 'reasoning';
  text: string;
  /** Anthropic's thinking `signature`, or Gemini's `thoughtSignature` on a thought part. */
  signature?: string;
  /** Anthropic `redacted_thinking` data: opaque, sent back as is. */
  redactedData?: string;
  /** OpenRouter's `reasoning_details` entries, or the Responses API's reasoning item (encrypted_content included), exactly as received. */
  details?: unknown[];
  /** Protocol family that produced it; other families drop it (it would not verify). */
  family?: 'openai' | 'anthropic' | 'gemini' | 'responses';
}

/** A piece of message content. Discriminated on `type`. */
export type ContentPart = TextPart | ImagePart | ToolCallPart | ToolResultPart | ReasoningPart;

/** Who said a message. `tool` messages carry `tool-result` parts. */
export type Role = 'system' | 'user' | 'assistant' | 'tool';

/** One turn of a conversation. Assistant turns carry reasoning and tool-call parts; tool turns carry tool results. */
export interface ChatMessage {
  role: Role;
  content: string | ContentPart[];
}

/** A tool the model may call. `parameters` is a JSON Schema object. */
export interface ToolDefinition {
  name: string;
  description?: string;
  parameters: Record<string, unknown>;
  /** Ask for strict schema adherence where the family supports it (OpenAI `strict`). */
  strict?: boolean;
}

/** Whether and which tool the model must call. */
export type ToolChoice = 'auto' | 'none' | 'required' | { type: 'tool'; name: string };

/** The one reasoning control, mapped per family from capability data. */
export interface ReasoningControl {
  effort: 'minimal' | 'low' | 'medium' | 'high';
  /** A token budget, for families that take one (Anthropic, Gemini, OpenRouter). */
  maxTokens?: number;
  /** Reason, but do not send the reasoning text back (where the family allows it). */
  exclude?: boolean;
}

/** Ask for an answer that fits a JSON Schema. */
export interface ResponseFormat {
  type: 'json_schema';
  schema: Record<string, unknown>;
  name: string;
  strict?: boolean;
}

/** A parameter an adapter dropped or changed because the host does not support it. */
export interface Warning {
  /** The request field concerned, e.g. `temperature`, `toolChoice`, `tools[1].content`. */
  parameter: string;
  message: string;
  /** The value was adapted (clamped, rounded) and sent, rather than left out. */
  changed?: true;
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
  tools?: ToolDefinition[];
  /** Default `auto` when tools are given. */
  toolChoice?: ToolChoice;
  /** Allow several tool calls in one turn (the families' default is yes). */
  parallelToolCalls?: boolean;
  reasoning?: ReasoningControl;
  responseFormat?: ResponseFormat;
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
  /**
   * A finished reasoning block with the state needed to send it back (signature, redacted
   * data, provider details). Put it in the assistant message before its tool calls.
   */
  | { type: 'reasoning-part'; part: ReasoningPart }
  /** A tool call whose arguments are complete and parsed. */
  | { type: 'tool-call'; call: ToolCallPart }
  /** A tool call whose arguments were not a JSON object; `rawArgs` is what arrived. */
  | { type: 'tool-call-invalid'; id: string; name: string; rawArgs: string; reason: string }
  | { type: 'warning'; warning: Warning }
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

/** Flattens message content to plain text (images, tool and reasoning parts dropped), for token estimates and logs. */
export function contentText(content: string | ContentPart[]): string {
  if (typeof content === 'string') return content;
  return content.map((p) => (p.type === 'text' ? p.text : '')).join('');
}
