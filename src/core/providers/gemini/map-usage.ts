// Gemini's usageMetadata in our Usage shape.
import type { Usage } from '../../types';
import type { GeminiUsage } from './response-schema';

/**
 * promptTokenCount already includes cached tokens (our convention), while
 * candidatesTokenCount excludes thoughts, which are billed as output, so they are added.
 * Tool-use prompt tokens are billed as input.
 */
export function mapGeminiUsage(u: GeminiUsage): Usage {
  const thoughts = u.thoughtsTokenCount ?? 0;
  return {
    inputTokens: (u.promptTokenCount ?? 0) + (u.toolUsePromptTokenCount ?? 0),
    outputTokens: (u.candidatesTokenCount ?? 0) + thoughts,
    cacheReadTokens: u.cachedContentTokenCount ?? 0,
    // Gemini charges cache storage by the hour, not per write, so no request ever pays a write.
    cacheWriteTokens: 0,
    reasoningTokens: thoughts,
  };
}
