// The spend dashboard editor panel. One instance; it repaints on ledger changes while visible, at
// local midnight (today, this week and this month start again) and when settings (budgets) change.
import * as vscode from 'vscode';
import type { BudgetGuard } from '../../core/budgets';
import type { HostPrice } from '../../core/catalog';
import {
  MessageEndpoint,
  toHostMessages,
  toWebviewMessages,
  type DashboardPeriod,
  type ToHostMessages,
  type ToWebviewMessages,
} from '../../shared/protocol';
import type { SwitchboardLog } from '../logging';
import { onLocalMidnight } from '../../app/status/midnight';
import type { SpendSource } from '../../app/status/ports';
import { buildWebviewHtml, webviewOptions } from '../webview-html';
import { buildDashboardData } from '../../app/dashboard/dashboard-data';

/** What the dashboard reads. */
export interface DashboardDeps {
  extensionUri: vscode.Uri;
  spend(): SpendSource;
  budgets(): BudgetGuard;
  warnAt(): number;
  workspaceId(): string;
  /** Host prices, once the catalog is loaded (never forces a load). */
  hostsOf(): Promise<((model: string) => HostPrice[]) | undefined>;
  /** Fires when settings change: budget lines and warnAt come from `switchboard.budgets`. */
  onSettingsChange(listener: () => void): vscode.Disposable;
  log: SwitchboardLog;
  /** Removes keys from error text before it reaches the webview (the key ring's redact). */
  redact(text: string): string;
}

/** The `switchboard.dashboard` panel. */
export class DashboardPanel {
  static readonly viewType = 'switchboard.dashboard';
  private static current?: DashboardPanel;
  private period: DashboardPeriod = 'day';
  private readonly endpoint: MessageEndpoint<ToHostMessages, ToWebviewMessages>;
  private readonly disposables: vscode.Disposable[] = [];
  private pending?: ReturnType<typeof setTimeout>;
  /** The last payload sent, for the e2e hook. */
  lastTotalUsd?: number;

  /** Opens the dashboard, or reveals it when already open. */
  static show(deps: DashboardDeps): DashboardPanel {
    if (DashboardPanel.current) {
      DashboardPanel.current.panel.reveal();
      DashboardPanel.current.push();
      return DashboardPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(DashboardPanel.viewType, 'Switchboard Spend', vscode.ViewColumn.Active, {
      ...webviewOptions(deps.extensionUri),
      retainContextWhenHidden: false,
    });
    DashboardPanel.current = new DashboardPanel(panel, deps);
    return DashboardPanel.current;
  }

  /** The open dashboard, if any. */
  static get instance(): DashboardPanel | undefined {
    return DashboardPanel.current;
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly deps: DashboardDeps,
  ) {
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'switchboard.svg');
    panel.webview.html = buildWebviewHtml({
      webview: panel.webview,
      extensionUri: deps.extensionUri,
      kind: 'dashboard',
      title: 'Switchboard Spend',
    });
    this.endpoint = new MessageEndpoint({
      incoming: toHostMessages,
      outgoing: toWebviewMessages,
      send: (m) => void panel.webview.postMessage(m),
      log: (reason) => deps.log.warn(`dashboard webview: ${reason}`),
      redact: (t) => deps.redact(t),
    });
    this.endpoint.on('dashboard.ready', () => this.push());
    this.endpoint.on('dashboard.setPeriod', ({ period }) => {
      this.period = period;
      this.push();
    });
    this.endpoint.on('dashboard.exportCsv', () => void vscode.commands.executeCommand('switchboard.exportSpendCsv'));
    this.endpoint.on(
      'dashboard.openBudgetSettings',
      () => void vscode.commands.executeCommand('workbench.action.openSettings', 'switchboard.budgets'),
    );
    this.endpoint.on('webviewLog', ({ level, message }) => deps.log[level](`dashboard webview: ${message}`));
    const unsubscribe = deps.spend().onChange(() => this.schedule());
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m) => this.endpoint.receive(m)),
      panel.onDidChangeViewState(() => panel.visible && this.push()),
      panel.onDidDispose(() => this.dispose()),
      { dispose: unsubscribe },
      // A hidden panel is repainted when it becomes visible again, so these only need the visible case.
      onLocalMidnight(() => this.schedule()),
      deps.onSettingsChange(() => this.schedule()),
    );
  }

  private schedule(): void {
    if (this.pending || !this.panel.visible) return;
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.push();
    }, 200);
  }

  private push(): void {
    void this.compute().then(
      (data) => {
        this.lastTotalUsd = data.totals.today.usd;
        this.endpoint.post('dashboard.data', data);
      },
      (e: unknown) => this.deps.log.error(`dashboard: ${String(e)}`),
    );
  }

  private async compute() {
    const hostsOf = await this.deps.hostsOf();
    return buildDashboardData({
      spend: this.deps.spend(),
      period: this.period,
      budgetLines: this.deps.budgets().status(this.deps.workspaceId()).lines,
      warnAt: this.deps.warnAt(),
      hostsOf,
      now: Date.now(),
    });
  }

  private dispose(): void {
    if (this.pending) clearTimeout(this.pending);
    DashboardPanel.current = undefined;
    this.endpoint.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
