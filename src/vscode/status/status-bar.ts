// The two status bar items: spend (today + month against budget) and worst-state health.
// They repaint on ledger and health change events, so spend from other windows shows up live,
// and at local midnight, when "today" (and at month end "this month") starts again from zero.
import * as vscode from 'vscode';
import { BudgetGuard, type BudgetConfig } from '../../core/budgets';
import { zeroTotals } from '../../core/ledger/aggregates';
import type { GatewayView } from '../../app/gateway/gateway-status';
import { healthView } from '../../app/status/health-status';
import { onLocalMidnight } from '../../app/status/midnight';
import type { HealthSource, SpendSource } from '../../app/status/ports';
import { spendView, type SpendLevel } from '../../app/status/spend-status';

/** What the test hook reports about the status bar. */
interface StatusBarState {
  spend: { text: string; tooltip: string; level: SpendLevel };
  health: { text: string; tooltip: string; state: string };
  /** Absent while the gateway is off. */
  gateway?: GatewayView;
}

/** Owns the spend and health items; sources are attached when the core has loaded. */
export class StatusBarController implements vscode.Disposable {
  private readonly spendItem: vscode.StatusBarItem;
  private readonly healthItem: vscode.StatusBarItem;
  private gatewayItem?: vscode.StatusBarItem;
  private spend?: SpendSource;
  private health?: HealthSource;
  private readonly unsubscribe: (() => void)[] = [];
  private pending?: ReturnType<typeof setTimeout>;
  private state: StatusBarState;
  private readonly midnight: { dispose(): void };

  /**
   * `workspaceId` must be the id spend is recorded under (Services.workspaceId), or per-workspace
   * budgets are checked against another workspace's spend.
   */
  constructor(
    private readonly budgets: () => BudgetConfig,
    private readonly workspaceId: () => string,
  ) {
    this.spendItem = vscode.window.createStatusBarItem('switchboard.spend', vscode.StatusBarAlignment.Right, 100);
    this.spendItem.name = 'Switchboard Spend';
    this.spendItem.command = 'switchboard.openDashboard';
    this.healthItem = vscode.window.createStatusBarItem('switchboard.health', vscode.StatusBarAlignment.Right, 99);
    this.healthItem.name = 'Switchboard Health';
    this.healthItem.command = 'switchboard.showHealth';
    this.state = {
      spend: { text: '$(credit-card) Switchboard', tooltip: 'Loading spend…', level: 'ok' },
      health: { text: '$(pulse) –', tooltip: 'No requests yet.', state: 'ok' },
    };
    this.paint();
    this.spendItem.show();
    this.healthItem.show();
    this.midnight = onLocalMidnight(() => this.refresh());
  }

  /** Connects the ledger and health board; safe to call again after a core reload. */
  attach(spend: SpendSource | undefined, health: HealthSource | undefined): void {
    for (const u of this.unsubscribe.splice(0)) u();
    this.spend = spend;
    this.health = health;
    if (spend) this.unsubscribe.push(spend.onChange(() => this.schedule()));
    if (health) this.unsubscribe.push(health.onChange(() => this.schedule()));
    this.refresh();
  }

  /** Recomputes both items now (e.g. after a budget setting changed). */
  refresh(): void {
    if (this.pending) clearTimeout(this.pending);
    this.pending = undefined;
    const s = this.spend;
    const v = spendView({
      today: s ? s.spent('day') : zeroTotals(),
      month: s ? s.spent('month') : zeroTotals(),
      todayByProvider: s ? s.summary('day').by.provider : [],
      // The same checks the router's guard makes, so the colour turns when a per-workspace limit blocks too.
      budget: new BudgetGuard(s ?? { spent: () => zeroTotals() }, this.budgets).status(this.workspaceId()),
    });
    this.state.spend = { text: v.text, tooltip: v.tooltip, level: v.level };
    if (this.health) {
      const v = healthView(this.health.snapshot());
      this.state.health = { text: v.text, tooltip: v.tooltip, state: v.state };
    }
    this.paint();
  }

  /** Shows the gateway item (created on first use), or hides it with undefined. */
  setGateway(view: GatewayView | undefined): void {
    this.state.gateway = view;
    if (!view) return void this.gatewayItem?.hide();
    if (!this.gatewayItem) {
      this.gatewayItem = vscode.window.createStatusBarItem('switchboard.gateway', vscode.StatusBarAlignment.Right, 98);
      this.gatewayItem.name = 'Switchboard Gateway';
      this.gatewayItem.command = 'switchboard.copyGatewayTerminalSettings';
    }
    this.gatewayItem.text = view.text;
    this.gatewayItem.tooltip = markdown(`${view.tooltip}\n\nClick to copy the settings for a terminal.`);
    this.gatewayItem.accessibilityInformation = { label: `Switchboard gateway: ${view.tooltip}` };
    this.gatewayItem.show();
  }

  /** A copy of what the items show, for the e2e test hook. */
  snapshot(): StatusBarState {
    return structuredClone(this.state);
  }

  dispose(): void {
    this.midnight.dispose();
    if (this.pending) clearTimeout(this.pending);
    for (const u of this.unsubscribe.splice(0)) u();
    this.spendItem.dispose();
    this.healthItem.dispose();
    this.gatewayItem?.dispose();
  }

  // Streams append several attempts in a burst; one repaint per burst is enough.
  private schedule(): void {
    if (this.pending) return;
    this.pending = setTimeout(() => this.refresh(), 50);
  }

  private paint(): void {
    const s = this.state.spend;
    this.spendItem.text = s.text;
    this.spendItem.tooltip = markdown(s.tooltip);
    this.spendItem.backgroundColor =
      s.level === 'over'
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : s.level === 'warn'
          ? new vscode.ThemeColor('statusBarItem.warningBackground')
          : undefined;
    this.spendItem.accessibilityInformation = { label: `Switchboard spend: ${s.text.replace(/\$\([a-z-]+\)\s*/g, '')}` };
    const h = this.state.health;
    this.healthItem.text = h.text;
    this.healthItem.tooltip = markdown(h.tooltip);
    this.healthItem.backgroundColor =
      h.state === 'down'
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : h.state === 'degraded'
          ? new vscode.ThemeColor('statusBarItem.warningBackground')
          : undefined;
    this.healthItem.accessibilityInformation = { label: `Switchboard provider health: ${h.text.replace(/\$\([a-z-]+\)\s*/g, '')}` };
  }
}

function markdown(text: string): vscode.MarkdownString {
  // Theme icons only; never trusted, so no command links can hide in provider names or errors.
  const md = new vscode.MarkdownString(text, true);
  md.isTrusted = false;
  return md;
}
