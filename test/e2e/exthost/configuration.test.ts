// Settings through the real configuration service: the contract keys exist with their schema,
// and writes at user and workspace level read back (the layering the routing settings rely on).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension } from './util';

/** Contract settings under `switchboard.`. */
const CONTRACT_SETTINGS = [
  'providers',
  'customProviders',
  'routing',
  'workspaceAllowedProviders',
  'budgets',
  'confirmAboveUsd',
  'priceOverrides',
  'timeouts',
  'useVsCodeProxy',
  'keysFromEnvironment',
  'logPrompts',
  'promptTemplates',
  'defaultModel',
  'ledgerRetentionMonths',
];

describe('configuration', () => {
  const cfg = () => vscode.workspace.getConfiguration('switchboard');
  before(() => activeExtension());
  afterEach(async () => {
    await cfg().update('defaultModel', undefined, vscode.ConfigurationTarget.Global);
    await cfg().update('providers', undefined, vscode.ConfigurationTarget.Global);
    await cfg().update('workspaceAllowedProviders', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('contributes every contract setting', () => {
    const props = (activeExtensionSync().packageJSON as { contributes: { configuration: { properties: Record<string, unknown> } } })
      .contributes.configuration.properties;
    const missing = CONTRACT_SETTINGS.filter((k) => !(`switchboard.${k}` in props));
    assert.deepEqual(missing, []);
  });

  it('has the documented budget default (warnAt 0.8)', () => {
    const budgets = cfg().inspect<{ warnAt?: number }>('budgets')?.defaultValue;
    assert.equal(budgets?.warnAt, 0.8);
  });

  it('reads back a user-level write and fires a change event for it', async () => {
    const changed = new Promise<boolean>((resolve) => {
      const sub = vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('switchboard.defaultModel')) {
          sub.dispose();
          resolve(true);
        }
      });
    });
    await cfg().update('defaultModel', 'openai/gpt-4o-mini', vscode.ConfigurationTarget.Global);
    assert.equal(await changed, true);
    assert.equal(cfg().get('defaultModel'), 'openai/gpt-4o-mini');
    assert.equal(cfg().inspect('defaultModel')?.globalValue, 'openai/gpt-4o-mini');
  });

  it('keeps object settings structured (providers.<id>.baseUrl override)', async () => {
    await cfg().update('providers', { openai: { baseUrl: 'http://127.0.0.1:9/v1', enabled: true } }, vscode.ConfigurationTarget.Global);
    assert.deepEqual(cfg().get('providers'), { openai: { baseUrl: 'http://127.0.0.1:9/v1', enabled: true } });
  });

  it('layers a workspace value over the user value', async () => {
    assert.ok(vscode.workspace.workspaceFolders?.length, 'the runner opens a workspace folder');
    await cfg().update('workspaceAllowedProviders', ['anthropic'], vscode.ConfigurationTarget.Workspace);
    const inspected = cfg().inspect<string[]>('workspaceAllowedProviders');
    assert.deepEqual(inspected?.workspaceValue, ['anthropic']);
    assert.deepEqual(cfg().get('workspaceAllowedProviders'), ['anthropic']);
  });
});

/** The extension object once activated by `before`. */
function activeExtensionSync(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension('switchboard-dev.switchboard');
  if (!ext?.isActive) throw new Error('extension not active');
  return ext;
}
