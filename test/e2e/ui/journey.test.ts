// A new user's whole journey in the real workbench, against the loopback simulators:
// no key → welcome view → key through the real input box → chat streams → footer shows cost →
// status-bar spend changes → switch model mid-conversation → Explain a selection → the answer
// names the file. Then key hygiene: the sentinel key is nowhere on disk, in logs or in the DOM.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startDemoSims, type DemoSims } from '../../sim/demo-server';
import {
  getState,
  openFile,
  openWorkbench,
  runCommand,
  screenshot,
  statusBarItem,
  statusBarTexts,
  waitForText,
  webviewWith,
  type Workbench,
} from './helpers';

const SENTINEL = 'sk-test-SENTINEL-journey-7f3a9c21e4b8';

/** Files under `dir` whose bytes contain `needle`, skipping VS Code's own secret store. */
function filesContaining(dir: string, needle: string): string[] {
  const hits: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && fs.statSync(p).size < 50_000_000 && fs.readFileSync(p).includes(needle)) hits.push(p);
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return hits;
}

describe('a new user’s journey', function () {
  this.timeout(240_000);
  let sims: DemoSims;
  let wb: Workbench;

  before(async function () {
    this.timeout(120_000);
    sims = await startDemoSims();
    wb = await openWorkbench({
      settings: {
        'switchboard.providers': sims.providerSettings(),
        'switchboard.defaultModel': 'openai:sim-model',
        'switchboard.priceOverrides': [
          { provider: 'openai', model: 'sim-model', inputPerMTok: 100, outputPerMTok: 200 },
          { provider: 'openrouter', model: 'sim-model', inputPerMTok: 120, outputPerMTok: 240 },
        ],
        'switchboard.confirmAboveUsd': 50,
      },
    });
  });

  afterEach(async function () {
    const t = this.currentTest;
    if (wb) await screenshot(wb.page, `journey-${t?.state === 'failed' ? 'FAILED-' : ''}${t?.title ?? 'step'}`);
  });

  after(async () => {
    await wb?.close();
    await sims?.close();
  });

  it('shows the welcome view while no key is set', async () => {
    await wb.page.locator('.activitybar [aria-label^="Switchboard"]').first().click();
    await waitForText(wb.page, 'Add a key for one provider', 30_000);
    await wb.page
      .locator('.welcome-view-content a, .welcome-view-content .monaco-button', { hasText: 'Set API Key' })
      .first()
      .waitFor({ timeout: 10_000 });
    const state = await getState(wb);
    assert.equal(state.noKeys, true);
    assert.equal(state.coreLoaded, false, 'nothing but the status bar loads before first use');
    assert.ok(typeof state.activationMs === 'number');
    console.log(`      activation_ms (time in activate(), real extension host): ${(state.activationMs as number).toFixed(1)}`);
  });

  it('stores a key typed into the real password box and tests it', async () => {
    // The chat view in the same container takes focus once it loads; wait for it so it cannot close the picker.
    await webviewWith(wb.page, '[data-testid=prompt]', 30_000);
    await wb.page.locator('.welcome-view-content a, .welcome-view-content .monaco-button', { hasText: 'Set API Key' }).first().click();
    const input = wb.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill('openai');
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'OpenAI' }).first().waitFor({ timeout: 10_000 });
    await wb.page.keyboard.press('Enter');
    await wb.page.locator('.quick-input-widget', { hasText: 'API key for OpenAI' }).waitFor({ timeout: 10_000 });
    assert.equal(await input.getAttribute('type'), 'password', 'the key box hides what is typed');
    await input.fill(SENTINEL);
    await wb.page.keyboard.press('Enter');
    await waitForText(wb.page, /OpenAI key works: \d+ models? available/, 30_000);
    assert.ok(sims.servers.openai.requests.some((r) => r.path.endsWith('/models') && r.headers.authorization === `Bearer ${SENTINEL}`));
    const state = await getState(wb);
    assert.equal(state.noKeys, false);
  });

  it('streams an answer whose footer shows the cost, and the status-bar spend changes', async () => {
    const before = (await statusBarTexts(wb.page)).find((t) => /today/.test(t));
    assert.ok(before?.includes('$0.00 today'), `spend item before: ${before}`);
    await runCommand(wb.page, 'Switchboard: Open Chat');
    const chat = await webviewWith(wb.page, '[data-testid=prompt]', 30_000);
    await chat.locator('[data-testid=prompt]').fill('hello from a new user');
    await chat.locator('[data-testid=send]').click();
    const answer = chat.locator('[data-testid=message][data-role=assistant] [data-testid=message-body]').last();
    await waitForText(answer, 'You said: hello from a new user', 30_000);
    const footer = chat.locator('[data-testid=message][data-role=assistant] [data-testid=footer]').last();
    await waitForText(footer, /\$\d/, 15_000);
    await statusBarItem(wb.page, /\$0\.0\d*[1-9]\d* today|\$0\.[1-9]\d* today|\$[1-9][\d.]* today/).waitFor({ timeout: 15_000 });
    const state = (await getState(wb)) as {
      statusBar: { spend: { text: string; tooltip: string } };
      lastRouteReport?: { servedBy?: { provider: string } };
    };
    assert.equal(state.lastRouteReport?.servedBy?.provider, 'openai');
    assert.match(state.statusBar.spend.tooltip.replace(/&nbsp;/g, ''), /\| openai \| \$/);
  });

  it('switches model mid-conversation and keeps the history', async () => {
    await runCommand(wb.page, 'Switchboard: Pick Model');
    const input = wb.page.locator('.quick-input-widget input');
    // The simulator's `sim/echo` model repeats the last user message, so answers stay checkable.
    await input.fill('sim/echo');
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'sim/echo' }).first().waitFor({ timeout: 15_000 });
    await wb.page.keyboard.press('Enter');
    const chat = await webviewWith(wb.page, '[data-testid=prompt]', 30_000);
    await chat.locator('[data-testid=prompt]').fill('second question');
    await chat.locator('[data-testid=send]').click();
    await waitForText(
      chat.locator('[data-testid=message][data-role=assistant] [data-testid=message-body]').last(),
      'You said: second question',
      30_000,
    );
    const state = (await getState(wb)) as {
      chat: { model?: string; messages: { role: string }[] };
      lastRouteReport?: { servedBy?: { modelId: string } };
    };
    assert.equal(state.lastRouteReport?.servedBy?.modelId, 'sim/echo');
    assert.notEqual(state.chat.model, 'openai:sim-model');
    assert.equal(state.chat.messages.filter((m) => m.role === 'user').length, 2, 'history kept');
    const sent = sims.servers.openai.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1)?.body as {
      model: string;
      messages: { content: unknown }[];
    };
    assert.equal(sent.model, 'sim/echo');
    assert.ok(JSON.stringify(sent.messages).includes('hello from a new user'), 'the first exchange went to the new model');
  });

  it('explains a selection and the answer references the file', async () => {
    await openFile(wb.page, 'sample.ts', 'export function add');
    await wb.page.locator('.monaco-editor .view-lines').first().click();
    await wb.page.keyboard.press('Control+A');
    await runCommand(wb.page, 'Switchboard: Explain Selection');
    const chat = await webviewWith(wb.page, '[data-testid=prompt]', 30_000);
    await waitForText(chat.locator('[data-testid=message][data-role=assistant] [data-testid=message-body]').last(), 'sample.ts', 30_000);
    // The question shows as typed, and the selection under it as a highlighted code block.
    const asked = chat.locator('[data-testid=message][data-role=user]').last();
    assert.match(await asked.locator('.sent-prompt').innerText(), /^Explain what this code does/);
    assert.match(await asked.locator('.sent-code pre code.language-typescript').innerText(), /export function add/);
  });

  it('never writes the key anywhere but the secret store', async () => {
    // In code-server VS Code's secret store lives in the browser profile; everything else is scanned:
    // user data (settings, global storage with the ledger and catalog, logs), extensions, the workspace.
    const profile = path.join(wb.runDir, 'chromium-profile');
    const hits = filesContaining(wb.runDir, SENTINEL).filter((f) => !f.startsWith(profile));
    assert.deepEqual(hits, [], `the key leaked into: ${hits.join(', ')}`);
    assert.ok(fs.existsSync(path.join(wb.server.userDataDir, 'User')), 'scanned the real user-data folder');
    const chat = await webviewWith(wb.page, '[data-testid=prompt]', 30_000);
    const dom = await chat.locator('body').evaluate((b) => b.outerHTML);
    assert.ok(!dom.includes(SENTINEL), 'the key is in the chat DOM');
    const state = JSON.stringify(await getState(wb));
    assert.ok(!state.includes(SENTINEL), 'the key is in the extension state');
  });
});
