// Google's Gemini API (AI Studio keys). Vertex AI speaks the same family with other auth; not a preset yet.
import type { ProviderDescriptor } from '../descriptor';

/** The Gemini API preset: streaming via `:streamGenerateContent?alt=sse`, key in `x-goog-api-key`. */
export const GEMINI_PRESET: ProviderDescriptor = {
  id: 'gemini',
  displayName: 'Google Gemini',
  family: 'gemini',
  baseUrl: 'https://generativelanguage.googleapis.com/v1beta',
  // A header rather than `?key=`, so the key never lands in a URL that a proxy or log might keep.
  auth: { kind: 'header', header: 'x-goog-api-key' },
  keyRequired: true,
  envKey: 'GEMINI_API_KEY',
  capabilities: {
    // Every frame carries cumulative usageMetadata; the last one is authoritative.
    streamUsage: 'last_chunk',
    images: true,
    requiresMaxTokens: false,
    reasoning: true,
    local: false,
    reportsCost: false,
    stopSequences: true,
  },
  // Gemini sends no rate-limit headroom headers; 429 bodies carry RetryInfo instead.
  rateLimitScheme: 'none',
  // Free-tier traffic may be used for training, paid-tier traffic is not, and a key does not say which.
  dataPolicy: { trainsOnData: 'unknown' },
  keyUrl: 'https://aistudio.google.com/apikey',
};
