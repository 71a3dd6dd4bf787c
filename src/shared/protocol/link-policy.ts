// Which links a webview may ask the host to open. Shared so both sides agree; the host decides.

/** True only for absolute http(s) URLs with a host; everything else (command:, file:, vscode:, javascript:) is refused. */
export function isOpenableLink(href: string): boolean {
  try {
    const u = new URL(href);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.length > 0;
  } catch {
    return false;
  }
}
