// Public surface of pricing: cost of a request, usage estimates, pre-send estimates.
export { costBreakdown, effectiveRates, priceOf, type CostBreakdown, type EffectiveRates, type PriceOfOptions } from './price-of';
export {
  estimateUsage,
  preSendEstimate,
  requestInputTokens,
  tokenizerModelOf,
  TYPICAL_OUTPUT_TOKENS,
  type PreSendEstimate,
} from './estimate';
export { countPromptTokens, countTextTokens, familyOf, FAMILY_FACTOR, methodOf, type TokenizerFamily } from './token-count';
