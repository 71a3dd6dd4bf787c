// The pre-send estimate shown in the confirm dialog: the pricing module's estimate on the first
// priced host of the model, upper end of its range (a confirm threshold guards against surprises).
import type { Endpoint } from '../../core/catalog/types';
import { preSendEstimate } from '../../core/pricing';
import type { ChatMessage } from '../../core/types';
import { formatPerMillion, formatUsd } from '../../common/format';

/** A pre-send cost estimate for the confirm dialog. */
export interface SendEstimate {
  model: string;
  /** Upper end of the estimate in USD; undefined when no price is known. */
  usd?: number;
  inputTokens: number;
  /** e.g. "input 1,234 tokens at $3/M, up to 1,000 output tokens at $15/M". */
  detail: string;
}

/** Estimate for sending `messages` to the first priced endpoint (or the first, unpriced, one). */
export function estimateSend(
  model: string,
  endpoints: readonly Endpoint[],
  messages: readonly ChatMessage[],
  isLocal: (provider: string) => boolean = () => false,
): SendEstimate {
  const target = endpoints.find((e) => e.price || isLocal(e.provider)) ?? endpoints[0];
  if (!target) return { model, inputTokens: 0, detail: 'The catalog does not know this model.' };
  const local = isLocal(target.provider);
  const e = preSendEstimate({ messages }, target, { local });
  const perM = (v: number) => `${formatPerMillion(v)}/M`;
  const where = `on ${target.provider}`;
  if (local) return { model, usd: 0, inputTokens: e.inputTokens, detail: `Runs locally ${where}: free.` };
  if (!target.price || e.costRange.high === undefined)
    return {
      model,
      inputTokens: e.inputTokens,
      detail: `No host of this model has a known price (${e.inputTokens.toLocaleString('en-US')} input tokens, counted with ${e.method}).`,
    };
  return {
    model,
    usd: e.costRange.high,
    inputTokens: e.inputTokens,
    detail: `${e.inputTokens.toLocaleString('en-US')} input tokens (${e.method}) at ${perM(target.price.inputPerMTok)}, and ${e.outputTokens.low.toLocaleString('en-US')}–${e.outputTokens.high.toLocaleString('en-US')} output tokens at ${perM(target.price.outputPerMTok)} ${where}: about ${formatUsd(e.costRange.typical ?? 0)} typical.`,
  };
}

/** Whether a send needs the confirm dialog: above the threshold, or always when it is 0 (unknown prices too). */
export function needsConfirm(usd: number | undefined, threshold: number): boolean {
  if (threshold === 0) return true;
  return usd !== undefined && usd > threshold;
}
