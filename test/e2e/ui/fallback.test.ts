// Fallback in the UI, then the spend views: the primary answers 503, the comparable model on
// another provider answers, the footer names it and the health item leaves "All good". The spend
// dashboard, the compare view (and carrying one of its answers into the chat) and the status-bar
// tooltip are then checked and photographed.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SpendLedger } from '../../../src/core/ledger/ledger';
import { DEMO_KEYS, startDemoSims, type DemoSims } from '../../sim/demo-server';
import {
  editorLines,
  getState,
  openFile,
  openWorkbench,
  runCommand,
  screenshot,
  setSecret,
  statusBarItem,
  waitForText,
  webviewByTitle,
  webviewWith,
  type Workbench,
} from './helpers';

describe('fallback, dashboard, compare and tooltips', function () {
  this.timeout(240_000);
  let sims: DemoSims;
  let wb: Workbench;

  before(async function () {
    this.timeout(120_000);
    sims = await startDemoSims();
    wb = await openWorkbench({
      settings: {
        'switchboard.providers': sims.providerSettings(),
        'switchboard.defaultModel': 'openai:sim/fault-503',
        'switchboard.routing': {
          comparableModels: { 'openai:sim/fault-503': ['openrouter:sim-model'] },
          allowComparableFallback: true,
          maxAttempts: 3,
        },
        'switchboard.priceOverrides': [
          { provider: 'openai', model: 'sim/echo', inputPerMTok: 100, outputPerMTok: 200 },
          { provider: 'openrouter', model: 'sim-model', inputPerMTok: 120, outputPerMTok: 240 },
        ],
        'switchboard.budgets': { dailyUsd: 0.01, monthlyUsd: 5, warnAt: 0.8, action: 'warn' },
      },
    });
    // The spend item appears once the extension host has activated Switchboard (onStartupFinished).
    await statusBarItem(wb.page, /today/).waitFor({ timeout: 60_000 });
    await setSecret(wb, 'openai', DEMO_KEYS.openai);
    await setSecret(wb, 'openrouter', DEMO_KEYS.openrouter);
  });

  afterEach(async function () {
    const t = this.currentTest;
    if (wb && t?.state === 'failed') await screenshot(wb.page, `FAILED-fallback-${t.title}`);
  });

  after(async () => {
    await wb?.close();
    await sims?.close();
  });

  /** Opens the compare view and runs the prompt on the echo model and the OpenRouter one. */
  async function compare(prompt: string) {
    await runCommand(wb.page, 'Switchboard: Compare Models');
    const view = await webviewByTitle(wb.page, 'Switchboard Compare', 30_000);
    await view.locator('[data-testid=compare-prompt]').fill(prompt);
    const fields = view.locator('.model-field input');
    await fields.nth(0).fill('openai:sim/echo');
    await fields.nth(1).fill('openrouter:sim-model');
    await view.locator('[data-testid=compare-run]').click();
    return view;
  }

  it('answers from the fallback when the primary returns 503, and says so', async () => {
    await runCommand(wb.page, 'Switchboard: Open Chat');
    const chat = await webviewWith(wb.page, '[data-testid=prompt]', 30_000);
    await chat.locator('[data-testid=prompt]').fill('are you there?');
    await chat.locator('[data-testid=send]').click();
    const footer = chat.locator('[data-testid=message][data-role=assistant] [data-testid=footer]').last();
    await waitForText(footer, /openrouter/i, 60_000);
    assert.ok(
      sims.servers.openai.requests.some((r) => r.path.endsWith('/chat/completions')),
      'the primary was tried first',
    );
    const state = (await getState(wb)) as {
      lastRouteReport: { servedBy?: { provider: string }; attempts: { outcome: string; status?: number }[] };
      statusBar: { health: { text: string } };
    };
    assert.equal(state.lastRouteReport.servedBy?.provider, 'openrouter');
    assert.ok(state.lastRouteReport.attempts.some((a) => a.outcome === 'failed' && a.status === 503));
    await statusBarItem(wb.page, /degraded|down/).waitFor({ timeout: 15_000 });
    assert.match(state.statusBar.health.text, /degraded|down/);
    await screenshot(wb.page, 'fallback-chat');
  });

  it('shows the status-bar spend tooltip as a table', async () => {
    const item = statusBarItem(wb.page, /today/);
    await item.hover();
    const hover = wb.page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'Switchboard spend today' }).first();
    await hover.waitFor({ state: 'visible', timeout: 15_000 });
    assert.ok((await hover.locator('table').count()) > 0, 'the tooltip has a table');
    await screenshot(wb.page, 'status-bar-spend-tooltip');
    await wb.page.mouse.move(600, 400);
    await statusBarItem(wb.page, /degraded|down/).hover();
    await wb.page
      .locator('.monaco-hover, .workbench-hover')
      .filter({ hasText: 'provider health' })
      .first()
      .waitFor({ state: 'visible', timeout: 15_000 });
    await screenshot(wb.page, 'status-bar-health-tooltip');
    await wb.page.mouse.move(600, 400);
  });

  it('opens the spend dashboard with today’s total', async () => {
    await runCommand(wb.page, 'Switchboard: Open Spend Dashboard');
    const dash = await webviewByTitle(wb.page, 'Switchboard Spend', 30_000);
    const total = dash.locator('[data-testid=spend-total]');
    await waitForText(total, /\$0\.0*[1-9]/, 20_000);
    assert.ok((await dash.locator('svg.chart').count()) === 1, 'the spend chart is drawn');
    await waitForText(dash.locator('body'), 'openrouter', 10_000);
    await screenshot(wb.page, 'dashboard');
  });

  it('compares two models side by side, each column with cost, TTFT and speed', async () => {
    const view = await compare('compare me');
    const columns = view.locator('[data-testid=compare-column]');
    await columns.nth(1).waitFor({ timeout: 15_000 });
    assert.equal(await columns.count(), 2);
    await view.locator('[data-testid=compare-column][data-state=done]').nth(1).waitFor({ timeout: 30_000 });
    await waitForText(columns.nth(0), 'You said: compare me', 10_000);
    for (let i = 0; i < 2; i++) {
      const stats = await columns.nth(i).locator('.column-footer').innerText();
      assert.match(stats, /\$\d/, `column ${i} shows a cost: ${stats}`);
      assert.match(stats, /TTFT \d+ ms/, `column ${i} shows TTFT: ${stats}`);
      assert.match(stats, /tok\/s/, `column ${i} shows speed: ${stats}`);
    }
    await screenshot(wb.page, 'compare');
  });

  it('"Continue in chat" turns a column into a chat conversation that shows its cost', async () => {
    const view = await webviewByTitle(wb.page, 'Switchboard Compare', 30_000);
    const column = view.locator('[data-testid=compare-column][data-model="openai:sim/echo"]');
    await column.hover();
    await column.getByRole('button', { name: 'Continue in chat' }).click();
    let chat: { model?: string; messages: { role: string; text: string; provider?: string; charge?: { usd?: number } }[] } | undefined;
    for (const end = Date.now() + 20_000; Date.now() < end; await new Promise((r) => setTimeout(r, 250))) {
      chat = (await getState(wb)).chat as typeof chat;
      if (chat?.messages.length === 2 && chat.messages[0].text === 'compare me') break;
    }
    assert.equal(chat?.model, 'openai:sim/echo');
    assert.deepEqual(
      chat?.messages.map((m) => m.role),
      ['user', 'assistant'],
    );
    assert.match(chat!.messages[1].text, /You said: compare me/);
    assert.equal(chat!.messages[1].provider, 'openai');
    assert.ok((chat!.messages[1].charge?.usd ?? 0) > 0, 'the imported answer keeps its cost');
    const panel = await webviewWith(wb.page, '[data-testid=message][data-role=assistant]', 30_000);
    await waitForText(panel.locator('[data-testid=message][data-role=assistant]').last(), 'You said: compare me', 10_000);
    assert.match(await panel.locator('[data-testid=footer]').last().innerText(), /\$\d/);
    await screenshot(wb.page, 'compare-continued-in-chat');
  });

  it('inserts a compared answer into the editor the compare panel opened over', async () => {
    await openFile(wb.page, 'sample.ts', 'export function add');
    await wb.page.locator('.monaco-editor .view-lines').first().click();
    await wb.page.keyboard.press('Control+Home');
    // The panel opens in the editor's own column, hiding it: the insert must bring it back.
    const view = await compare('insert me');
    const column = view.locator('[data-testid=compare-column][data-model="openai:sim/echo"][data-state=done]');
    await waitForText(column, 'You said: insert me', 30_000);
    await column.locator('[data-testid=compare-use-answer]').click();
    await wb.page.locator('.monaco-editor .view-lines', { hasText: 'You said: insert me' }).waitFor({ timeout: 15_000 });
    const text = (await editorLines(wb.page)).join('\n');
    assert.match(
      text,
      /^You said: insert me\nexport function add/,
      `inserted at the cursor, on its own line above the code: ${JSON.stringify(text.slice(0, 120))}`,
    );
    assert.equal(await wb.page.locator('.notifications-toasts', { hasText: /not possible|closed/ }).count(), 0);
    await screenshot(wb.page, 'compare-answer-inserted');
  });

  it('keeps the dashboard on the period it shows after it is hidden and shown again', async () => {
    await runCommand(wb.page, 'Switchboard: Open Spend Dashboard');
    let dash = await webviewByTitle(wb.page, 'Switchboard Spend', 30_000);
    await dash.locator('button[role=tab][data-period=week]').click();
    await waitForText(dash.locator('h2').first(), 'Spend per week', 15_000);
    // Another editor in the same group hides the dashboard (its webview is not kept alive).
    await wb.page.locator('.tabs-container .tab', { hasText: 'sample.ts' }).first().click();
    await wb.page.locator('.monaco-editor .view-lines', { hasText: 'export function add' }).waitFor({ timeout: 15_000 });
    await wb.page.locator('.tabs-container .tab', { hasText: 'Switchboard Spend' }).first().click();
    dash = await webviewByTitle(wb.page, 'Switchboard Spend', 30_000);
    await dash.locator('button[role=tab][data-period=week][aria-selected=true]').waitFor({ timeout: 15_000 });
    assert.equal(await dash.locator('button[role=tab][data-period=day]').getAttribute('aria-selected'), 'false');
    await waitForText(dash.locator('h2').first(), 'Spend per week', 15_000);
  });

  it('opens a provider’s endpoints from the health QuickPick', async () => {
    await runCommand(wb.page, 'Switchboard: Show Provider Health');
    const row = wb.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'openai' }).first();
    await row.waitFor({ timeout: 15_000 });
    await row.click();
    await waitForText(wb.page.locator('.quick-input-widget .quick-input-title'), 'Switchboard: openai endpoints', 15_000);
    const rows = await wb.page.locator('.quick-input-widget .quick-input-list').innerText();
    assert.match(rows, /sim\/fault-503/);
    assert.match(rows, /TTFT p50 .* breaker .* headroom/);
    assert.match(rows, /last error .*503/);
    await screenshot(wb.page, 'health-endpoints');
    await wb.page.keyboard.press('Escape');
  });

  it('shows spend another window wrote, in the status bar and its tooltip', async () => {
    // A second ledger writer in another process is what a second VS Code window is to this one.
    const dir = path.join(wb.server.userDataDir, 'User/globalStorage/switchboard-dev.switchboard/ledger');
    assert.ok(fs.existsSync(dir), `the ledger folder exists: ${dir}`);
    const other = new SpendLedger({ dir, writerId: 'other-window' });
    other.load();
    other.append({
      model: 'anthropic/claude-sonnet-4.5',
      provider: 'anthropic',
      endpoint: 'anthropic:claude-sonnet-4-5',
      inputTokens: 1000,
      outputTokens: 500,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
      costUsd: 1.25,
      costStatus: 'exact',
      durationMs: 900,
      outcome: 'success',
      fallback: false,
      workspace: 'another-project',
    });
    other.close();
    const started = Date.now();
    const item = statusBarItem(wb.page, /\$1\.2\d\+? today/);
    await item.waitFor({ timeout: 30_000 });
    console.log(`      another window's spend reached the status bar in ${Date.now() - started} ms`);
    await item.hover();
    const hover = wb.page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'Switchboard spend today' }).first();
    await waitForText(hover, 'anthropic', 15_000);
    await wb.page.mouse.move(600, 400);
  });
});
