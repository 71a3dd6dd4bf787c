// UI layer: Chromium drives a real VS Code workbench (code-server) with the packaged .vsix
// installed, exactly as a user would meet it, with the OpenAI preset pointed at the loopback
// simulator the way a user would configure it (base URL setting + stored key). One workbench
// serves the whole file; every test leaves a screenshot in artifacts/ui/ (FAILED-… on failure).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../harness/paths';
import { startDemoSims, type DemoSims } from '../../sim/demo-server';
import {
  getState,
  openWorkbench,
  runCommand,
  screenshot,
  setSecret,
  statusBarItem,
  statusBarTexts,
  waitForText,
  webviewByTitle,
  webviewWith,
  type Workbench,
} from './helpers';

const KEY = 'sk-test-SENTINEL-ui-0001';
const version = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

describe('workbench with the installed .vsix', function () {
  let wb: Workbench;
  let sims: DemoSims;

  before(async function () {
    this.timeout(120_000);
    sims = await startDemoSims();
    wb = await openWorkbench({
      settings: { 'switchboard.providers': sims.providerSettings(), 'switchboard.defaultModel': 'openai:sim-model' },
    });
  });

  afterEach(async function () {
    if (!wb) return;
    const t = this.currentTest;
    await screenshot(wb.page, `${t?.state === 'failed' ? 'FAILED-' : ''}${t?.fullTitle() ?? 'test'}`);
  });

  after(async () => {
    await wb?.close();
    await sims?.close();
  });

  it('loads the workbench on the scratch workspace', async () => {
    await waitForText(
      wb.page.locator('#workbench\\.parts\\.sidebar, #workbench\\.parts\\.titlebar, .monaco-workbench'),
      path.basename(wb.folder).toUpperCase(),
      30_000,
    ).catch(async () => {
      await waitForText(wb.page, path.basename(wb.folder), 5_000);
    });
  });

  it('activates the extension: its activity-bar entry and status bar items appear', async () => {
    await wb.page.locator('.activitybar .action-item a[aria-label^="Switchboard"]').first().waitFor({ state: 'visible', timeout: 30_000 });
    const spend = statusBarItem(wb.page, /Switchboard|today/);
    await spend
      .first()
      .waitFor({ state: 'visible', timeout: 30_000 })
      .catch(async () => {
        throw new Error(`no Switchboard status bar item; items: ${JSON.stringify(await statusBarTexts(wb.page))}`);
      });
  });

  it('runs "Switchboard: Show Version" from the command palette', async () => {
    await runCommand(wb.page, 'Switchboard: Show Version');
    await waitForText(wb.page.locator('.notifications-toasts'), `Switchboard ${version} is running.`, 20_000);
  });

  it('keeps the spend status bar item visible and reports it through the test hook', async () => {
    const state = await getState(wb);
    const statusBar = state.statusBar as { spend?: { text?: string } } | undefined;
    assert.ok(statusBar?.spend?.text, `getState has no statusBar.spend.text: ${JSON.stringify(state).slice(0, 400)}`);
    // The DOM renders $(icon) as a glyph, so compare the words after the icon.
    const words = statusBar.spend.text.replace(/\$\([\w-]+\)\s*/g, '').trim();
    await statusBarItem(wb.page, words.split(' ')[0]).first().waitFor({ state: 'visible', timeout: 15_000 });
  });

  it('stores a key through the secret path without exposing it', async () => {
    await setSecret(wb, 'openai', KEY);
    const state = await getState(wb);
    assert.equal(state.noKeys, false, 'the extension should see the stored key');
    assert.ok(!JSON.stringify(state).includes(KEY), 'getState must never contain a key');
    assert.ok(!(await wb.page.content()).includes(KEY), 'the workbench DOM must never contain a key');
  });

  it('opens the chat webview and answers a click on send', async () => {
    await runCommand(wb.page, 'Switchboard: Open Chat');
    const chat = await webviewWith(wb.page, '[data-testid=prompt]', 30_000);
    const text = `hello from the e2e test ${Date.now()}`;
    await chat.locator('[data-testid=prompt]').fill(text);
    await chat.locator('[data-testid=send]').click();
    await waitForText(chat.locator('[data-testid=message][data-role=user]'), text, 15_000);
    // The simulator echoes the prompt; the footer under the answer carries model and cost.
    const answer = chat.locator('[data-testid=message][data-role=assistant] [data-testid=message-body]').last();
    await waitForText(answer, `You said: ${text}`, 30_000);
    const footer = chat.locator('[data-testid=message][data-role=assistant] [data-testid=footer]').last();
    await footer.waitFor({ state: 'visible', timeout: 15_000 });
    assert.ok((await footer.innerText()).trim(), 'the footer is empty');
    const sent = sims.servers.openai.requests.find((r) => r.path.endsWith('/chat/completions'));
    assert.equal(sent?.headers.authorization, `Bearer ${KEY}`, 'the stored key reached the request');
  });

  it('opens the chat as an editor panel found by its title', async () => {
    await runCommand(wb.page, 'Switchboard: Open Chat in Editor');
    await wb.page.locator('.tabs-container .tab', { hasText: 'Switchboard Chat' }).first().waitFor({ state: 'visible', timeout: 20_000 });
    const panel = await webviewByTitle(wb.page, 'Switchboard Chat', 30_000);
    await panel.locator('[data-testid=prompt]').waitFor({ state: 'visible', timeout: 15_000 });
  });

  it('brings the chat editor panel back, working, after the window reloads', async () => {
    await runCommand(wb.page, 'Developer: Reload Window');
    await wb.page.waitForLoadState('domcontentloaded');
    await wb.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    await wb.page.locator('.tabs-container .tab', { hasText: 'Switchboard Chat' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    const panel = await webviewByTitle(wb.page, 'Switchboard Chat', 60_000);
    // Working means the host adopted it: the model picker shows the model the host sent.
    await waitForText(panel.locator('[data-testid=model-picker]'), 'openai:sim-model', 30_000);
  });
});
