// The status bar items through the real window API, read back via the E2E snapshot (VS Code
// has no API to read another extension's status bar items).
import * as assert from 'node:assert/strict';
import { activeExtension, eventually, testState } from './util';

interface ItemState {
  text?: string;
  tooltip?: string;
}

describe('status bar', () => {
  before(() => activeExtension());

  it('shows a spend item that reports today in dollars once the ledger is loaded', async () => {
    const spend = await eventually(async () => {
      const item = ((await testState()).statusBar as { spend?: ItemState } | undefined)?.spend;
      return item?.text && /\$\d/.test(item.text) ? item : undefined;
    }, 'statusBar.spend.text with a dollar amount');
    assert.match(spend.text!, /today/);
  });

  it('shows a health item', async () => {
    const health = ((await testState()).statusBar as { health?: ItemState } | undefined)?.health;
    assert.ok(health?.text, 'statusBar.health.text is empty');
  });
});
