// One register function per feature. Each adds its commands and listeners to the window's
// subscriptions and returns what other features need from it.
import * as vscode from 'vscode';
import { registerChat, type ChatApi } from '../chat';
import { createChatPort } from '../chat-port-adapter';
import type { ChatPort } from '../../app/chat/chat-port';
import { ComparePanel } from '../compare/compare-panel';
import { DashboardPanel, type DashboardDeps } from '../dashboard/dashboard-panel';
import { exportSpendCsv } from '../dashboard/export-csv';
import { registerKeyCommands } from '../keys/key-commands';
import { buildSelectionPrompt } from '../../app/selection/build-prompt';
import { estimateSend } from '../../app/selection/estimate';
import { currentSelection, registerSelectionCommands, type ChatPort as SelectionChat } from '../selection/selection-commands';
import { registerLanguageModels, type RunParticipant } from '../lm/register';
import { healthSourceOf } from '../../app/status/health-source';
import { showHealthPick } from '../status/health-pick';
import type { SwitchboardWindow } from './window';

/** The chat and what other features reach it through. */
export interface ChatFeature {
  chat: ChatApi;
  port: ChatPort;
  /** The chat as the selection commands and compare's "Continue in chat" use it. */
  forSelection: SelectionChat;
}

/** The chat view and editor panel, over the engine. */
export function registerChatFeature(w: SwitchboardWindow): ChatFeature {
  const port = createChatPort(w.services);
  const configuredDefault = port.defaultModel;
  // With no default set, a detected local server gives a new user a working model at once.
  port.defaultModel = () =>
    configuredDefault() ?? (w.localServers[0] ? `${w.localServers[0].providerId}:${w.localServers[0].models[0]}` : undefined);
  const chat = registerChat(w.context, port);
  const forSelection: SelectionChat = {
    sendPrompt: ({ text, selection, origin }) =>
      chat.sendPrompt({
        text,
        origin,
        context: selection
          ? {
              path: selection.path,
              language: selection.languageId,
              range: { startLine: selection.startLine, endLine: selection.endLine },
              code: selection.text,
            }
          : undefined,
      }),
    currentModel: () => chat.snapshot().model,
    history: () => chat.history(),
    importExchange: (prompt, answer, model, meta) => chat.importExchange(prompt, answer, model, meta),
  };
  return { chat, port, forSelection };
}

/** Switchboard's models in VS Code's language-model API, and the @switchboard participant. */
export function registerLanguageModelFeature(w: SwitchboardWindow, chat: ChatFeature): RunParticipant {
  const lm = registerLanguageModels(w.context, w.services, chat.port);
  w.context.subscriptions.push(...lm.disposables);
  return lm.runParticipant;
}

/** Set, remove and test keys. */
export function registerKeys(w: SwitchboardWindow): void {
  w.context.subscriptions.push(
    ...registerKeyCommands({
      keys: w.keys,
      registry: () => w.services.registry(),
      http: () => w.services.http(),
      log: w.log,
      changed: () => void w.updateNoKeys(),
    }),
  );
}

/** Send-selection commands, with the pre-send estimate on the host the router would pick. */
export function registerSelection(w: SwitchboardWindow, chat: ChatFeature): void {
  w.context.subscriptions.push(
    ...registerSelectionCommands({
      chat: async () => chat.forSelection,
      settings: () => w.config.settings,
      estimate: async (model, messages) => {
        const ref = model ?? chat.port.defaultModel();
        if (!ref) return undefined;
        const { engine } = await w.services.core();
        const planned = await engine.plan({ models: [ref], messages }).then(
          (p) => p.candidates[0]?.endpoint,
          () => undefined,
        );
        const endpoints = planned ? [planned] : (engine.catalog.resolve(ref)?.endpoints ?? []);
        return estimateSend(ref, endpoints, messages, (p) => w.services.registry().get(p)?.capabilities.local ?? false);
      },
    }),
  );
}

/** The spend dashboard and the CSV export. */
export function registerSpend(w: SwitchboardWindow): void {
  const { services, config, log } = w;
  const deps: DashboardDeps = {
    extensionUri: w.context.extensionUri,
    spend: () => services.ledger(),
    budgets: () => services.budgets(),
    warnAt: () => config.settings.budgets.warnAt,
    workspaceId: () => services.workspaceId,
    hostsOf: async () => {
      // Never services.core(): opening the dashboard must not load the catalog and router.
      const core = await services.loadedCore();
      return core ? (m: string) => core.engine.catalog.hostsWithPrices(m) : undefined;
    },
    onSettingsChange: (listener) => config.onDidChange(() => listener()),
    log,
    redact: (t) => w.redact(t),
  };
  w.context.subscriptions.push(
    vscode.commands.registerCommand('switchboard.openDashboard', () => void DashboardPanel.show(deps)),
    vscode.commands.registerCommand('switchboard.exportSpendCsv', () => exportSpendCsv(() => services.ledger().exportCsv(), log)),
  );
}

/** Side-by-side comparison of 2–4 models. */
export function registerCompare(w: SwitchboardWindow, chat: ChatFeature): void {
  w.context.subscriptions.push(
    vscode.commands.registerCommand('switchboard.compareModels', () => {
      const editor = vscode.window.activeTextEditor;
      const sel = editor && !editor.selection.isEmpty ? currentSelection() : undefined;
      ComparePanel.show(
        {
          extensionUri: w.context.extensionUri,
          core: () => w.services.core(),
          chat: async () => chat.forSelection,
          log: w.log,
          redact: (t) => w.redact(t),
          state: w.context.globalState,
          defaultModel: () => chat.port.defaultModel() ?? '',
        },
        sel ? buildSelectionPrompt('Explain what this code does and suggest improvements.', sel) : '',
      );
    }),
  );
}

/** The health pick and the version command. */
export function registerHealthAndVersion(w: SwitchboardWindow): void {
  w.context.subscriptions.push(
    vscode.commands.registerCommand('switchboard.showHealth', () =>
      showHealthPick(
        () => w.services.health.snapshot(),
        (t) => w.redact(t),
      ),
    ),
    vscode.commands.registerCommand('switchboard.hello', () => {
      const version = (w.context.extension.packageJSON as { version?: string }).version ?? '?';
      void vscode.window.showInformationMessage(`Switchboard ${version} is running.`);
      return version;
    }),
  );
}

/** Keys set in other windows and settings changes reach the router, the status bar and the welcome view. */
export function registerWatchers(w: SwitchboardWindow): void {
  w.context.subscriptions.push(
    w.context.secrets.onDidChange((e) => {
      // A key set in another window: the router must drop its cached copy.
      if (e.key.startsWith('switchboard.key.')) w.keys.notifyExternalChange(e.key.slice('switchboard.key.'.length));
      void w.updateNoKeys();
    }),
    w.config.onDidChange(() => {
      w.statusBar.refresh();
      void w.updateNoKeys();
    }),
  );
}

/** Off the activation path: the ledger for the status bar, the welcome-view context, local servers. */
export function scheduleAfterStartup(w: SwitchboardWindow): void {
  const timer = setTimeout(() => {
    try {
      const health = healthSourceOf(w.services.health);
      w.context.subscriptions.push(health);
      w.statusBar.attach(w.services.ledger(), health);
    } catch (e) {
      w.log.error(`Spend ledger unavailable: ${String(e)}`);
    }
    void w.updateNoKeys();
    void w.detectLocal();
  }, 0);
  w.context.subscriptions.push({ dispose: () => clearTimeout(timer) });
}
