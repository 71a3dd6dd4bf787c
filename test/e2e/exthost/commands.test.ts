// Commands through the real vscode API: contributed, registered after activation, and working.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension } from './util';

/** The command ids of the cross-team contract; each must be contributed and registered. */
const CONTRACT_COMMANDS = ['openChat', 'openChatInEditor', 'focusChat', 'newConversation', 'pickModel', 'setApiKey', 'removeApiKey', 'testApiKey', 'askSelection', 'explainSelection', 'findBugs', 'writeTests', 'refactorSelection', 'openDashboard', 'compareModels', 'showHealth', 'exportSpendCsv', 'hello'].map((c) => `switchboard.${c}`);

interface Manifest {
  version: string;
  contributes: { commands: { command: string; title: string }[] };
}

describe('commands', () => {
  let manifest: Manifest;
  before(async () => {
    manifest = (await activeExtension()).packageJSON as Manifest;
  });

  it('switchboard.hello returns the extension version', async () => {
    const version = await vscode.commands.executeCommand<string>('switchboard.hello');
    assert.equal(version, manifest.version);
    assert.match(version, /^\d+\.\d+\.\d+/);
  });

  it('contributes every contract command with a "Switchboard: " title', () => {
    const contributed = new Map(manifest.contributes.commands.map((c) => [c.command, c.title]));
    const missing = CONTRACT_COMMANDS.filter((c) => !contributed.has(c));
    assert.deepEqual(missing, [], 'contract commands missing from package.json');
    for (const id of CONTRACT_COMMANDS) assert.match(contributed.get(id)!, /^Switchboard: \S/, id);
  });

  it('registers a handler for every contributed command once active', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const unregistered = manifest.contributes.commands.map((c) => c.command).filter((c) => !registered.has(c));
    assert.deepEqual(unregistered, [], 'contributed but not registered');
  });

  it('registers the E2E hooks because SWITCHBOARD_E2E=1 is set for this host', async () => {
    assert.equal(process.env.SWITCHBOARD_E2E, '1', 'the runner must pass SWITCHBOARD_E2E=1');
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.ok(registered.has('switchboard.test.setSecret'), 'switchboard.test.setSecret missing');
    assert.ok(registered.has('switchboard.test.getState'), 'switchboard.test.getState missing');
  });

  it('does not contribute the E2E hooks to the command palette', () => {
    const leaked = manifest.contributes.commands.filter((c) => c.command.startsWith('switchboard.test.'));
    assert.deepEqual(leaked, []);
  });

  it('switchboard.openChat opens the chat without throwing', async () => {
    await vscode.commands.executeCommand('switchboard.openChat');
  });
});
