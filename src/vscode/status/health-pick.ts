// "Show Provider Health": one QuickPick row per provider, with a detail line per endpoint on selection.
import * as vscode from 'vscode';
import type { HealthSnapshot } from '../../core/health/types';
import { breakerSummary, stateLabel } from './health-status';

/** Shows the health QuickPick for a snapshot; returns the chosen provider id, if any. */
export async function showHealthPick(snap: HealthSnapshot): Promise<string | undefined> {
  if (snap.providers.length === 0) {
    void vscode.window.showInformationMessage('Switchboard has not called any provider in this window yet.');
    return undefined;
  }
  const items = snap.providers.map((p) => ({
    label: `${stateLabel(p.state)}  ${p.provider}`,
    description: `TTFT ${fmtMs(p.ttftMs.p50 ?? p.ttftMs.ewma)} · ${(p.errorRate * 100).toFixed(0)}% errors · breaker ${breakerSummary(p)}`,
    detail: [
      p.headroom === undefined ? undefined : `rate-limit headroom ${Math.round(p.headroom * 100)}%`,
      p.lastError ? `last error: ${p.lastError.message.slice(0, 160)}` : undefined,
      `${p.endpoints.length} endpoint(s): ${p.endpoints.map((e) => `${e.modelId} (${e.state})`).join(', ').slice(0, 300)}`,
    ]
      .filter(Boolean)
      .join(' · '),
    provider: p.provider,
  }));
  const pick = await vscode.window.showQuickPick(items, { title: 'Switchboard: Provider Health', matchOnDescription: true, matchOnDetail: true });
  return pick?.provider;
}

function fmtMs(v: number | undefined): string {
  return v === undefined ? '–' : `${Math.round(v)} ms`;
}
