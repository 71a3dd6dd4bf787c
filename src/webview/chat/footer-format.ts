// What the footer under an assistant message says. Pure, so it is tested without a DOM.
import type { AssistantMeta, ChatCharge, ChatTurn } from '../../shared/protocol';

/** One piece of the footer: a short text and a longer tooltip. */
export interface FooterPart {
  kind: 'model' | 'provider' | 'fallbacks' | 'tokens' | 'cost' | 'ttft' | 'speed' | 'status' | 'budget';
  text: string;
  title?: string;
}

const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Formats a token count with thousands separators. */
export function formatTokens(n: number): string {
  return int.format(n);
}

/** Formats a USD amount with enough digits that small requests do not look free. */
export function formatUsd(usd: number): string {
  if (usd === 0) return '$0.00';
  if (usd < 0.0001) return `$${usd.toPrecision(2)}`;
  if (usd < 1) return `$${usd.toFixed(4)}`;
  return `$${usd.toFixed(2)}`;
}

/** Cost text; unpriced is never shown as $0, estimates say so. */
export function formatCharge(charge: ChatCharge | undefined): { text: string; title: string } {
  if (!charge) return { text: 'cost unknown', title: 'No cost was recorded for this message' };
  switch (charge.status) {
    case 'unpriced':
      return { text: 'unpriced', title: 'No price is known for this model on this host; the tokens were recorded' };
    case 'free':
      return { text: 'free', title: 'Served by a local provider' };
    case 'estimated':
      return { text: `~${formatUsd(charge.usd ?? 0)} estimated`, title: 'Estimated from locally counted tokens' };
    case 'provider_reported':
      return { text: formatUsd(charge.usd ?? 0), title: 'Cost reported by the provider' };
    case 'exact':
      return { text: formatUsd(charge.usd ?? 0), title: 'Computed from the provider-reported usage and the price table' };
  }
}

/** Formats milliseconds as "320 ms" or "1.4 s". */
export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** The footer parts of an assistant turn, in display order. */
export function footerParts(turn: Pick<ChatTurn, 'model' | 'meta'>): FooterPart[] {
  const meta: AssistantMeta | undefined = turn.meta;
  const parts: FooterPart[] = [];
  const model = meta?.servedModelId ?? turn.model;
  if (model) parts.push({ kind: 'model', text: model, title: turn.model && turn.model !== model ? `Asked for ${turn.model}` : 'Model' });
  if (!meta) return parts;
  if (meta.provider) {
    const name = meta.providerName ?? meta.provider;
    const text = meta.upstreamProvider ? `via ${name} → ${meta.upstreamProvider}` : `via ${name}`;
    parts.push({ kind: 'provider', text, title: 'Provider that served this answer' });
  }
  const fallbacks = meta.fallbacks ?? [];
  if (fallbacks.length > 0) {
    const n = fallbacks.length;
    const list = fallbacks.map((f) => `${f.provider}:${f.modelId}${f.reason ? ` (${f.reason})` : ''}`).join('\n');
    parts.push({ kind: 'fallbacks', text: `${n} fallback${n === 1 ? '' : 's'}`, title: `Tried first:\n${list}` });
  }
  if (meta.comparableFallback) {
    parts.push({ kind: 'fallbacks', text: `moved to ${meta.comparableFallback.to}`, title: `Every host of ${meta.comparableFallback.from} was down` });
  }
  if (meta.usage) {
    const u = meta.usage;
    const est = meta.usageEstimated ? '~' : '';
    parts.push({
      kind: 'tokens',
      text: `${est}${formatTokens(u.inputTokens)} in · ${est}${formatTokens(u.outputTokens)} out · ${formatTokens(u.cacheReadTokens)} cached · ${formatTokens(u.reasoningTokens)} reasoning`,
      title: `Input ${u.inputTokens} (cache read ${u.cacheReadTokens}, cache write ${u.cacheWriteTokens}); output ${u.outputTokens} (reasoning ${u.reasoningTokens})${meta.usageEstimated ? '; counted locally' : ''}`,
    });
  }
  // No usage and no charge: the request failed before any output, which providers do not bill
  // (the ledger records it at $0).
  const cost = !meta.charge && !meta.usage ? { text: 'not billed', title: 'The request failed before any output; nothing was charged' } : formatCharge(meta.charge);
  parts.push({ kind: 'cost', ...cost });
  if (meta.ttftMs !== undefined) parts.push({ kind: 'ttft', text: `TTFT ${formatMs(meta.ttftMs)}`, title: 'Time to first token' });
  if (meta.tokensPerSecond !== undefined && Number.isFinite(meta.tokensPerSecond)) {
    parts.push({ kind: 'speed', text: `${meta.tokensPerSecond.toFixed(1)} tok/s`, title: 'Output tokens per second after the first token' });
  }
  if (meta.finishReason === 'cancelled') parts.push({ kind: 'status', text: 'stopped', title: 'You stopped this answer; the partial text is kept' });
  else if (meta.partial) parts.push({ kind: 'status', text: 'partial', title: 'The provider failed after output began' });
  else if (meta.finishReason === 'length') parts.push({ kind: 'status', text: 'cut at max tokens', title: 'The answer hit the output token limit' });
  else if (meta.finishReason === 'content_filter') parts.push({ kind: 'status', text: 'filtered', title: 'The provider filtered the output' });
  if (meta.budgetNote) parts.push({ kind: 'budget', text: 'budget', title: meta.budgetNote });
  return parts;
}
