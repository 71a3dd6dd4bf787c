// Numbers an attempt carries come from providers (usage) and clocks (durations). A negative or
// absurd one is clamped here and reported, so it neither shows in the chat nor makes the ledger
// record unreadable for the other windows.
import type { AttemptReport } from './router/types';
import type { Usage } from './types';

/** Above this, a token count in one attempt is a provider bug, not usage. */
const MAX_TOKENS = 100_000_000;
/** Above this, a duration of one attempt is a clock fault. */
export const MAX_DURATION_MS = 24 * 3_600_000;

type Note = (message: string) => void;

function valid(v: number, max: number): boolean {
  return Number.isFinite(v) && v >= 0 && v <= max;
}

/** Usage with every count a non-negative integer within reason; a bad one becomes 0. */
export function saneUsage(u: Usage, note: Note): Usage {
  const out = { ...u };
  for (const k of ['inputTokens', 'outputTokens', 'cacheReadTokens', 'cacheWriteTokens', 'reasoningTokens'] as const) {
    if (valid(u[k], MAX_TOKENS)) out[k] = Math.round(u[k]);
    else {
      note(`${k} ${String(u[k])} from the provider ignored (counted as 0).`);
      out[k] = 0;
    }
  }
  if (u.providerCostUsd !== undefined && !valid(u.providerCostUsd, Number.MAX_VALUE)) {
    note(`providerCostUsd ${String(u.providerCostUsd)} from the provider ignored.`);
    delete out.providerCostUsd;
  }
  return out;
}

/** A duration in range, or undefined (reported) when it is not. */
export function saneMs(name: string, v: number | undefined, note: Note): number | undefined {
  if (v === undefined || valid(v, MAX_DURATION_MS)) return v;
  note(`${name} ${String(v)} ms ignored.`);
  return undefined;
}

/** The attempt with bad numbers clamped (counts), dropped (optional timings, cost) or zeroed (duration). */
export function saneAttempt(a: AttemptReport, note: Note): AttemptReport {
  const out: AttemptReport = { ...a, durationMs: saneMs('durationMs', a.durationMs, note) ?? 0, ttftMs: saneMs('ttftMs', a.ttftMs, note) };
  if (a.tokensPerSec !== undefined && !valid(a.tokensPerSec, Number.MAX_VALUE)) out.tokensPerSec = undefined;
  if (a.usage) out.usage = saneUsage(a.usage, note);
  if (a.charge?.usd !== undefined && !valid(a.charge.usd, Number.MAX_VALUE)) {
    note(`cost ${String(a.charge.usd)} USD ignored; the attempt is unpriced.`);
    out.charge = { ...a.charge, usd: undefined, status: 'unpriced' };
  }
  return out;
}
