// What the health item shows: worst state across providers, and a per-provider markdown table.
import type { BreakerState, EndpointHealth, HealthSnapshot, HealthState, ProviderHealth } from '../../core/health/types';
import { clip, escapeCell, markdownTable } from './markdown-table';

/** Everything the health item renders. */
interface HealthView {
  text: string;
  state: HealthState;
  tooltip: string;
}

/** Builds the health item's text and tooltip from a snapshot. */
export function healthView(snap: HealthSnapshot): HealthView {
  const down = snap.providers.filter((p) => p.state === 'down').map((p) => p.provider);
  const degraded = snap.providers.filter((p) => p.state === 'degraded').map((p) => p.provider);
  let text: string;
  if (down.length) text = `$(error) ${down.length === 1 ? `${down[0]} down` : `${down.length} providers down`}`;
  else if (degraded.length) text = `$(warning) ${degraded.length === 1 ? `${degraded[0]} degraded` : `${degraded.length} degraded`}`;
  else text = '$(pulse) All good';
  return { text, state: snap.overall, tooltip: healthTooltip(snap) };
}

function healthTooltip(snap: HealthSnapshot): string {
  const lines = ['**Switchboard provider health**', ''];
  if (snap.providers.length === 0) {
    lines.push('No requests yet in this window.');
  } else {
    const header = ['Provider', 'State', 'TTFT p50', 'Tokens/s', 'Errors', 'Breaker', 'Headroom'];
    lines.push(
      ...markdownTable(header, ['left', 'left', 'right', 'right', 'right', 'left', 'right'], [...snap.providers].sort(byWorst).map(row)),
    );
    const last = snap.providers.filter((p) => p.lastError).sort((a, b) => b.lastError!.at - a.lastError!.at)[0];
    if (last?.lastError) lines.push('', `Last error (${escapeCell(last.provider)}): ${escapeCell(clip(last.lastError.message, 200))}`);
  }
  lines.push('', 'Click for details per provider.');
  return lines.join('\n');
}

function row(p: ProviderHealth): string[] {
  const ttft = p.ttftMs.p50 ?? p.ttftMs.ewma;
  const tps = p.tokensPerSec.p50 ?? p.tokensPerSec.ewma;
  return [
    p.provider,
    stateLabel(p.state),
    ttft === undefined ? '–' : `${Math.round(ttft)} ms`,
    tps === undefined ? '–' : tps.toFixed(0),
    `${(p.errorRate * 100).toFixed(0)}%`,
    breakerSummary(p),
    p.headroom === undefined ? '–' : `${Math.round(p.headroom * 100)}%`,
  ];
}

/** Icon + word for a state, readable without colour. */
export function stateLabel(s: HealthState): string {
  return s === 'ok' ? '$(pass) ok' : s === 'degraded' ? '$(warning) degraded' : '$(error) down';
}

/** "closed", or how many endpoints are open / half-open. */
export function breakerSummary(p: Pick<ProviderHealth, 'endpoints'>): string {
  const count = (s: BreakerState) => p.endpoints.filter((e) => e.breaker === s).length;
  const open = count('open');
  const half = count('half-open');
  if (!open && !half) return 'closed';
  return [open ? `${open} open` : '', half ? `${half} half-open` : ''].filter(Boolean).join(', ');
}

/** One endpoint as a QuickPick row (QuickPick text renders codicons, never markdown, so nothing is escaped). */
interface EndpointRow {
  label: string;
  description: string;
  detail: string;
}

/** Rows for a provider's endpoints, worst first; `redact` scrubs error text once more before it is shown. */
export function endpointRows(
  p: Pick<ProviderHealth, 'endpoints'>,
  now: number,
  redact: (text: string) => string = (t) => t,
): EndpointRow[] {
  return [...p.endpoints]
    .sort((a, b) => RANK[a.state] - RANK[b.state] || a.modelId.localeCompare(b.modelId))
    .map((e) => ({
      label: `${stateLabel(e.state)}  ${e.modelId}`,
      description: [
        `TTFT p50 ${fmtMs(e.ttftMs.p50 ?? e.ttftMs.ewma)}`,
        `${(e.errorRate * 100).toFixed(0)}% errors of ${e.calls} call${e.calls === 1 ? '' : 's'}`,
        `breaker ${breakerText(e, now)}`,
        `headroom ${e.headroom === undefined ? '–' : `${Math.round(e.headroom * 100)}%`}`,
      ].join(' · '),
      detail: [
        e.coolingUntil !== undefined && e.coolingUntil > now ? `rate-limited, retry in ${fmtWait(e.coolingUntil - now)}` : undefined,
        e.lastError ? `last error ${fmtAgo(now - e.lastError.at)}: ${clip(redact(e.lastError.message), 200)}` : 'no errors',
      ]
        .filter(Boolean)
        .join(' · '),
    }));
}

function breakerText(e: EndpointHealth, now: number): string {
  if (e.breaker === 'open' && e.breakerReopensAt !== undefined && e.breakerReopensAt > now)
    return `open, retry in ${fmtWait(e.breakerReopensAt - now)}`;
  return e.breaker;
}

function fmtMs(v: number | undefined): string {
  return v === undefined ? '–' : `${Math.round(v)} ms`;
}

function fmtWait(ms: number): string {
  return ms < 60_000 ? `${Math.ceil(ms / 1000)} s` : `${Math.ceil(ms / 60_000)} min`;
}

function fmtAgo(ms: number): string {
  if (ms < 60_000) return 'just now';
  if (ms < 3600_000) return `${Math.floor(ms / 60_000)} min ago`;
  return `${Math.floor(ms / 3600_000)} h ago`;
}

const RANK: Record<HealthState, number> = { down: 0, degraded: 1, ok: 2 };
function byWorst(a: ProviderHealth, b: ProviderHealth): number {
  return RANK[a.state] - RANK[b.state] || a.provider.localeCompare(b.provider);
}
