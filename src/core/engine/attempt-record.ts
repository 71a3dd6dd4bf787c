// What one attempt leaves in the ledger. Every front end's requests are recorded by this one
// rule, so spend from the chat, the language-model API and the gateway adds up the same way.
import { endpointKey, type Price } from '../catalog/types';
import type { LedgerEntry } from '../ledger/record';
import type { AttemptContext } from '../router/router';
import type { AttemptReport } from '../router/types';

/** USD saved by cache reads versus paying the full input rate for those tokens. */
export function cacheSavings(cacheReadTokens: number, price: Price): number | undefined {
  if (cacheReadTokens <= 0 || price.cacheReadPerMTok === undefined) return undefined;
  return (cacheReadTokens * (price.inputPerMTok - price.cacheReadPerMTok)) / 1e6;
}

/** The ledger entry of a real attempt; undefined for a skip, which costs nothing and is not recorded. */
export function ledgerEntryOf(a: AttemptReport, ctx: AttemptContext, defaultWorkspace: string): LedgerEntry | undefined {
  if (a.outcome === 'skipped') return undefined;
  const u = a.usage;
  const saved = u && a.endpoint.price ? cacheSavings(u.cacheReadTokens, a.endpoint.price) : undefined;
  return {
    workspace: ctx.workspaceId ?? defaultWorkspace,
    conversation: ctx.conversationId,
    model: a.endpoint.canonicalModel,
    provider: a.endpoint.provider,
    endpoint: endpointKey(a.endpoint),
    inputTokens: u?.inputTokens ?? 0,
    outputTokens: u?.outputTokens ?? 0,
    cacheReadTokens: u?.cacheReadTokens ?? 0,
    cacheWriteTokens: u?.cacheWriteTokens ?? 0,
    reasoningTokens: u?.reasoningTokens ?? 0,
    // A failed attempt that never reported usage was not billed: $0, not "unpriced".
    costUsd: a.charge ? a.charge.usd : u ? undefined : 0,
    costStatus: a.charge?.status ?? (u ? 'unpriced' : 'exact'),
    cacheSavedUsd: saved !== undefined && saved > 0 ? saved : undefined,
    ttftMs: a.ttftMs,
    durationMs: a.durationMs,
    outcome: a.outcome,
    fallback: a.fallback,
    errorCategory: a.errorCategory,
    origin: ctx.origin,
    client: ctx.client,
  };
}
