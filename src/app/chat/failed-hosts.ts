// Which hosts failed in a stored turn, read back from what the turn keeps (its error, the host
// that served it and the fallbacks taken), so the buttons work after a reload too.
import type { FailedHost } from '../../core/router/continuation';
import type { ChatTurn } from '../../shared/protocol';

/** The providers that failed in a turn; "Retry on another provider" avoids them. */
export function failedProviders(turn: ChatTurn): string[] {
  return [turn.error?.provider, turn.meta?.provider, ...(turn.meta?.fallbacks ?? []).map((f) => f.provider)].filter(
    (p): p is string => !!p,
  );
}

/** The hosts that failed in a turn, the one its answer broke on first; an endpoint when the turn names its model id. */
export function failedHosts(turn: ChatTurn): FailedHost[] {
  const m = turn.meta;
  const host = (provider: string, modelId?: string): FailedHost => (modelId ? { provider, modelId } : { provider });
  const broke = m?.provider ?? turn.error?.provider;
  return [
    ...(broke ? [host(broke, m?.provider ? m.servedModelId : undefined)] : []),
    ...(m?.fallbacks ?? []).map((f) => host(f.provider, f.modelId)),
  ];
}
