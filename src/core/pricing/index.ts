// Public surface of pricing: cost of a request, usage estimates, pre-send estimates.
export { costBreakdown, effectiveRates, priceOf } from './price-of';
export {
  estimateUsage,
  preSendEstimate,
  requestInputTokens,
  tokenizerModelOf,
  TYPICAL_OUTPUT_TOKENS,
  type PreSendEstimate,
} from './estimate';
export { countPromptTokens, countTextTokens, familyOf, FAMILY_FACTOR, methodOf } from './token-count';
