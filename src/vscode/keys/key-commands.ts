// Set / Remove / Test API Key. A key goes from the password box straight to SecretStorage; it is
// never echoed, logged, or put in an error message (every message passes the key ring's redact).
import * as vscode from 'vscode';
import type { HttpTransport } from '../../core/http/client';
import type { ProviderDescriptor } from '../../core/providers/descriptor';
import type { ProviderRegistry } from '../../core/providers/registry';
import type { SwitchboardLog } from '../logging';
import { validateKeyShape, type KeyRing, type KeySource } from '../../app/keys/key-ring';
import { testProviderKey, type KeyTestResult } from '../../app/keys/key-test';

/** What the key commands need. */
interface KeyCommandDeps {
  keys: KeyRing;
  registry(): ProviderRegistry;
  http(): HttpTransport;
  log: SwitchboardLog;
  /** Called after a key was stored or removed (refresh the welcome view, status, router). */
  changed(): void;
}

const SOURCE_LABEL: Record<KeySource, string> = {
  'secret-storage': '$(key) key stored',
  environment: '$(terminal) key from environment',
  none: 'no key',
  'not-needed': 'no key needed',
};

/** A provider QuickPick showing where each provider's key comes from. */
async function pickProvider(
  deps: Pick<KeyCommandDeps, 'keys' | 'registry'>,
  title: string,
  filter?: (s: KeySource) => boolean,
): Promise<ProviderDescriptor | undefined> {
  const rows: (vscode.QuickPickItem & { d: ProviderDescriptor })[] = [];
  for (const d of deps.registry().list()) {
    const source = await deps.keys.sourceOf(d);
    if (filter && !filter(source)) continue;
    rows.push({ label: d.displayName, description: `${d.id} · ${SOURCE_LABEL[source]}`, detail: d.baseUrl, d });
  }
  if (rows.length === 0) {
    void vscode.window.showInformationMessage('No provider matches. Set a key first with "Switchboard: Set API Key".');
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(rows, {
    title,
    placeHolder: 'Provider',
    matchOnDescription: true,
    matchOnDetail: true,
    ignoreFocusOut: true,
  });
  return pick?.d;
}

/** Registers the three key commands. */
export function registerKeyCommands(deps: KeyCommandDeps): vscode.Disposable[] {
  const resolve = async (arg: unknown, title: string, filter?: (s: KeySource) => boolean) =>
    typeof arg === 'string' ? deps.registry().get(arg) : pickProvider(deps, title, filter);

  return [
    vscode.commands.registerCommand('switchboard.setApiKey', async (arg?: unknown) => {
      const d = await resolve(arg, 'Switchboard: Set API Key');
      if (!d) return false;
      const key = await vscode.window.showInputBox({
        title: `API key for ${d.displayName}`,
        prompt: `Stored in VS Code's secret storage only.${d.keyUrl ? ` Get one at ${d.keyUrl}` : ''}`,
        placeHolder: 'Paste the key',
        password: true,
        ignoreFocusOut: true,
        validateInput: (v) => validateKeyShape(v),
      });
      if (key === undefined) return false;
      await deps.keys.set(d.id, key);
      deps.changed();
      deps.log.info(`Key stored for ${d.id}.`);
      await reportTest(deps, d, true);
      return true;
    }),
    vscode.commands.registerCommand('switchboard.removeApiKey', async (arg?: unknown) => {
      const d = await resolve(arg, 'Switchboard: Remove API Key', (s) => s === 'secret-storage');
      if (!d) return false;
      const ok = await vscode.window.showWarningMessage(
        `Remove the stored ${d.displayName} key from VS Code's secret storage?`,
        { modal: true },
        'Remove',
      );
      if (ok !== 'Remove') return false;
      await deps.keys.remove(d.id);
      deps.changed();
      deps.log.info(`Key removed for ${d.id}.`);
      const envNote = (await deps.keys.sourceOf(d)) === 'environment' ? ` ${d.envKey} is still read from the environment.` : '';
      void vscode.window.showInformationMessage(`Removed the ${d.displayName} key.${envNote}`);
      return true;
    }),
    vscode.commands.registerCommand('switchboard.testApiKey', async (arg?: unknown) => {
      const d = await resolve(arg, 'Switchboard: Test API Key', (s) => s !== 'none');
      if (!d) return undefined;
      return reportTest(deps, d, false);
    }),
  ];
}

async function reportTest(deps: KeyCommandDeps, d: ProviderDescriptor, justSet: boolean): Promise<KeyTestResult> {
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Testing the ${d.displayName} key…`, cancellable: true },
    (_p, token) => {
      const ctrl = new AbortController();
      token.onCancellationRequested(() => ctrl.abort());
      return testProviderKey(deps, d, ctrl.signal);
    },
  );
  if (result.ok) {
    deps.log.info(`Key test for ${d.id}: ok, ${result.models} models.`);
    void vscode.window.showInformationMessage(
      `${d.displayName} key works: ${result.models} model${result.models === 1 ? '' : 's'} available.`,
    );
    return result;
  }
  deps.log.warn(`Key test for ${d.id} failed: ${result.message}`);
  const actions =
    result.category === 'auth' || result.category === 'permission' ? ['Set Again', ...(justSet ? ['Remove'] : [])] : ['Retry'];
  // Not awaited: a command must finish even when nobody clicks the notification.
  void vscode.window.showWarningMessage(`${d.displayName}: ${result.message}`, ...actions).then(async (choice) => {
    if (choice === 'Set Again') void vscode.commands.executeCommand('switchboard.setApiKey', d.id);
    if (choice === 'Retry') void vscode.commands.executeCommand('switchboard.testApiKey', d.id);
    if (choice === 'Remove') {
      await deps.keys.remove(d.id);
      deps.changed();
    }
  });
  return result;
}
