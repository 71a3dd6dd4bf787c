// What one window's features share: the log, key ring, settings, the lazily built core, the
// status bar, and what is known about keys and local model servers. Built at activation without
// loading the core.
import * as vscode from 'vscode';
import { HttpClient } from '../../core/http/client';
import { ConfigService } from '../config/config-service';
import { KeyRing } from '../../app/keys/key-ring';
import { detectLocalServers, listeningTargets, type DetectedLocal } from '../../app/keys/local-detect';
import { createSwitchboardLog, type SwitchboardLog } from '../logging';
import { Services } from '../services';
import { StatusBarController } from '../status/status-bar';

/** The parts every feature of a window uses. */
export class SwitchboardWindow {
  readonly channel: vscode.LogOutputChannel;
  readonly keys: KeyRing;
  readonly log: SwitchboardLog;
  readonly config: ConfigService;
  readonly services: Services;
  readonly statusBar: StatusBarController;
  /** Ollama or LM Studio servers found on this machine. */
  localServers: DetectedLocal[] = [];
  /** Whether no provider is usable (drives the welcome view); undefined until first checked. */
  noKeys: boolean | undefined;
  // Several triggers (secret change, settings, local probe) may overlap; only the newest result
  // may land, or a check started before a key was stored could hide it again.
  private noKeysGeneration = 0;

  constructor(readonly context: vscode.ExtensionContext) {
    this.channel = vscode.window.createOutputChannel('Switchboard', { log: true });
    let config: ConfigService | undefined;
    const secrets = context.secrets;
    this.keys = new KeyRing(
      {
        get: (k) => Promise.resolve(secrets.get(k)),
        store: (k, v) => Promise.resolve(secrets.store(k, v)),
        delete: (k) => Promise.resolve(secrets.delete(k)),
      },
      { keysFromEnvironment: () => config?.settings.keysFromEnvironment ?? false, warn: (m) => this.channel.warn(m) },
    );
    this.log = createSwitchboardLog(this.channel, {
      redact: (t) => this.keys.redact(t),
      logPrompts: () => config?.settings.logPrompts ?? false,
    });
    config = this.config = new ConfigService(this.log);
    this.services = new Services(context, this.config, this.keys, this.log);
    this.statusBar = new StatusBarController(
      () => this.config.settings.budgets,
      () => this.services.workspaceId,
    );
    context.subscriptions.push(this.channel, this.config, this.services, this.statusBar);
  }

  /** Removes every known key from text that will be shown or logged. */
  redact(text: string): string {
    return this.keys.redact(text);
  }

  /** Re-checks whether any provider is usable and updates the welcome view's context key. */
  async updateNoKeys(): Promise<void> {
    const generation = ++this.noKeysGeneration;
    const value = !(await this.keys.anyUsable(this.services.registry().list())) && this.localServers.length === 0;
    if (generation !== this.noKeysGeneration) return;
    this.noKeys = value;
    await vscode.commands.executeCommand('setContext', 'switchboard.noKeys', value);
  }

  /** Looks for local model servers; with no key set, offers the chat at once. */
  async detectLocal(): Promise<void> {
    const targets = await listeningTargets();
    if (targets.length === 0) return;
    const probe = new HttpClient({ connectTimeoutMs: 500, firstByteTimeoutMs: 1500, idleTimeoutMs: 1500 });
    try {
      this.localServers = (await detectLocalServers(probe, targets)).filter(
        (l) => l.models.length > 0 && this.services.registry().get(l.providerId),
      );
    } finally {
      void probe.close();
    }
    if (this.localServers.length === 0) return;
    this.log.info(`Local model servers found: ${this.localServers.map((l) => `${l.displayName} (${l.models.length} models)`).join(', ')}.`);
    await this.updateNoKeys();
    if (await this.keys.anyUsable(this.services.registry().list())) return;
    const names = this.localServers.map((l) => l.displayName).join(' and ');
    const choice = await vscode.window.showInformationMessage(
      `Switchboard found ${names} on this machine. Chat with local models now, no key needed.`,
      'Open Chat',
    );
    if (choice) void vscode.commands.executeCommand('switchboard.openChat');
  }
}
