// What the footer under an assistant message says. Pure, so it is tested without a DOM.
import type { AssistantMeta, ChatCharge, ChatTurn } from '../../shared/protocol';
import { formatMs, formatTokens, formatTokensPerSecond, formatUsd } from '../../common/format';

/** One piece of the footer: a short text and a longer tooltip. */
interface FooterPart {
  kind: 'model' | 'provider' | 'fallbacks' | 'tokens' | 'cost' | 'ttft' | 'speed' | 'status' | 'budget' | 'warning';
  text: string;
  title?: string;
  /** What a screen reader says instead of the short text, when the short text alone would lose meaning. */
  label?: string;
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
  const attempts = failedAttempts(meta, model);
  if (attempts) parts.push(attempts);
  if (meta.comparableFallback) {
    parts.push({
      kind: 'fallbacks',
      text: `moved to ${meta.comparableFallback.to}`,
      title: `Every host of ${meta.comparableFallback.from} was down`,
    });
  }
  if (meta.usage) {
    const u = meta.usage;
    const est = meta.usageEstimated ? '~' : '';
    const counts = [`${est}${formatTokens(u.inputTokens)} in`, `${est}${formatTokens(u.outputTokens)} out`];
    if (u.cacheReadTokens > 0) counts.push(`${formatTokens(u.cacheReadTokens)} cached`);
    if (u.reasoningTokens > 0) counts.push(`${formatTokens(u.reasoningTokens)} reasoning`);
    parts.push({
      kind: 'tokens',
      text: counts.join(' · '),
      title: `Input ${u.inputTokens} (cache read ${u.cacheReadTokens}, cache write ${u.cacheWriteTokens}); output ${u.outputTokens} (reasoning ${u.reasoningTokens})${meta.usageEstimated ? '; counted locally' : ''}`,
    });
  }
  // No usage and no charge: the request failed before any output, which providers do not bill
  // (the ledger records it at $0).
  const cost =
    !meta.charge && !meta.usage
      ? { text: 'not billed', title: 'The request failed before any output; nothing was charged' }
      : formatCharge(meta.charge);
  parts.push({ kind: 'cost', ...cost });
  if (meta.ttftMs !== undefined) parts.push({ kind: 'ttft', text: `TTFT ${formatMs(meta.ttftMs)}`, title: 'Time to first token' });
  if (meta.tokensPerSecond !== undefined && Number.isFinite(meta.tokensPerSecond)) {
    parts.push({
      kind: 'speed',
      text: formatTokensPerSecond(meta.tokensPerSecond),
      title: 'Output tokens per second after the first token',
    });
  }
  if (meta.finishReason === 'cancelled')
    parts.push({ kind: 'status', text: 'stopped', title: 'You stopped this answer; the partial text is kept' });
  else if (meta.partial) parts.push({ kind: 'status', text: 'partial', title: 'The provider failed after output began' });
  else if (meta.finishReason === 'length')
    parts.push({ kind: 'status', text: 'cut at max tokens', title: 'The answer hit the output token limit' });
  else if (meta.finishReason === 'content_filter')
    parts.push({ kind: 'status', text: 'filtered', title: 'The provider filtered the output' });
  if (meta.budgetNote) {
    const text = meta.budgetAction === 'downgrade' ? 'cheaper model (budget)' : 'budget warning';
    parts.push({ kind: 'budget', text, title: meta.budgetNote });
  }
  for (const w of meta.warnings ?? [])
    parts.push({
      kind: 'warning',
      text: `${w.parameter} ${w.changed ? 'changed' : 'ignored'} by ${w.providerName ?? w.provider}`,
      title: w.message,
      label: `Warning: ${w.message}`,
    });
  return parts;
}

/**
 * Failed attempts before the answer, as fallbacks (moves to another host) and retries (further
 * attempts on a host), so three failures on one host never read "3 fallbacks".
 */
function failedAttempts(meta: AssistantMeta, servedModel: string | undefined): FooterPart | undefined {
  const failed = meta.fallbacks ?? [];
  if (!failed.length) return undefined;
  const host = (f: { provider: string; modelId: string }) => `${f.provider}:${f.modelId}`;
  // Every move to another host is a fallback; every further attempt on a host is a retry.
  const tried = failed.map(host);
  if (meta.provider) tried.push(`${meta.provider}:${meta.servedModelId ?? servedModel}`);
  const hosts = new Set(tried).size;
  const otherHosts = hosts - 1;
  const retries = tried.length - hosts;
  const plural = (n: number, word: string, many: string) => `${n} ${n === 1 ? word : many}`;
  const text = [otherHosts ? plural(otherHosts, 'fallback', 'fallbacks') : '', retries ? plural(retries, 'retry', 'retries') : '']
    .filter(Boolean)
    .join(' · ');
  const list = failed.map((f) => `${host(f)}${f.reason ? ` (${f.reason})` : ''}`).join('\n');
  return { kind: 'fallbacks', text, title: `Failed attempts before this answer:\n${list}` };
}
