// Composition root. activate() only registers things: the ledger loads right after startup for
// the status bar, and the rest of the core (HTTP, catalog, engine) loads on first use.
import type * as vscode from 'vscode';
import {
  registerChatFeature,
  registerLanguageModelFeature,
  registerCompare,
  registerHealthAndVersion,
  registerKeys,
  registerSelection,
  registerSpend,
  registerWatchers,
  scheduleAfterStartup,
  type ChatFeature,
} from './vscode/activation/features';
import { SwitchboardWindow } from './vscode/activation/window';
import type { RunParticipant } from './vscode/lm/register';
import { registerGateway, type GatewayFeature } from './vscode/gateway/gateway-feature';
import { ComparePanel } from './vscode/compare/compare-panel';
import { DashboardPanel } from './vscode/dashboard/dashboard-panel';
import { e2eEnabled, registerTestHooks } from './vscode/test-hooks';

let activationMs = 0;
/** Time of each step of the last activate(), so a slow start shows what it waited on. */
const activationSteps: Record<string, number> = {};

function step<T>(name: string, run: () => T): T {
  const t = performance.now();
  try {
    return run();
  } finally {
    activationSteps[name] = performance.now() - t;
  }
}

/** Microseconds of CPU used by this thread (the process, where Node cannot tell threads apart). */
function threadCpu(): number {
  const p = process as { threadCpuUsage?: () => NodeJS.CpuUsage };
  const u = p.threadCpuUsage?.() ?? process.cpuUsage();
  return u.user + u.system;
}

/** Called by VS Code when an activation event fires. */
export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  const cpuAtStart = threadCpu();
  const w = step('window', () => new SwitchboardWindow(context));
  const chat = step('chat', () => registerChatFeature(w));
  const runParticipant = step('lm', () => registerLanguageModelFeature(w, chat));
  step('commands', () => {
    registerKeys(w);
    registerSelection(w, chat);
    registerSpend(w);
    registerCompare(w, chat);
    registerHealthAndVersion(w);
    registerWatchers(w);
  });
  const gateway = step('gateway', () => registerGateway(w));
  if (e2eEnabled()) step('e2e', () => registerE2eHooks(w, chat, runParticipant, gateway));
  step('schedule', () => scheduleAfterStartup(w));
  activationMs = performance.now() - started;
  // CPU this thread spent in activate(): far below the wall time means it waited (the thread was
  // descheduled or paused), not that activate() did more work.
  activationSteps.cpu = (threadCpu() - cpuAtStart) / 1000;
  w.log.debug(`Activated in ${activationMs.toFixed(1)} ms.`);
}

/** The state the e2e tests read, only when they run (SWITCHBOARD_E2E). */
function registerE2eHooks(w: SwitchboardWindow, chat: ChatFeature, runParticipant: RunParticipant, gateway: GatewayFeature): void {
  const { services, config, keys } = w;
  w.context.subscriptions.push(
    ...registerTestHooks({
      activationMs: () => activationMs,
      activationSteps: () => activationSteps,
      statusBar: () => w.statusBar.snapshot(),
      lastRouteReport: () => services.lastRouteReport,
      chat: () => chat.chat.snapshot(),
      dashboardTodayUsd: () => DashboardPanel.instance?.lastTotalUsd,
      compare: () => ComparePanel.instance?.snapshot(),
      noKeys: () => w.noKeys,
      settingsProblems: () => config.snapshot.problems,
      settings: () => config.settings,
      localServers: () => w.localServers.map((l) => ({ providerId: l.providerId, models: l.models.length })),
      gateway: () => gateway.state(),
      coreLoaded: () => services.isCoreLoaded,
      setSecret: async (id, key) => {
        await keys.set(id, key);
        // Awaited so a test reading state right after sees the welcome context already updated.
        await w.updateNoKeys();
      },
      redact: (t) => keys.redact(t),
      runParticipant: async (request) => {
        let markdown = '';
        const progress: string[] = [];
        const result = await runParticipant(request, [], { markdown: (v) => void (markdown += v), progress: (v) => void progress.push(v) });
        return { markdown, progress, result };
      },
      ledgerRecent: () => services.ledger().recent(),
    }),
  );
}

/** Nothing to clean up beyond context.subscriptions. */
export function deactivate(): void {}
