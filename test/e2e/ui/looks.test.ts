// What a demanding user sees, photographed: the chat with a rich answer, an error, the model
// picker, the spend dashboard, compare and both status-bar tooltips, with the side bar at 300 px
// and wide, in Light Modern, Dark Modern and High Contrast (switched live, one code-server for
// all). Every shot lands in artifacts/ui/looks-<theme>-<layout>-<view>.png. The same run asserts
// that no webview logs a CSP violation or an uncaught error, that no page scrolls sideways at
// 300 px, and that no text overflows its box, except code and table blocks that scroll.
import * as assert from 'node:assert/strict';
import type { FrameLocator, Locator } from 'playwright-core';
import { DEMO_KEYS, startDemoSims, type DemoSims } from '../../sim/demo-server';
import {
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

const THEMES = [
  { name: 'Light Modern', label: 'Light Modern', id: 'Default Light Modern', body: /(^|\s)vs(\s|$)/ },
  { name: 'Dark Modern', label: 'Dark Modern', id: 'Default Dark Modern', body: /(^|\s)vs-dark(\s|$)/ },
  { name: 'High Contrast', label: 'Dark High Contrast', id: 'Default High Contrast', body: /(^|\s)hc-black(\s|$)/ },
];
const NARROW = 300;

// Echoed back by the simulator's echo model, so the answer renders exactly this markdown.
const RICH = [
  'Here is the plan for retries.',
  '',
  '## Retry policy',
  '',
  'Honour `Retry-After` (seconds) before the next attempt, and back off otherwise:',
  '',
  '```ts',
  'export function backoff(attempt: number): number {',
  '  return Math.min(30_000, 2 ** attempt * 250) + Math.round(Math.random() * 100); // jitter keeps clients apart',
  '}',
  '```',
  '',
  '| Provider | Typical latency | Input per 1M tokens | Breaker |',
  '|:--|--:|--:|:-:|',
  '| OpenAI | 320 ms | $2.50 | closed |',
  '| Anthropic | 410 ms | $3.00 | open |',
  '',
  'Details: https://docs.example.com/providers/anthropic/errors/overloaded-and-rate-limited-requests-with-retry-after-headers',
].join('\n');

/** A message from a webview's console, kept with where it came from. */
interface Logged {
  type: string;
  text: string;
  url: string;
}

/** Console lines that came from a webview (its document or its scripts), not from the workbench. */
function fromWebview(m: Logged): boolean {
  return /webview|vscode-resource|vscode-cdn|\/dist\/webview\.js/.test(m.url);
}

/**
 * Elements (outside scrolling code and table blocks) whose content is wider than their box, and
 * whether the page itself scrolls sideways. Text cut on purpose with an ellipsis is not overflow.
 */
async function overflowIn(view: FrameLocator): Promise<{ pageScrolls: boolean; width: number; overflowing: string[] }> {
  return view.locator('html').evaluate((root) => {
    const doc = root.ownerDocument;
    // No named inner functions: tsx would wrap them in a helper the page does not have.
    const overflowing: string[] = [];
    for (const e of doc.body.querySelectorAll<HTMLElement>('*')) {
      if (!(e instanceof HTMLElement) || e.clientWidth <= 1 || e.matches('input, textarea, select, option, .sr-only')) continue;
      if (e.scrollWidth <= e.clientWidth + 1) continue;
      if (e.matches('pre, table, .code-block, .breakdown, .scroll-x') && /auto|scroll/.test(getComputedStyle(e).overflowX)) continue;
      if (e.closest('pre, code, table')) continue;
      const style = getComputedStyle(e);
      if (style.textOverflow === 'ellipsis' && style.overflowX === 'hidden') continue;
      const name = `${e.tagName.toLowerCase()}${e.className && typeof e.className === 'string' ? `.${e.className.trim().split(/\s+/).join('.')}` : ''}`;
      overflowing.push(`${name} (${e.scrollWidth} > ${e.clientWidth}): ${(e.textContent ?? '').trim().slice(0, 60)}`);
    }
    return { pageScrolls: root.scrollWidth > root.clientWidth + 1, width: root.clientWidth, overflowing };
  });
}

describe('how every view looks, in three themes and two widths', function () {
  this.timeout(600_000);
  let sims: DemoSims;
  let wb: Workbench;
  let chat: FrameLocator;
  const logged: Logged[] = [];
  const problems: string[] = [];

  before(async function () {
    this.timeout(240_000);
    sims = await startDemoSims();
    wb = await openWorkbench({
      settings: {
        'workbench.colorTheme': THEMES[0].id,
        'switchboard.providers': sims.providerSettings(),
        'switchboard.defaultModel': 'openai:sim/echo',
        'switchboard.routing': { maxAttempts: 2 },
        'switchboard.priceOverrides': [
          { provider: 'openai', model: 'sim/echo', inputPerMTok: 0.3, outputPerMTok: 2.5 },
          { provider: 'openrouter', model: 'sim-model', inputPerMTok: 3, outputPerMTok: 15 },
        ],
        'switchboard.budgets': { dailyUsd: 0.05, monthlyUsd: 5, warnAt: 0.8, action: 'warn' },
      },
    });
    wb.page.on('console', (m) => logged.push({ type: m.type(), text: m.text(), url: m.location().url ?? '' }));
    wb.page.on('pageerror', (e) => logged.push({ type: 'pageerror', text: `${e.message}\n${e.stack ?? ''}`, url: e.stack ?? '' }));
    await statusBarItem(wb.page, /today/).waitFor({ timeout: 60_000 });
    await setSecret(wb, 'openai', DEMO_KEYS.openai);
    await setSecret(wb, 'openrouter', DEMO_KEYS.openrouter);

    await runCommand(wb.page, 'Switchboard: Open Chat');
    chat = await webviewWith(wb.page, '[data-testid=prompt]', 30_000);
    await chat.locator('[data-testid=prompt]').fill(RICH);
    await chat.locator('[data-testid=send]').click();
    await chat.locator('[data-testid=message][data-role=assistant] table').waitFor({ timeout: 30_000 });
    await waitForText(chat.locator('[data-testid=message][data-role=assistant] [data-testid=footer]').last(), /\$\d/, 15_000);

    // An error on a model with one host: the simulator's model that always answers 503.
    await chat.locator('[data-testid=model-picker]').click();
    const dialog = chat.locator('[data-testid=model-picker-dialog]');
    await dialog.locator('[data-testid=model-search]').fill('fault-503');
    await dialog.locator('.picker-row').first().click();
    await chat.locator('[data-testid=prompt]').fill('Is the fault simulator up?');
    await chat.locator('[data-testid=send]').click();
    await chat.locator('[data-testid=error]').waitFor({ timeout: 30_000 });

    await runCommand(wb.page, 'Switchboard: Compare Models');
    const compare = await webviewByTitle(wb.page, 'Switchboard Compare', 30_000);
    await compare
      .locator('[data-testid=compare-prompt]')
      .fill('Print a greeting.\n\n```python\nprint("hello from a comparison that runs side by side")\n```');
    await compare.locator('.model-field input').nth(0).fill('openai:sim/echo');
    await compare.locator('.model-field input').nth(1).fill('openrouter:sim-model');
    await compare.locator('[data-testid=compare-run]').click();
    await compare.locator('[data-testid=compare-column][data-state=done]').nth(1).waitFor({ timeout: 30_000 });

    await runCommand(wb.page, 'Switchboard: Open Spend Dashboard');
    await (await webviewByTitle(wb.page, 'Switchboard Spend', 30_000)).locator('svg.chart').waitFor({ timeout: 20_000 });
  });

  after(async () => {
    await wb?.close();
    await sims?.close();
  });

  async function setTheme(theme: (typeof THEMES)[number]): Promise<void> {
    await runCommand(wb.page, 'Preferences: Color Theme');
    const input = wb.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(theme.label);
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: theme.label }).first().waitFor({ timeout: 10_000 });
    await wb.page.keyboard.press('Enter');
    await wb.page.waitForFunction(
      (re) => new RegExp(re).test(document.querySelector('.monaco-workbench')?.className ?? ''),
      theme.body.source,
      { timeout: 15_000 },
    );
    // Webviews receive the theme's variables after the workbench repaints.
    await wb.page.waitForTimeout(800);
  }

  /** Checks one webview for overflow; at the narrow width the page must not scroll sideways either. */
  async function check(view: FrameLocator, label: string, narrow: boolean): Promise<void> {
    const o = await overflowIn(view);
    if (narrow && o.pageScrolls) problems.push(`${label}: the page scrolls sideways at ${o.width} px`);
    for (const e of o.overflowing) problems.push(`${label}: ${e}`);
  }

  async function shoot(label: string, locatorToSee?: Locator): Promise<void> {
    if (locatorToSee) await locatorToSee.evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await wb.page.waitForTimeout(150);
    await screenshot(wb.page, `looks-${label}`);
  }

  async function tooltips(prefix: string): Promise<void> {
    for (const [item, title, name] of [
      [/today/, 'Switchboard spend today', 'tooltip-spend'],
      [/All good|degraded|down/, 'provider health', 'tooltip-health'],
    ] as const) {
      await wb.page.mouse.move(700, 450);
      await statusBarItem(wb.page, item).first().hover();
      await wb.page
        .locator('.monaco-hover, .workbench-hover')
        .filter({ hasText: title })
        .first()
        .waitFor({ state: 'visible', timeout: 15_000 });
      await shoot(`${prefix}-${name}`);
    }
    await wb.page.mouse.move(700, 450);
  }

  async function editorTab(title: string): Promise<FrameLocator> {
    await wb.page.locator('.tabs-container .tab', { hasText: title }).first().click();
    return webviewByTitle(wb.page, title, 15_000);
  }

  async function chatShots(view: FrameLocator, label: string, narrow: boolean): Promise<void> {
    await shoot(`${label}-rich-answer`, view.locator('[data-testid=message][data-role=assistant]').first());
    await check(view, `${label} rich answer`, narrow);
    await shoot(`${label}-error`, view.locator('[data-testid=error]').last());
    await view.locator('[data-testid=model-picker]').click();
    const dialog = view.locator('[data-testid=model-picker-dialog]');
    await dialog.locator('.picker-row').first().waitFor({ timeout: 15_000 });
    await shoot(`${label}-picker`);
    await check(view, `${label} picker`, narrow);
    await dialog.locator('button[aria-label=Close]').click();
  }

  async function editorShots(label: string, narrow: boolean): Promise<void> {
    const dash = await editorTab('Switchboard Spend');
    await shoot(`${label}-dashboard`);
    await check(dash, `${label} dashboard`, narrow);
    const compare = await editorTab('Switchboard Compare');
    await shoot(`${label}-compare`);
    await check(compare, `${label} compare`, narrow);
  }

  for (const theme of THEMES) {
    it(`${theme.name}: chat, error, picker, dashboard, compare and tooltips at 300 px and wide`, async () => {
      await setTheme(theme);
      const t = theme.name.toLowerCase().replace(/\s+/g, '-');
      const wide = wb.page.viewportSize()!;
      // The side bar keeps its default 300 px: the chat there is the narrow one, the editors are wide.
      const sideBar = (await wb.page.locator('#workbench\\.parts\\.sidebar').boundingBox())!;
      assert.ok(Math.abs(sideBar.width - NARROW) <= 12, `the side bar is ${sideBar.width} px wide`);
      await chatShots(chat, `${t}-chat-300`, true);
      await editorShots(`${t}-wide`, false);
      await tooltips(t);
      // The chat in an editor beside them is the wide one.
      await runCommand(wb.page, 'Switchboard: Open Chat in Editor');
      const editorChat = await webviewByTitle(wb.page, 'Switchboard Chat', 30_000);
      await editorChat.locator('[data-testid=error]').waitFor({ timeout: 15_000 });
      await chatShots(editorChat, `${t}-chat-wide`, false);
      await runCommand(wb.page, 'View: Close Editor');
      // A window just wide enough for a 300 px editor area.
      const editorLeft = (await wb.page.locator('#workbench\\.parts\\.editor').boundingBox())!.x;
      await wb.page.setViewportSize({ width: Math.round(editorLeft + NARROW), height: wide.height });
      try {
        await wb.page.waitForTimeout(500);
        await editorShots(`${t}-300`, true);
      } finally {
        await wb.page.setViewportSize(wide);
      }
    });
  }

  it('no webview logged a CSP violation or an uncaught error, the extension host no PendingMigrationError, and nothing overflowed', () => {
    const csp = logged.filter((m) => /Content Security Policy|Refused to (apply|load|execute|connect|frame)/i.test(m.text));
    const webviewErrors = logged.filter((m) => fromWebview(m) && (m.type === 'error' || m.type === 'pageerror'));
    const migration = logged.filter((m) => /PendingMigrationError/.test(m.text));
    assert.deepEqual(
      csp.map((m) => `${m.url}: ${m.text}`.slice(0, 300)),
      [],
      'CSP violations',
    );
    assert.deepEqual(
      webviewErrors.map((m) => `${m.url}: ${m.text}`.slice(0, 300)),
      [],
      'uncaught errors in a webview',
    );
    assert.deepEqual(
      migration.map((m) => m.text.slice(0, 300)),
      [],
      'PendingMigrationError in the console',
    );
    assert.deepEqual(problems, [], 'overflow');
  });
});
