// Reads `switchboard.*` through VS Code, validates it, re-reads on change and tells the user,
// once per distinct problem, which setting was ignored and why.
import * as vscode from 'vscode';
import type { Logger } from '../../core/platform';
import { presetDescriptors } from '../../core/providers/build-registry';
import { formatProblems, readSettings, type SettingProblem, type SettingsReadResult } from '../../app/config/read-settings';
import type { SettingName, Settings } from '../../app/config/schema';

let BUILT_IN_IDS: ReadonlySet<string> | undefined;

/** VS Code's own proxy settings, fed to the core HTTP client when `switchboard.useVsCodeProxy` is on. */
interface EditorProxySettings {
  url?: string;
  noProxy: string[];
}

/** The live, validated settings of this window. */
export class ConfigService implements vscode.Disposable {
  /** Read on first use, not in the constructor: validating every setting is the costliest part of a cold activate(). */
  private result?: SettingsReadResult;
  private readonly reported = new Set<string>();
  private readonly reportedElsewhere = new Set<string>();
  private readonly emitter = new vscode.EventEmitter<SettingsReadResult>();
  private readonly subscription: vscode.Disposable;
  /** Fires after any `switchboard.*` or `http.*` change, with the re-validated settings. */
  readonly onDidChange = this.emitter.event;

  constructor(private readonly logger: Logger) {
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('switchboard') && !e.affectsConfiguration('http')) return;
      this.result = this.read();
      this.emitter.fire(this.result);
    });
  }

  /** The validated settings. */
  get settings(): Settings {
    return (this.result ??= this.read()).settings;
  }

  /** The validated settings with routing levels and the problems found in the last read. */
  get snapshot(): SettingsReadResult {
    return (this.result ??= this.read());
  }

  /** VS Code's `http.proxy` and `http.noProxy`. */
  editorProxy(): EditorProxySettings {
    const http = vscode.workspace.getConfiguration('http');
    const url = http.get<string>('proxy')?.trim();
    const noProxy = http.get<unknown>('noProxy');
    return { url: url || undefined, noProxy: Array.isArray(noProxy) ? noProxy.filter((h): h is string => typeof h === 'string') : [] };
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }

  private read(): SettingsReadResult {
    const cfg = vscode.workspace.getConfiguration('switchboard');
    const result = readSettings(
      {
        get: (name: SettingName) => cfg.get(name),
        levels: (name: SettingName) => {
          const i = cfg.inspect(name);
          return { user: i?.globalValue, workspace: i?.workspaceFolderValue ?? i?.workspaceValue };
        },
      },
      { builtInProviderIds: (BUILT_IN_IDS ??= new Set(presetDescriptors().map((d) => d.id))) },
    );
    this.report(result.problems);
    return result;
  }

  /** Reports problems found outside this service (e.g. price overrides naming an unknown provider), once each. */
  reportFound(problems: readonly SettingProblem[]): void {
    const fresh = problems.filter((p) => !this.reportedElsewhere.has(`${p.setting}|${p.message}`));
    for (const p of fresh) this.reportedElsewhere.add(`${p.setting}|${p.message}`);
    if (fresh.length) this.show(fresh);
  }

  private report(problems: SettingProblem[]): void {
    const current = new Set(problems.map((p) => `${p.setting}|${p.message}`));
    // A problem that was fixed is forgotten, so breaking the setting the same way again is reported again.
    for (const k of this.reported) if (!current.has(k)) this.reported.delete(k);
    const fresh = problems.filter((p) => !this.reported.has(`${p.setting}|${p.message}`));
    for (const p of fresh) this.reported.add(`${p.setting}|${p.message}`);
    if (fresh.length === 0) return;
    this.show(fresh);
  }

  private show(fresh: readonly SettingProblem[]): void {
    const text = formatProblems(fresh);
    this.logger.warn(`Ignored invalid settings: ${text}`);
    void vscode.window.showWarningMessage(`Switchboard ignored an invalid setting: ${text}`, 'Open Settings').then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', settingKey(fresh[0].setting));
    });
  }
}

/** The top-level setting id (`switchboard.budgets`) of a problem path such as `switchboard.budgets.warnAt`. */
function settingKey(path: string): string {
  const m = /^switchboard\.[A-Za-z]+/.exec(path);
  return m ? m[0] : 'switchboard';
}
