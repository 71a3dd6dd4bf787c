// The chat webview alone in Chromium: the real bundle and the real HTML/CSP from webview-html.ts,
// served from loopback, with a scripted stand-in for the extension host. Used by the chat page
// tests and the render bench; the tests in the real workbench use helpers.ts instead.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { buildWebviewHtml } from '../../../src/vscode/webview-html';
import { launchBrowser, type BrowserSession } from '../harness/browser';
import { makeRunDir, repoRoot } from '../harness/paths';

/** A chat webview page and its fake host. */
export interface ChatPage {
  page: Page;
  browser: BrowserSession;
  /** Every URL the page requested (to prove nothing left for a remote host). */
  requests: string[];
  /** Sends a host→webview message. */
  post(type: string, payload: unknown): Promise<void>;
  /** Messages the webview sent to the host so far. */
  sent(): Promise<{ type: string; payload: any; id?: number }[]>;
  close(): Promise<void>;
}

// A dark theme's worth of --vscode-* variables, so page screenshots look like the workbench.
const THEME: Record<string, string> = {
  '--vscode-font-family': 'system-ui, sans-serif',
  '--vscode-font-size': '13px',
  '--vscode-editor-font-family': 'monospace',
  '--vscode-editor-font-size': '13px',
  '--vscode-foreground': '#cccccc',
  '--vscode-descriptionForeground': '#9d9d9d',
  '--vscode-sideBar-background': '#181818',
  '--vscode-editor-background': '#1f1f1f',
  '--vscode-input-background': '#313131',
  '--vscode-input-foreground': '#cccccc',
  '--vscode-input-border': '#3c3c3c',
  '--vscode-widget-border': '#313131',
  '--vscode-panel-border': '#2b2b2b',
  '--vscode-button-background': '#0078d4',
  '--vscode-button-foreground': '#ffffff',
  '--vscode-button-secondaryBackground': '#313131',
  '--vscode-button-secondaryForeground': '#cccccc',
  '--vscode-textLink-foreground': '#4daafc',
  '--vscode-textCodeBlock-background': '#2b2b2b',
  '--vscode-dropdown-background': '#313131',
  '--vscode-dropdown-foreground': '#cccccc',
  '--vscode-badge-background': '#616161',
  '--vscode-badge-foreground': '#f8f8f8',
  '--vscode-quickInput-background': '#222222',
  '--vscode-list-hoverBackground': '#2a2d2e',
  '--vscode-inputValidation-errorBackground': '#5a1d1d',
  '--vscode-inputValidation-errorBorder': '#be1100',
  '--vscode-errorForeground': '#f85149',
  '--vscode-focusBorder': '#0078d4',
  '--vscode-toolbar-hoverBackground': '#5a5d5e50',
  '--vscode-editorGroupHeader-tabsBackground': '#181818',
  '--vscode-editorWarning-foreground': '#cca700',
};

/** Serves the chat webview and opens it in Chromium. */
export async function openChatPage(opts: { width?: number; height?: number } = {}): Promise<ChatPage> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/') {
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const ext = { path: '/ext', with: (c: { path: string }) => ({ path: c.path }) } as never;
      const webview = { cspSource: origin, asWebviewUri: (u: { path: string }) => ({ toString: () => origin + u.path }) } as never;
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end(buildWebviewHtml({ webview, extensionUri: ext, kind: 'chat', title: 'Switchboard Chat', placement: 'sidebar' }));
      return;
    }
    const m = /^\/ext\/dist\/([\w.-]+)$/.exec(url.pathname);
    const file = m ? path.resolve(repoRoot, process.env.SB_DIST ?? 'dist', m[1]) : '';
    if (!file || !fs.existsSync(file)) return void res.writeHead(404).end();
    const type = file.endsWith('.js')
      ? 'text/javascript'
      : file.endsWith('.css')
        ? 'text/css'
        : file.endsWith('.ttf')
          ? 'font/ttf'
          : 'application/octet-stream';
    res.writeHead(200, { 'content-type': type }).end(fs.readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await launchBrowser(makeRunDir('chat-page'));
  const page = browser.page;
  await page.setViewportSize({ width: opts.width ?? 420, height: opts.height ?? 760 });
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  // A string, not a function: tsx would inject its own helpers into a serialized function.
  await page.addInitScript(`
    window.__sent = [];
    window.__state = undefined;
    window.acquireVsCodeApi = () => ({
      postMessage: (m) => window.__sent.push(JSON.parse(JSON.stringify(m))),
      getState: () => window.__state,
      setState: (s) => { window.__state = s; },
    });
    document.addEventListener('DOMContentLoaded', () => {
      for (const [k, v] of Object.entries(${JSON.stringify(THEME)})) document.documentElement.style.setProperty(k, v);
    });
  `);
  await page.goto(`${origin}/`);
  await page
    .locator('[data-testid=prompt]')
    .waitFor({ state: 'visible', timeout: 15_000 })
    .catch((e) => {
      throw new Error(`${e.message}\n${browser.consoleLines.join('\n')}\n${requests.join('\n')}`);
    });
  return {
    page,
    browser,
    requests,
    post: (type, payload) => page.evaluate((m) => window.postMessage(m, '*'), { type, payload }),
    sent: () => page.evaluate(() => (window as unknown as { __sent: { type: string; payload: any }[] }).__sent),
    async close() {
      await browser.close();
      await new Promise((r) => server.close(r));
    },
  };
}

/** A minimal valid state payload for the chat. */
export function chatState(messages: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    conversations: [{ id: 'c1', title: 'Demo conversation', updatedAt: 1, messageCount: messages.length }],
    conversation: { id: 'c1', title: 'Demo conversation', createdAt: 1, updatedAt: 1, model: 'anthropic/claude-sonnet-4.5', messages },
    model: 'anthropic/claude-sonnet-4.5',
    busy: false,
    ...extra,
  };
}
