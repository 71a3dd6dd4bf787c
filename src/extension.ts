// Composition root. activate() only registers things: the ledger loads right after startup for
// the status bar, and the rest of the core (HTTP, catalog, router) loads on first use.
import * as vscode from 'vscode';
import { HttpClient } from './core/http/client';
import { registerChat, type ChatApi } from './vscode/chat';
import { createChatPort } from './vscode/chat-port-adapter';
import { ComparePanel } from './vscode/compare/compare-panel';
import { ConfigService } from './vscode/config/config-service';
import { DashboardPanel, type DashboardDeps } from './vscode/dashboard/dashboard-panel';
import { exportSpendCsv } from './vscode/dashboard/export-csv';
import { registerKeyCommands } from './vscode/keys/key-commands';
import { registerLanguageModels } from './vscode/lm/register';
import { KeyRing } from './vscode/keys/key-ring';
import { detectLocalServers, listeningTargets, type DetectedLocal } from './vscode/keys/local-detect';
import { createSwitchboardLog } from './vscode/logging';
import { buildSelectionPrompt } from './vscode/selection/build-prompt';
import { estimateSend } from './vscode/selection/estimate';
import { currentSelection, registerSelectionCommands, type ChatPort as SelectionChat } from './vscode/selection/selection-commands';
import { Services } from './vscode/services';
import { healthSourceOf } from './vscode/status/health-source';
import { showHealthPick } from './vscode/status/health-pick';
import { StatusBarController } from './vscode/status/status-bar';
import { e2eEnabled, registerTestHooks } from './vscode/test-hooks';

let activationMs = 0;

/** Called by VS Code when an activation event fires. */
export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  const channel = vscode.window.createOutputChannel('Switchboard', { log: true });
  let config: ConfigService | undefined;
  const keys = new KeyRing(
    { get: (k) => Promise.resolve(context.secrets.get(k)), store: (k, v) => Promise.resolve(context.secrets.store(k, v)), delete: (k) => Promise.resolve(context.secrets.delete(k)) },
    { keysFromEnvironment: () => config?.settings.keysFromEnvironment ?? false, warn: (m) => channel.warn(m) },
  );
  const log = createSwitchboardLog(channel, { redact: (t) => keys.redact(t), logPrompts: () => config?.settings.logPrompts ?? false });
  config = new ConfigService(log);
  const cfg = config;
  const services = new Services(context, cfg, keys, log);
  const statusBar = new StatusBarController(() => cfg.settings.budgets, () => services.workspaceId);
  let localServers: DetectedLocal[] = [];
  let noKeys: boolean | undefined;

  // Several triggers (secret change, settings, local probe) may overlap; only the newest result
  // may land, or a check started before a key was stored could hide it again.
  let noKeysGeneration = 0;
  const updateNoKeys = async () => {
    const generation = ++noKeysGeneration;
    const value = !(await keys.anyUsable(services.registry().list())) && localServers.length === 0;
    if (generation !== noKeysGeneration) return;
    noKeys = value;
    await vscode.commands.executeCommand('setContext', 'switchboard.noKeys', noKeys);
  };

  const chatPort = createChatPort(services);
  const configuredDefault = chatPort.defaultModel;
  // With no default set, a detected local server gives a new user a working model at once.
  chatPort.defaultModel = () => configuredDefault() ?? (localServers[0] ? `${localServers[0].providerId}:${localServers[0].models[0]}` : undefined);
  const chat: ChatApi = registerChat(context, chatPort);
  const languageModels = registerLanguageModels(context, services, chatPort);
  context.subscriptions.push(...languageModels.disposables);
  const selectionChat: SelectionChat = {
    sendPrompt: ({ text, selection, origin }) =>
      chat.sendPrompt({
        text,
        origin,
        context: selection
          ? { path: selection.path, language: selection.languageId, range: { startLine: selection.startLine, endLine: selection.endLine }, code: selection.text }
          : undefined,
      }),
    currentModel: () => chat.snapshot().model,
    history: () => chat.history(),
    importExchange: (prompt, answer, model, meta) => chat.importExchange(prompt, answer, model, meta),
  };

  const dashboardDeps: DashboardDeps = {
    extensionUri: context.extensionUri,
    spend: () => services.ledger(),
    budgets: () => services.budgets(),
    warnAt: () => cfg.settings.budgets.warnAt,
    workspaceId: () => services.workspaceId,
    hostsOf: async () => {
      // Never services.core(): opening the dashboard must not load the catalog and router.
      const core = await services.loadedCore();
      return core ? (m: string) => core.engine.catalog.hostsWithPrices(m) : undefined;
    },
    onSettingsChange: (listener) => cfg.onDidChange(() => listener()),
    log,
    redact: (t) => keys.redact(t),
  };

  context.subscriptions.push(
    channel,
    cfg,
    services,
    statusBar,
    ...registerKeyCommands({
      keys,
      registry: () => services.registry(),
      http: () => services.http(),
      log,
      changed: () => void updateNoKeys(),
    }),
    ...registerSelectionCommands({
      chat: async () => selectionChat,
      settings: () => cfg.settings,
      estimate: async (model, messages) => {
        const ref = model ?? chatPort.defaultModel();
        if (!ref) return undefined;
        const core = await services.core();
        // The host the router would pick now (preferences, keys, health), as the budget gate does.
        const planned = await core.engine.plan({ models: [ref], messages }).then((p) => p.candidates[0]?.endpoint, () => undefined);
        const endpoints = planned ? [planned] : (core.engine.catalog.resolve(ref)?.endpoints ?? []);
        return estimateSend(ref, endpoints, messages, (p) => services.registry().get(p)?.capabilities.local ?? false);
      },
    }),
    vscode.commands.registerCommand('switchboard.openDashboard', () => void DashboardPanel.show(dashboardDeps)),
    vscode.commands.registerCommand('switchboard.exportSpendCsv', () => exportSpendCsv(() => services.ledger().exportCsv(), log)),
    vscode.commands.registerCommand('switchboard.showHealth', () => showHealthPick(() => services.health.snapshot(), (t) => keys.redact(t))),
    vscode.commands.registerCommand('switchboard.compareModels', () => {
      const editor = vscode.window.activeTextEditor;
      const sel = editor && !editor.selection.isEmpty ? currentSelection() : undefined;
      ComparePanel.show(
        {
          extensionUri: context.extensionUri,
          core: () => services.core(),
          chat: async () => selectionChat,
          log,
          redact: (t) => keys.redact(t),
          state: context.globalState,
          defaultModel: () => chatPort.defaultModel() ?? '',
        },
        sel ? buildSelectionPrompt('Explain what this code does and suggest improvements.', sel) : '',
      );
    }),
    vscode.commands.registerCommand('switchboard.hello', () => {
      const version = (context.extension.packageJSON as { version?: string }).version ?? '?';
      void vscode.window.showInformationMessage(`Switchboard ${version} is running.`);
      return version;
    }),
    context.secrets.onDidChange((e) => {
      // A key set in another window: the router must drop its cached copy.
      if (e.key.startsWith('switchboard.key.')) keys.notifyExternalChange(e.key.slice('switchboard.key.'.length));
      void updateNoKeys();
    }),
    cfg.onDidChange(() => {
      statusBar.refresh();
      void updateNoKeys();
    }),
  );

  if (e2eEnabled()) {
    context.subscriptions.push(
      ...registerTestHooks({
        activationMs: () => activationMs,
        statusBar: () => statusBar.snapshot(),
        lastRouteReport: () => services.lastRouteReport,
        chat: () => chat.snapshot(),
        dashboardTodayUsd: () => DashboardPanel.instance?.lastTotalUsd,
        compare: () => ComparePanel.instance?.snapshot(),
        noKeys: () => noKeys,
        settingsProblems: () => cfg.snapshot.problems,
        settings: () => cfg.settings,
        localServers: () => localServers.map((l) => ({ providerId: l.providerId, models: l.models.length })),
        coreLoaded: () => services.isCoreLoaded,
        setSecret: async (id, key) => {
          await keys.set(id, key);
          // Awaited so a test reading state right after sees the welcome context already updated.
          await updateNoKeys();
        },
        redact: (t) => keys.redact(t),
        runParticipant: async (request) => {
          let markdown = '';
          const progress: string[] = [];
          const result = await languageModels.runParticipant(request, [], { markdown: (v) => void (markdown += v), progress: (v) => void progress.push(v) });
          return { markdown, progress, result };
        },
        ledgerRecent: () => services.ledger().recent(),
      }),
    );
  }

  // Off the activation path: the ledger (for the status bar), the welcome-view context, local servers.
  const afterStartup = setTimeout(() => {
    try {
      const health = healthSourceOf(services.health);
      context.subscriptions.push(health);
      statusBar.attach(services.ledger(), health);
    } catch (e) {
      log.error(`Spend ledger unavailable: ${String(e)}`);
    }
    void updateNoKeys();
    void detectLocal();
  }, 0);
  context.subscriptions.push({ dispose: () => clearTimeout(afterStartup) });

  async function detectLocal(): Promise<void> {
    const targets = await listeningTargets();
    if (targets.length === 0) return;
    const probe = new HttpClient({ connectTimeoutMs: 500, firstByteTimeoutMs: 1500, idleTimeoutMs: 1500 });
    try {
      localServers = (await detectLocalServers(probe, targets)).filter((l) => l.models.length > 0 && services.registry().get(l.providerId));
    } finally {
      void probe.close();
    }
    if (localServers.length === 0) return;
    log.info(`Local model servers found: ${localServers.map((l) => `${l.displayName} (${l.models.length} models)`).join(', ')}.`);
    await updateNoKeys();
    if (!(await keys.anyUsable(services.registry().list()))) {
      const names = localServers.map((l) => l.displayName).join(' and ');
      void vscode.window.showInformationMessage(`Switchboard found ${names} on this machine. Chat with local models now, no key needed.`, 'Open Chat').then((c) => {
        if (c) void vscode.commands.executeCommand('switchboard.openChat');
      });
    }
  }

  activationMs = performance.now() - started;
  log.debug(`Activated in ${activationMs.toFixed(1)} ms.`);
}

/** Nothing to clean up beyond context.subscriptions. */
export function deactivate(): void {}
