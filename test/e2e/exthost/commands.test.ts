// Commands through the real vscode API: contributed, registered after activation, and working.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension } from './util';

/** The cross-team contract: command id → palette title (after the "Switchboard: " prefix). */
const CONTRACT_COMMANDS: Record<string, string> = {
  openChat: 'Open Chat',
  openChatInEditor: 'Open Chat in Editor',
  focusChat: 'Focus Chat Input',
  newConversation: 'New Conversation',
  pickModel: 'Pick Model',
  setApiKey: 'Set API Key',
  removeApiKey: 'Remove API Key',
  testApiKey: 'Test API Key',
  askSelection: 'Ask About Selection',
  explainSelection: 'Explain Selection',
  findBugs: 'Find Bugs in Selection',
  writeTests: 'Write Tests for Selection',
  refactorSelection: 'Refactor Selection…',
  openDashboard: 'Open Spend Dashboard',
  compareModels: 'Compare Models',
  showHealth: 'Show Provider Health',
  exportSpendCsv: 'Export Spend as CSV',
  hello: 'Show Version',
};

interface Manifest {
  version: string;
  contributes: { commands: { command: string; title: string; category?: string }[] };
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

  it('contributes every contract command with its "Switchboard: …" palette title', () => {
    // The palette shows "<category>: <title>" when a category is set.
    const palette = new Map(manifest.contributes.commands.map((c) => [c.command, c.category ? `${c.category}: ${c.title}` : c.title]));
    const expected = Object.entries(CONTRACT_COMMANDS).map(([id, title]) => [`switchboard.${id}`, `Switchboard: ${title}`]);
    assert.deepEqual(
      expected
        .filter(([id, title]) => palette.get(id) !== title)
        .map(([id, title]) => `${id} should be "${title}", is "${palette.get(id)}"`),
      [],
    );
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
