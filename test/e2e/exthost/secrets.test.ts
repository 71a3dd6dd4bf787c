// SecretStorage through the extension's own path: the E2E hook stores a key exactly where
// `Switchboard: Set API Key` does (`switchboard.key.<providerId>`), and the extension then sees
// it. The key itself must never come back out: not in the state snapshot, not in settings.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, eventually, testState } from './util';

const KEY = 'sk-test-SENTINEL-exthost-secret-0001';

describe('secrets', () => {
  before(() => activeExtension());

  it('a key stored through switchboard.test.setSecret is seen by the extension', async () => {
    // A fresh profile has no keys: the extension says so (it shows the welcome view then).
    const before = await eventually(async () => {
      const s = await testState();
      return typeof s.noKeys === 'boolean' ? s : undefined;
    }, 'the snapshot to report noKeys');
    assert.equal(before.noKeys, true, 'expected a fresh profile without keys');
    await vscode.commands.executeCommand('switchboard.test.setSecret', 'anthropic', KEY);
    const after = await eventually(async () => {
      const s = await testState();
      return s.noKeys === false ? s : undefined;
    }, 'the extension to see the stored key (noKeys: false)');
    assert.ok(!JSON.stringify(after).includes(KEY), 'the snapshot must not contain the key');
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
