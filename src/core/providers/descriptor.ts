// A provider is data (this descriptor) plus the small mappers of its protocol family.
// Quirks are capabilities here, never a check of the hostname.
import type { HttpTransport } from '../http/client';
import type { RateLimitScheme } from '../http/rate-limit';
import type { ChatRequest, ModelInfo, StreamEvent } from '../types';

/** Wire protocol a provider speaks. One folder per family under src/core/providers. */
export type ProtocolFamily = 'openai' | 'anthropic' | 'gemini' | 'responses';

/** How the key is sent. */
type AuthScheme = { kind: 'bearer' } | { kind: 'header'; header: string } | { kind: 'none' };

/** What a provider can do and how it deviates from its family's reference behaviour. */
export interface ProviderCapabilities {
  /** How usage arrives on a stream: via `stream_options.include_usage`, in the last content chunk, or never. */
  streamUsage: 'stream_options' | 'last_chunk' | 'none';
  /** Accepts image parts in user messages. */
  images: boolean;
  /** The API rejects requests without max_tokens (Anthropic). */
  requiresMaxTokens: boolean;
  /** Emits reasoning / thinking content. */
  reasoning: boolean;
  /** Runs on the user's machine: free by definition, no key needed. */
  local: boolean;
  /** Reports its own cost per request (OpenRouter's `usage.cost`). */
  reportsCost: boolean;
  /** Name of the max-tokens field for OpenAI-compatible hosts (`max_tokens` or `max_completion_tokens`). */
  maxTokensField?: 'max_tokens' | 'max_completion_tokens';
  /** Accepts stop sequences. */
  stopSequences: boolean;
  /** Accepts tool definitions and tool-call turns. Absent means yes: every family's API has tools. */
  tools?: boolean;
  /** Honours a JSON Schema for the answer (`responseFormat`). Absent means yes. */
  structuredOutput?: boolean;
  /**
   * How the one reasoning control is sent: OpenAI's `reasoning_effort`, OpenRouter's `reasoning`
   * object, a thinking token budget (Anthropic, Gemini 2.5), or a thinking level (Gemini 3).
   * Absent: the family's default when `reasoning` is true; ignored with a warning otherwise.
   */
  reasoningControl?: 'effort' | 'openrouter' | 'budget' | 'level';
  /**
   * Models this host serves over the OpenAI Responses API (`POST {base}/responses`) rather than its
   * family's own wire: exact ids, or prefixes ending in `*`. Absent or empty: none.
   */
  responsesModels?: readonly string[];
}

/** Everything Switchboard needs to know to call one provider. */
export interface ProviderDescriptor {
  /** Stable id used in settings, secrets, ledger and pinned model ids (`groq:llama-…`). */
  id: string;
  displayName: string;
  family: ProtocolFamily;
  baseUrl: string;
  auth: AuthScheme;
  /** A key is required to call it (false for local servers and keyless custom URLs). */
  keyRequired: boolean;
  /** Environment variable a key may be imported from, when the user opts in. */
  envKey?: string;
  capabilities: ProviderCapabilities;
  rateLimitScheme: RateLimitScheme;
  /** Static headers sent on every call (e.g. OpenRouter's app attribution, anthropic-version). */
  extraHeaders?: Record<string, string>;
  /** Default max output tokens when the family requires one and the request gives none. */
  defaultMaxOutputTokens?: number;
  /** Whether the provider trains on API data, when known ('no' = does not train). */
  dataPolicy?: { trainsOnData: 'yes' | 'no' | 'unknown' };
  /** Where a user gets a key. */
  keyUrl?: string;
}

/** What an adapter needs to make a call. */
export interface CallContext {
  descriptor: ProviderDescriptor;
  http: HttpTransport;
  /** The key, or undefined for keyless providers. Never logged, never put in errors. */
  apiKey?: string;
  /** Bound on one SSE event (default DEFAULT_MAX_SSE_EVENT_BYTES, 16 MiB). */
  maxSseEventBytes?: number;
}

/** The functions a protocol family provides. Each returns or streams typed values only. */
export interface ProtocolAdapter {
  family: ProtocolFamily;
  /**
   * Streams one chat completion. Never throws: every failure, before or after output began,
   * is an `error` event (carrying a ProviderError) followed by a `finish` with reason
   * `error` or `cancelled`. Usage seen before a failure is emitted before the error.
   */
  streamChat(ctx: CallContext, req: ChatRequest): AsyncIterable<StreamEvent>;
  /** Lists the provider's models, normalized. Throws ProviderError. */
  listModels(ctx: CallContext, signal?: AbortSignal): Promise<ModelInfo[]>;
}
