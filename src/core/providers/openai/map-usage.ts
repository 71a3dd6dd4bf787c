// Wire usage → our Usage. OpenAI's prompt_tokens already include cached tokens and
// completion_tokens already include reasoning tokens, which is exactly our convention.
import type { Usage } from '../../types';
import type { WireUsage } from './chunk-schema';

/** Converts a validated wire usage block. */
export function mapOpenAIUsage(u: WireUsage): Usage {
  const usage: Usage = {
    inputTokens: u.prompt_tokens ?? 0,
    outputTokens: u.completion_tokens ?? 0,
    cacheReadTokens: u.prompt_tokens_details?.cached_tokens ?? u.prompt_cache_hit_tokens ?? 0,
    cacheWriteTokens: u.prompt_tokens_details?.cache_write_tokens ?? 0,
    reasoningTokens: u.completion_tokens_details?.reasoning_tokens ?? 0,
  };
  if (typeof u.cost === 'number' && Number.isFinite(u.cost)) usage.providerCostUsd = u.cost;
  return usage;
}
