// "Show Provider Health": one QuickPick row per provider; choosing one opens a second QuickPick with
// a row per endpoint (the breaker and the rate limits are per endpoint, not per provider).
import * as vscode from 'vscode';
import type { HealthSnapshot } from '../../core/health/types';
import { breakerSummary, endpointRows, stateLabel } from '../../app/status/health-status';

/** Shows the health QuickPick, then the chosen provider's endpoints; returns the chosen provider id, if any. */
export async function showHealthPick(
  snapshot: () => HealthSnapshot,
  redact: (text: string) => string = (t) => t,
): Promise<string | undefined> {
  const snap = snapshot();
  if (snap.providers.length === 0) {
    void vscode.window.showInformationMessage('Switchboard has not called any provider in this window yet.');
    return undefined;
  }
  const items = snap.providers.map((p) => ({
    label: `${stateLabel(p.state)}  ${p.provider}`,
    description: `TTFT ${fmtMs(p.ttftMs.p50 ?? p.ttftMs.ewma)} · ${(p.errorRate * 100).toFixed(0)}% errors · breaker ${breakerSummary(p)}`,
    detail: [
      p.headroom === undefined ? undefined : `rate-limit headroom ${Math.round(p.headroom * 100)}%`,
      p.lastError ? `last error: ${redact(p.lastError.message).slice(0, 160)}` : undefined,
      `${p.endpoints.length} endpoint(s): ${p.endpoints
        .map((e) => `${e.modelId} (${e.state})`)
        .join(', ')
        .slice(0, 300)}`,
    ]
      .filter(Boolean)
      .join(' · '),
    provider: p.provider,
  }));
  const pick = await vscode.window.showQuickPick(items, {
    title: 'Switchboard: Provider Health',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!pick) return undefined;
  // A fresh snapshot: the user may have looked at the first list for a while.
  const fresh = snapshot();
  const p = fresh.providers.find((x) => x.provider === pick.provider);
  const rows = p ? endpointRows(p, fresh.at, redact) : [];
  if (rows.length === 0) {
    void vscode.window.showInformationMessage(`Switchboard has no endpoint figures for ${pick.provider} yet.`);
    return pick.provider;
  }
  await vscode.window.showQuickPick(rows, {
    title: `Switchboard: ${pick.provider} endpoints`,
    placeHolder: 'State, latency, errors, breaker and rate-limit headroom per endpoint (Escape closes)',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return pick.provider;
}

function fmtMs(v: number | undefined): string {
  return v === undefined ? '–' : `${Math.round(v)} ms`;
}
