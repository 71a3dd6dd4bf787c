// The program behind a request, from its User-Agent, for the ledger's `client` field.

const MAX_LENGTH = 48;

/**
 * The first product token of a User-Agent without its version: `claude-cli/2.1.3 (external)` →
 * `claude-cli`, `aider/0.86` → `aider`. A product whose "version" is a word keeps it, since it
 * names the SDK's language: `OpenAI/JS 6.1.0` → `OpenAI/JS`.
 */
export function clientName(userAgent: string | undefined): string | undefined {
  const first = userAgent?.trim().split(/\s+/)[0];
  if (!first) return undefined;
  const slash = first.indexOf('/');
  const name = slash > 0 && /^v?\d/.test(first.slice(slash + 1)) ? first.slice(0, slash) : first;
  // Only characters a product token may hold, so nothing odd reaches logs or the ledger.
  const clean = name.replace(/[^A-Za-z0-9._/+-]/g, '').slice(0, MAX_LENGTH);
  return clean || undefined;
}
