// Interim pre-send estimate for the confirm dialog, from the catalog price of the cheapest host.
// src/core/pricing's preSendEstimate replaces it when it lands (same inputs, same output shape).
import type { Endpoint } from '../../core/catalog/types';
import type { SendEstimate } from './selection-commands';

/** Output tokens assumed for an answer about a selection: generous, so the estimate is an upper end. */
export const ASSUMED_OUTPUT_TOKENS = 1500;

/** Rough token count (4 characters per token), good enough for a confirm threshold. */
export function roughTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Estimate for sending `prompt` (plus `historyChars` of conversation) to the first priced endpoint. */
export function estimateSend(model: string, endpoints: readonly Endpoint[], prompt: string, historyChars = 0): SendEstimate {
  const inputTokens = roughTokens(prompt) + Math.ceil(historyChars / 4);
  const priced = endpoints.find((e) => e.price);
  if (!priced?.price) return { model, inputTokens, detail: 'No host of this model has a known price.' };
  const p = priced.price;
  const usd = (inputTokens * p.inputPerMTok + ASSUMED_OUTPUT_TOKENS * p.outputPerMTok) / 1e6 + (p.requestUsd ?? 0);
  const perM = (v: number) => `$${v >= 1 ? v.toFixed(2) : v.toPrecision(2)}/M`;
  return {
    model,
    usd,
    inputTokens,
    detail: `About ${inputTokens.toLocaleString('en-US')} input tokens at ${perM(p.inputPerMTok)} and up to ${ASSUMED_OUTPUT_TOKENS.toLocaleString('en-US')} output tokens at ${perM(p.outputPerMTok)} on ${priced.provider}.`,
  };
}
