// The HTML shell of every Switchboard webview: one bundle, one stylesheet, a strict CSP.
// Only types come from 'vscode', so the same HTML is built in Node by the webview page tests.
import { randomBytes } from 'node:crypto';
import type * as vscode from 'vscode';

/** Which UI the bundle renders; `src/webview/main.ts` dispatches on it. */
type WebviewKind = 'chat' | 'dashboard' | 'compare';

/** Webview options: scripts on, and only media/ and dist/ readable, so nothing else on disk leaks. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [child(extensionUri, 'media'), child(extensionUri, 'dist')],
  };
}

/** A fresh CSP nonce; 128 bits from the OS RNG. */
function makeNonce(): string {
  return randomBytes(16).toString('base64');
}

/** The Content-Security-Policy for a webview: no remote anything, scripts only by nonce. */
function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join('; ');
}

/** Inputs of {@link buildWebviewHtml}. */
interface WebviewHtmlOptions {
  webview: Pick<vscode.Webview, 'asWebviewUri' | 'cspSource'>;
  extensionUri: vscode.Uri;
  kind: WebviewKind;
  title: string;
  /** Where the webview is shown; the chat lays out a little differently in a sidebar. */
  placement?: 'sidebar' | 'editor';
}

/** Builds the HTML document for one webview. */
export function buildWebviewHtml(o: WebviewHtmlOptions): string {
  const nonce = makeNonce();
  const dist = (file: string) => o.webview.asWebviewUri(child(o.extensionUri, `dist/${file}`)).toString();
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(o.webview.cspSource, nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttr(dist('webview.css'))}">
<title>${escapeText(o.title)}</title>
</head>
<body data-view="${o.kind}" data-placement="${o.placement ?? 'editor'}">
<div id="app"></div>
<script nonce="${nonce}" src="${escapeAttr(dist('webview.js'))}"></script>
</body>
</html>`;
}

/** A URI below the extension folder, without the runtime 'vscode' module. */
function child(base: vscode.Uri, rel: string): vscode.Uri {
  return base.with({ path: `${base.path.replace(/\/$/, '')}/${rel}` });
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
