// A malformed setting in the real workbench: the user is told which setting and field are wrong,
// the good fields of that setting keep working, and a restriction that cannot be read restricts
// to nothing rather than to nothing at all. Problems only the catalog can see are told too.
import * as assert from 'node:assert/strict';
import { getState, openWorkbench, runCommand, screenshot, statusBarItem, type Workbench } from './helpers';

describe('invalid settings', function () {
  this.timeout(120_000);
  let wb: Workbench;

  before(async function () {
    this.timeout(120_000);
    wb = await openWorkbench({
      settings: {
        'switchboard.budgets': { monthlyUsd: 10, warnAt: 2, action: 'block' },
        'switchboard.workspaceAllowedProviders': 'ollama',
        'switchboard.priceOverrides': [{ provider: 'no-such-provider', model: 'x', inputPerMTok: 1, outputPerMTok: 2 }],
      },
    });
    await statusBarItem(wb.page, /today/).waitFor({ timeout: 60_000 });
  });

  after(async () => {
    await wb?.close();
  });

  it('names the bad field in a warning with Open Settings, and keeps the rest of the setting', async () => {
    const toast = wb.page.locator('.notifications-toasts .notification-toast', { hasText: 'switchboard.budgets.warnAt' }).first();
    await toast.waitFor({ timeout: 30_000 });
    const text = await toast.innerText();
    assert.match(text, /Switchboard ignored an invalid setting/);
    assert.match(text, /switchboard\.workspaceAllowedProviders.*no provider is used in this workspace/s);
    assert.ok((await toast.locator('.monaco-button', { hasText: 'Open Settings' }).count()) > 0, 'the warning offers Open Settings');
    await screenshot(wb.page, 'settings-invalid-warning');
    const settings = (await getState(wb)).settings as {
      budgets: { monthlyUsd?: number; warnAt: number; action: string };
      workspaceAllowedProviders: string[];
    };
    assert.deepEqual(settings.budgets, { monthlyUsd: 10, warnAt: 0.8, action: 'block' });
    assert.equal(settings.workspaceAllowedProviders.length, 1);
    assert.notEqual(settings.workspaceAllowedProviders[0], 'ollama');
  });

  it('reports a price override for an unknown provider once the catalog loads', async () => {
    // The catalog (and so the override check) loads on first use: the model picker is one.
    await runCommand(wb.page, 'Switchboard: Pick Model');
    const toast = wb.page.locator('.notifications-toasts .notification-toast', { hasText: 'switchboard.priceOverrides[0]' }).first();
    await toast.waitFor({ timeout: 30_000 });
    assert.match(await toast.innerText(), /no-such-provider/);
    await wb.page.keyboard.press('Escape');
  });
});
