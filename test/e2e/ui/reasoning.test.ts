// The chat's reasoning-effort control in the real workbench: the effort picked in the model row
// reaches the provider as its family's field (Anthropic `thinking.budget_tokens`), stays with its
// conversation across a conversation switch and a window reload, and a model that cannot reason
// ignores it, which the answer's footer says (and the simulator's request shows).
import * as assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import type { RecordedRequest } from '../../sim/server';
import { getState, runCommand, screenshot, statusBarItem, useDemoWorkbench, waitForText, webviewWith } from './helpers';

/** The budget the core sends for `high` (EFFORT_BUDGET_TOKENS). */
const HIGH_BUDGET = 24576;

function bodies(requests: RecordedRequest[], suffix: string): Record<string, unknown>[] {
  return requests.filter((r) => r.method === 'POST' && r.path.endsWith(suffix)).map((r) => r.body as Record<string, unknown>);
}

describe('reasoning effort in the chat', function () {
  this.timeout(300_000);
  const demo = useDemoWorkbench('reasoning', () => ({ 'switchboard.defaultModel': 'anthropic:claude-sim-sonnet' }), [
    'anthropic',
    'openai',
  ]);

  async function openChat(): Promise<FrameLocator> {
    await runCommand(demo.wb.page, 'Switchboard: Open Chat');
    return webviewWith(demo.wb.page, '[data-testid=reasoning-effort]', 60_000);
  }

  /** Sends a prompt and waits for the footer of its answer. */
  async function ask(chat: FrameLocator, text: string) {
    const footers = chat.locator('[data-testid=message][data-role=assistant] [data-testid=footer]');
    const before = await footers.count();
    await chat.locator('[data-testid=prompt]').fill(text);
    await chat.locator('[data-testid=send]').click();
    await footers.nth(before).waitFor({ state: 'visible', timeout: 60_000 });
    return footers.nth(before);
  }

  async function chatState(): Promise<{ conversationId: string; reasoning: string; model?: string }> {
    return (await getState(demo.wb)).chat as { conversationId: string; reasoning: string; model?: string };
  }

  async function waitForEffort(effort: string): Promise<void> {
    for (const end = Date.now() + 15_000; Date.now() < end; await new Promise((r) => setTimeout(r, 200)))
      if ((await chatState()).reasoning === effort) return;
    assert.equal((await chatState()).reasoning, effort);
  }

  it('sends the picked effort as Anthropic thinking.budget_tokens and keeps it with the conversation', async () => {
    let chat = await openChat();
    const select = chat.locator('[data-testid=reasoning-effort]');
    assert.equal(await select.inputValue(), 'off');
    assert.equal(await select.getAttribute('aria-label'), 'Reasoning effort');
    await select.selectOption('high');
    await waitForEffort('high');
    await ask(chat, 'think about it');
    const sent = bodies(demo.sims.servers.anthropic.requests, '/messages');
    assert.equal(sent.length, 1);
    assert.deepEqual(sent[0].thinking, { type: 'enabled', budget_tokens: HIGH_BUDGET });
    await screenshot(demo.wb.page, 'reasoning-effort-high');
    const first = (await chatState()).conversationId;

    // Another conversation has its own setting; going back shows this one's.
    await chat.locator('[data-action=new-conversation]').click();
    await select.selectOption('off');
    await waitForEffort('off');
    await chat.locator('.conversation-select').selectOption(first);
    await waitForEffort('high');
    assert.equal(await select.inputValue(), 'high');

    // A reload starts a new extension host, which reads the conversation back from storage.
    await runCommand(demo.wb.page, 'Developer: Reload Window');
    await demo.wb.page.waitForLoadState('domcontentloaded');
    await demo.wb.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    await statusBarItem(demo.wb.page, /today/).waitFor({ timeout: 60_000 });
    // The workbench restores the open chat view; the palette is opened only if it did not.
    chat = await webviewWith(demo.wb.page, '[data-testid=reasoning-effort]', 30_000).catch(() => openChat());
    await waitForEffort('high');
    assert.equal((await chatState()).conversationId, first);
    assert.equal(await chat.locator('[data-testid=reasoning-effort]').inputValue(), 'high');
    await ask(chat, 'and again');
    const again = bodies(demo.sims.servers.anthropic.requests, '/messages');
    assert.equal(again.length, 2);
    assert.deepEqual(again[1].thinking, { type: 'enabled', budget_tokens: HIGH_BUDGET });
  });

  it('a model that cannot reason ignores the effort, and the footer says so by name', async () => {
    const chat = await openChat();
    await chat.locator('[data-testid=model-picker]').click();
    const dialog = chat.locator('[data-testid=model-picker-dialog]');
    await dialog.locator('[data-testid=model-search]').fill('gpt-4.1');
    await dialog.locator('.picker-row[data-ref="openai/gpt-4.1"]').click();
    await waitForText(chat.locator('[data-testid=model-picker]'), 'openai/gpt-4.1', 15_000);
    assert.equal(await chat.locator('[data-testid=reasoning-effort]').inputValue(), 'high');
    const footer = await ask(chat, 'no thinking here');
    const sent = bodies(demo.sims.servers.openai.requests, '/chat/completions').at(-1);
    assert.equal(sent?.model, 'gpt-4.1');
    assert.equal(sent?.reasoning_effort, undefined, 'no reasoning field for a model that cannot reason');
    const warning = footer.locator('[data-part=warning]');
    await waitForText(warning, 'reasoning ignored by OpenAI', 10_000);
    assert.match(await warning.locator('.sr-only').innerText(), /^Warning: gpt-4\.1 on OpenAI does not reason/);
    assert.match((await warning.getAttribute('title')) ?? '', /does not reason; the reasoning setting was ignored/);
    const report = (await getState(demo.wb)).lastRouteReport as { warnings?: { provider: string; parameter: string }[] };
    assert.deepEqual(
      report.warnings?.map((w) => [w.provider, w.parameter]),
      [['openai', 'reasoning']],
    );
    await screenshot(demo.wb.page, 'reasoning-ignored-warning');
  });
});
