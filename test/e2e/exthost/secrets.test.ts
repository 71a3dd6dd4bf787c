// SecretStorage through the extension's own path: the E2E hook stores a key exactly where
// `Switchboard: Set API Key` does (`switchboard.key.<providerId>`), and the extension then sees
// it. The key itself must never come back out: not in the state snapshot, not in settings.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, eventually, testState } from './util';

const KEY = 'sk-test-SENTINEL-exthost-secret-0001';

/** Where the snapshot says a provider's key comes from (`keys.<id>`), if it says. */
function keySource(state: Record<string, unknown>, providerId: string): unknown {
  return (state.keys as Record<string, unknown> | undefined)?.[providerId];
}

describe('secrets', () => {
  before(() => activeExtension());

  it('a key stored through switchboard.test.setSecret is seen by the extension', async () => {
    await vscode.commands.executeCommand('switchboard.test.setSecret', 'anthropic', KEY);
    const state = await eventually(async () => {
      const s = await testState();
      const source = keySource(s, 'anthropic');
      return source && source !== 'none' && source !== false ? s : undefined;
    }, 'the snapshot to report a stored anthropic key');
    assert.ok(!JSON.stringify(state).includes(KEY), 'the snapshot must not contain the key');
  });

  it('never writes the key into any switchboard setting', () => {
    const cfg = vscode.workspace.getConfiguration('switchboard');
    const dump = JSON.stringify(Object.keys(cfg).map((k) => cfg.inspect(k)));
    assert.ok(!dump.includes(KEY));
  });

  it('an empty key is refused rather than stored', async () => {
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('switchboard.test.setSecret', 'openai', '   ')));
  });
});
