// Estimates for when the provider gave no numbers: usage of a cut-short stream, and cost before sending.
import type { Charge, Endpoint } from '../catalog/types';
import type { ChatMessage, ToolDefinition, Usage } from '../types';
import { priceOf } from './price-of';
import { countPromptTokens, countTextTokens, countToolTokens, familyOf, inputTokensUpperBound, methodOf } from './token-count';

/**
 * Usage of a stream that ended without a usage report (cancelled or failed): the prompt as sent plus the
 * output received so far (reasoning text, if any, counted as reasoning and included in output).
 */
export function estimateUsage(
  messages: readonly ChatMessage[],
  partialOutputText: string,
  model: string,
  partialReasoningText = '',
): Usage {
  const reasoning = countTextTokens(partialReasoningText, model);
  return {
    inputTokens: countPromptTokens(messages, model),
    outputTokens: countTextTokens(partialOutputText, model) + reasoning,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: reasoning,
  };
}

/** Typical reply sizes: short, typical, long; reasoning models think first, so theirs are larger. */
export const TYPICAL_OUTPUT_TOKENS = { plain: [256, 1_024, 4_096], reasoning: [1_024, 4_096, 16_384] } as const;

/** A cost estimate made before sending. */
export interface PreSendEstimate {
  inputTokens: number;
  /** How input tokens were counted, e.g. `o200k` or `o200k×1.2 (anthropic approx.)`. */
  method: string;
  /** The output sizes the range assumes (each capped by maxOutputTokens). */
  outputTokens: { low: number; typical: number; high: number };
  /** USD for each output size; undefined values when the endpoint has no price. */
  costRange: { low: number | undefined; typical: number | undefined; high: number | undefined };
  /** `estimated`, `free` for local endpoints, or `unpriced`. */
  status: Charge['status'];
}

/** The name a token count reads its tokenizer family from: the canonical model and the host's own id. */
export function tokenizerModelOf(endpoint: Pick<Endpoint, 'canonicalModel' | 'modelId'>): string {
  return `${endpoint.canonicalModel} ${endpoint.modelId}`;
}

/** Input tokens of a request as sent: messages (system included) and tool definitions, which travel with every request that offers them and are billed as input. */
export function requestInputTokens(
  request: { messages: readonly ChatMessage[]; tools?: readonly ToolDefinition[] },
  model: string,
): number {
  return countPromptTokens(request.messages, model) + countToolTokens(request.tools, model);
}

/**
 * Input tokens (tool definitions included) and a cost range for a request on an endpoint, assuming no
 * prompt-cache hits (the worst case).
 * Output sizes are 256/1,024/4,096 tokens (1,024/4,096/16,384 for reasoning-capable endpoints), each capped by
 * the request's maxOutputTokens. `upperBound` counts UTF-8 bytes instead of tokens: never less, and
 * far cheaper on a long prompt.
 */
export function preSendEstimate(
  request: { messages: readonly ChatMessage[]; maxOutputTokens?: number; tools?: readonly ToolDefinition[] },
  endpoint: Pick<Endpoint, 'price' | 'canonicalModel' | 'modelId' | 'capabilities'>,
  opts: { local?: boolean; upperBound?: boolean } = {},
): PreSendEstimate {
  const model = tokenizerModelOf(endpoint);
  const inputTokens = opts.upperBound ? inputTokensUpperBound(request, model) : requestInputTokens(request, model);
  const sizes = endpoint.capabilities?.reasoning ? TYPICAL_OUTPUT_TOKENS.reasoning : TYPICAL_OUTPUT_TOKENS.plain;
  const cap = request.maxOutputTokens && request.maxOutputTokens > 0 ? request.maxOutputTokens : Infinity;
  const [low, typical, high] = sizes.map((n) => Math.min(n, cap));
  const charge = (out: number): Charge =>
    priceOf({ inputTokens, outputTokens: out, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 }, endpoint, {
      local: opts.local,
      estimated: true,
    });
  const c = [low, typical, high].map(charge);
  return {
    inputTokens,
    method: opts.upperBound ? 'UTF-8 bytes (upper bound)' : methodOf(familyOf(model)),
    outputTokens: { low, typical, high },
    costRange: { low: c[0].usd, typical: c[1].usd, high: c[2].usd },
    status: c[1].status,
  };
}
