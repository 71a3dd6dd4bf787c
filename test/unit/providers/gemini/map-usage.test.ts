import * as assert from 'node:assert/strict';
import { priceOf } from '../../../../src/core/pricing/price-of';
import { mapGeminiUsage } from '../../../../src/core/providers/gemini/map-usage';
import { geminiResponseSchema } from '../../../../src/core/providers/gemini/response-schema';

describe('mapGeminiUsage', () => {
  // As Gemini sends it: totalTokenCount = prompt + toolUsePrompt + candidates + thoughts; cached is inside prompt.
  const frame = geminiResponseSchema.parse({
    usageMetadata: {
      promptTokenCount: 10_000,
      cachedContentTokenCount: 6_000,
      toolUsePromptTokenCount: 2_500,
      candidatesTokenCount: 300,
      thoughtsTokenCount: 700,
      totalTokenCount: 13_500,
    },
  });

  it('counts tool-use prompt tokens as input, and thoughts inside output and as reasoning', () => {
    assert.deepEqual(mapGeminiUsage(frame.usageMetadata!), {
      inputTokens: 12_500,
      outputTokens: 1_000,
      cacheReadTokens: 6_000,
      cacheWriteTokens: 0,
      reasoningTokens: 700,
    });
  });

  it('charges tool-use prompt tokens at the input rate', () => {
    const price = { inputPerMTok: 2, outputPerMTok: 10, cacheReadPerMTok: 0.5 };
    const c = priceOf(mapGeminiUsage(frame.usageMetadata!), { price });
    // 4,000 uncached prompt + 2,500 tool-use prompt at $2, 6,000 cached at $0.50, 1,000 output at $10.
    assert.equal(c.usd, (6_500 * 2 + 6_000 * 0.5 + 1_000 * 10) / 1e6);
  });

  it('reads absent counts as zero', () => {
    assert.deepEqual(mapGeminiUsage({}), { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 });
  });
});
