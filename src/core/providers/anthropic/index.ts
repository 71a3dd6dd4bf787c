// Public surface of the Anthropic family.
export { anthropicAdapter } from './adapter';
export { ANTHROPIC_DEFAULT_MAX_OUTPUT_TOKENS, ANTHROPIC_PRESET, ANTHROPIC_VERSION } from './preset';
export { buildAnthropicBody, toAnthropicMessages } from './build-request';
export { categoryForAnthropicError, parseAnthropicErrorBody } from './error-body';
export { mapAnthropicStopReason } from './map-stop-reason';
