// Anthropic's first-party API as data. Everything Anthropic-specific that is not wire mapping
// lives here, so a custom Anthropic-compatible host can reuse the family with other values.
import type { ProviderCapabilities, ProviderDescriptor } from '../descriptor';

/** The API version every request pins; newer versions change event shapes. */
export const ANTHROPIC_VERSION = '2023-06-01';

/**
 * Used when a request names no max_tokens, which Anthropic requires. Large enough for a long
 * code answer, small enough to fit every current model's output limit.
 */
export const ANTHROPIC_DEFAULT_MAX_OUTPUT_TOKENS = 8192;

/** What the Anthropic Messages family can do, shared by the preset and custom hosts. */
const ANTHROPIC_CAPABILITIES: ProviderCapabilities = {
  // Usage arrives in message_start and message_delta of every stream, unasked.
  streamUsage: 'last_chunk',
  images: true,
  requiresMaxTokens: true,
  reasoning: true,
  local: false,
  reportsCost: false,
  stopSequences: true,
};

/** The api.anthropic.com preset. */
export const ANTHROPIC_PRESET: ProviderDescriptor = {
  id: 'anthropic',
  displayName: 'Anthropic',
  family: 'anthropic',
  baseUrl: 'https://api.anthropic.com/v1',
  auth: { kind: 'header', header: 'x-api-key' },
  keyRequired: true,
  envKey: 'ANTHROPIC_API_KEY',
  capabilities: ANTHROPIC_CAPABILITIES,
  rateLimitScheme: 'anthropic',
  extraHeaders: { 'anthropic-version': ANTHROPIC_VERSION },
  defaultMaxOutputTokens: ANTHROPIC_DEFAULT_MAX_OUTPUT_TOKENS,
  // Commercial terms: API inputs and outputs are not used for training by default.
  dataPolicy: { trainsOnData: 'no' },
  keyUrl: 'https://console.anthropic.com/settings/keys',
};
