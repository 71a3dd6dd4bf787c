// The variables that point terminal clients (OpenAI and Anthropic SDKs, Claude Code, Codex CLI,
// aider) at the gateway, and the same as `export` lines for a terminal outside the editor.

/** Variable name to value, in a stable order. */
export function gatewayEnv(url: string, token: string): [string, string][] {
  const base = url.replace(/\/+$/, '');
  return [
    ['OPENAI_BASE_URL', `${base}/v1`],
    ['OPENAI_API_KEY', token],
    // The Anthropic SDK and Claude Code add /v1 themselves.
    ['ANTHROPIC_BASE_URL', base],
    ['ANTHROPIC_AUTH_TOKEN', token],
  ];
}

/** POSIX shell single-quoting: safe for any value. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** `export NAME='value'` lines for bash and zsh. */
export function exportLines(url: string, token: string): string {
  return gatewayEnv(url, token)
    .map(([k, v]) => `export ${k}=${shellQuote(v)}`)
    .join('\n');
}

/** What the terminal's environment contribution says it sets (never the token). */
export function terminalEnvDescription(url: string): string {
  return `Switchboard gateway at ${url}: sets OPENAI_BASE_URL, OPENAI_API_KEY, ANTHROPIC_BASE_URL and ANTHROPIC_AUTH_TOKEN.`;
}
