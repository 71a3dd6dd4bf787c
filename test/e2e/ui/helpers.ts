// Helpers the UI tests (and later UI issues) share: an isolated code-server with the packaged
// .vsix, a Chromium page on its workbench, and ways to drive it the way a user does (palette,
// webviews, status bar) plus a bridge to commands that take arguments (secrets, state).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { launchBrowser, type BrowserSession } from '../harness/browser';
import { startCodeServer, type CodeServer } from '../harness/code-server';
import { artifactsDir, bridgeVsixPath, makeRunDir, vsixPath } from '../harness/paths';
import { DEMO_KEYS, startDemoSims, type DemoSims, type DemoUrls } from '../../sim/demo-server';

/** A workbench in Chromium on an isolated code-server with Switchboard installed from its .vsix. */
export interface Workbench {
  server: CodeServer;
  browser: BrowserSession;
  page: Page;
  runDir: string;
  /** Folder opened as the workspace (a scratch folder unless one was given). */
  folder: string;
  bridgeDir: string;
  close(): Promise<void>;
}

/** Options for {@link openWorkbench}. */
export interface WorkbenchOptions {
  folder?: string;
  settings?: Record<string, unknown>;
  env?: Record<string, string>;
  /** Installs the test bridge (default true); it only acts when SWITCHBOARD_E2E_BRIDGE_DIR is set. */
  bridge?: boolean;
}

/** Starts code-server with the .vsix (and bridge), opens the folder in Chromium, waits for the workbench. */
export async function openWorkbench(opts: WorkbenchOptions = {}): Promise<Workbench> {
  const runDir = makeRunDir('ui');
  const bridgeDir = path.join(runDir, 'bridge');
  const folder = opts.folder ?? path.join(runDir, 'workspace');
  if (!opts.folder) {
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'sample.ts'), 'export function add(a: number, b: number) {\n  return a + b;\n}\n');
  }
  const vsix = opts.bridge === false ? [vsixPath] : [vsixPath, bridgeVsixPath];
  const server = await startCodeServer({
    runDir,
    folder,
    vsix,
    settings: opts.settings,
    env: { SWITCHBOARD_E2E: '1', SWITCHBOARD_E2E_BRIDGE_DIR: bridgeDir, ...opts.env },
  });
  let browser: BrowserSession | undefined;
  try {
    browser = await launchBrowser(runDir);
    // A loaded machine (CI, shared runners) can take longer than the 30 s default to serve the workbench.
    await browser.page.goto(`${server.url}/?folder=${encodeURIComponent(folder)}`, { timeout: 90_000 });
    await browser.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
  } catch (e) {
    if (browser) await screenshot(browser.page, 'open-workbench-FAILED');
    await browser?.close();
    await server.stop();
    throw e;
  }
  const b = browser;
  return {
    server,
    browser: b,
    page: b.page,
    runDir,
    folder,
    bridgeDir,
    async close() {
      fs.writeFileSync(path.join(runDir, 'browser-console.log'), b.consoleLines.join('\n'));
      await b.close();
      await server.stop();
    },
  };
}

/** Opens a workspace file through Go to File, as a user would, and waits for its text. */
export async function openFile(page: Page, name: string, expectText: string): Promise<void> {
  await runCommand(page, 'Go to File...');
  await page.locator('.quick-input-widget input').fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  await page.locator('.monaco-editor .view-lines', { hasText: expectText }).waitFor({ timeout: 15_000 });
}

/** The visible lines of the active editor in line order: Monaco reuses line elements out of DOM order and renders spaces as no-break spaces. */
export async function editorLines(page: Page): Promise<string[]> {
  return page
    .locator('.editor-group-container.active .monaco-editor .view-lines')
    .first()
    .evaluate((el) =>
      [...el.querySelectorAll<HTMLElement>('.view-line')]
        .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
        .map((l) => l.innerText.replace(/\u00a0/g, ' ')),
    );
}

/** Saves a full-page screenshot to artifacts/ui/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.join(artifactsDir, 'ui', `${name.replace(/[^\w.-]+/g, '-').slice(0, 120)}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, timeout: 10_000 }).catch(() => undefined);
  return file;
}

/** Runs a command by its palette title (F1, type, Enter), as a user would. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page
    .locator('.monaco-workbench')
    .click({ position: { x: 5, y: 5 }, force: true })
    .catch(() => undefined);
  const input = page.locator('.quick-input-widget input');
  await page.keyboard.press('F1');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ state: 'visible', timeout: 15_000 }).catch(async () => {
    const rows = await page.locator('.quick-input-list .monaco-list-row').allInnerTexts();
    throw new Error(`command "${title}" is not in the palette; rows: ${JSON.stringify(rows.slice(0, 8))}`);
  });
  await row.click();
  await input.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
}

/**
 * The inner frame of the webview titled `title` (a panel's or view's title). Webviews are two
 * nested iframes: the host's `iframe.webview.ready`, and the content in `iframe#active-frame`;
 * VS Code puts the title on the inner iframe (and on the outer one in some versions).
 */
export async function webviewByTitle(page: Page, title: string, timeoutMs = 20_000): Promise<FrameLocator> {
  const outer = page.locator('iframe.webview.ready');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const seen: string[] = [];
    const n = await outer.count();
    for (let i = 0; i < n; i++) {
      const host = outer.nth(i);
      const titles = [
        await host.getAttribute('title').catch(() => null),
        await host
          .contentFrame()
          .locator('iframe#active-frame')
          .getAttribute('title', { timeout: 1_000 })
          .catch(() => null),
      ];
      seen.push(titles.filter(Boolean).join(' | '));
      if (titles.some((t) => t && (t === title || t.includes(title)))) return host.contentFrame().frameLocator('iframe#active-frame');
    }
    if (Date.now() > deadline)
      throw new Error(`no webview titled "${title}" within ${timeoutMs} ms; ready webviews: ${JSON.stringify(seen)}`);
    await page.waitForTimeout(200);
  }
}

/** The first webview whose content has `selector` (e.g. the chat's prompt box). */
export async function webviewWith(page: Page, selector: string, timeoutMs = 20_000): Promise<FrameLocator> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const n = await page.locator('iframe.webview.ready').count();
    for (let i = n - 1; i >= 0; i--) {
      const inner = page.locator('iframe.webview.ready').nth(i).contentFrame().frameLocator('iframe#active-frame');
      if (
        (await inner
          .locator(selector)
          .count()
          .catch(() => 0)) > 0
      )
        return inner;
    }
    if (Date.now() > deadline) throw new Error(`no webview contains ${selector} within ${timeoutMs} ms (${n} ready webview(s))`);
    await page.waitForTimeout(200);
  }
}

/** A status bar item by its text (codicons render as glyphs, so match the words). */
export function statusBarItem(page: Page, text: string | RegExp): Locator {
  return page.locator('#workbench\\.parts\\.statusbar .statusbar-item').filter({ hasText: text });
}

/** The texts of all status bar items, for assertions and failure messages. */
export async function statusBarTexts(page: Page): Promise<string[]> {
  return (await page.locator('#workbench\\.parts\\.statusbar .statusbar-item').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
}

/** Waits until `text` appears in `scope` (a page, frame or locator). */
export async function waitForText(scope: Page | FrameLocator | Locator, text: string | RegExp, timeoutMs = 20_000): Promise<Locator> {
  const loc = scope.getByText(text).first();
  await loc.waitFor({ state: 'visible', timeout: timeoutMs });
  return loc;
}

let requestSeq = 0;

/**
 * Runs a VS Code command with arguments inside the connected window's extension host through
 * the test bridge, and returns its result (JSON round trip).
 */
export async function bridgeCall<T = unknown>(wb: Workbench, command: string, args: unknown[] = [], timeoutMs = 20_000): Promise<T> {
  fs.mkdirSync(wb.bridgeDir, { recursive: true });
  const id = `${process.pid}-${++requestSeq}`;
  const tmp = path.join(wb.bridgeDir, `pending-${id}.tmp`);
  fs.writeFileSync(tmp, JSON.stringify({ command, args }));
  fs.renameSync(tmp, path.join(wb.bridgeDir, `request-${id}.json`));
  const responseFile = path.join(wb.bridgeDir, `response-${id}.json`);
  const deadline = Date.now() + timeoutMs;
  while (!fs.existsSync(responseFile)) {
    if (Date.now() > deadline) throw new Error(`the test bridge did not run ${command} within ${timeoutMs} ms (is the extension host up?)`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const res = JSON.parse(fs.readFileSync(responseFile, 'utf8')) as { ok: boolean; result?: T; error?: string };
  if (!res.ok) throw new Error(`${command} failed in the extension host: ${res.error}`);
  return res.result as T;
}

/** Stores an API key through the extension's own SecretStorage path (switchboard.test.setSecret). */
export async function setSecret(wb: Workbench, providerId: string, key: string): Promise<void> {
  await bridgeCall(wb, 'switchboard.test.setSecret', [providerId, key]);
}

/** The extension's test snapshot (switchboard.test.getState). */
export async function getState(wb: Workbench): Promise<Record<string, unknown>> {
  const raw = await bridgeCall<unknown>(wb, 'switchboard.test.getState');
  return (typeof raw === 'string' ? JSON.parse(raw) : raw) as Record<string, unknown>;
}

/** The running demo simulators and the workbench pointed at them, for one describe block. */
export interface DemoWorkbench {
  sims: DemoSims;
  wb: Workbench;
}

/**
 * Registers a describe block's hooks: the demo simulators and a workbench using them with `keys`
 * set, a screenshot of any failed test (named after `label`), and both closed at the end.
 */
export function useDemoWorkbench(
  label: string,
  settings: (sims: DemoSims) => Record<string, unknown>,
  keys: (keyof DemoUrls)[],
): DemoWorkbench {
  const fixture = {} as DemoWorkbench;
  before(async function () {
    this.timeout(180_000);
    fixture.sims = await startDemoSims();
    fixture.wb = await openWorkbench({ settings: { 'switchboard.providers': fixture.sims.providerSettings(), ...settings(fixture.sims) } });
    await statusBarItem(fixture.wb.page, /today/).waitFor({ timeout: 60_000 });
    for (const k of keys) await setSecret(fixture.wb, k, DEMO_KEYS[k]);
  });
  afterEach(async function () {
    const t = this.currentTest;
    if (fixture.wb && t?.state === 'failed') await screenshot(fixture.wb.page, `FAILED-${label}-${t.title}`);
  });
  after(async () => {
    await fixture.wb?.close();
    await fixture.sims?.close();
  });
  return fixture;
}
