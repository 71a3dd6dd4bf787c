// Responses usage → our Usage. `input_tokens` already include cached tokens and `output_tokens`
// already include reasoning tokens, which is our convention.
import type { Usage } from '../../types';
import type { ResponsesUsage } from './event-schema';

/** Converts a validated usage block. */
export function mapResponsesUsage(u: ResponsesUsage): Usage {
  const usage: Usage = {
    inputTokens: u.input_tokens ?? 0,
    outputTokens: u.output_tokens ?? 0,
    cacheReadTokens: u.input_tokens_details?.cached_tokens ?? 0,
    cacheWriteTokens: 0,
    reasoningTokens: u.output_tokens_details?.reasoning_tokens ?? 0,
  };
  if (typeof u.cost === 'number' && Number.isFinite(u.cost)) usage.providerCostUsd = u.cost;
  return usage;
}
