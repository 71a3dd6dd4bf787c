// How a prompt and the selected code become one user message the model can read, and back: the
// host composes it, the chat view splits it again to show the question as typed and the code as code.
import type { CodeContext } from './protocol';

/** The prompt followed by the code, fenced with a fence longer than any inside the code. */
export function composePrompt(text: string, ctx: CodeContext): string {
  const longest = Math.max(2, ...[...ctx.code.matchAll(/`{3,}/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const lines =
    ctx.range.startLine === ctx.range.endLine ? `line ${ctx.range.startLine}` : `lines ${ctx.range.startLine}-${ctx.range.endLine}`;
  return `${text.trim()}\n\nFrom \`${ctx.path}\` (${lines}, ${ctx.language}):\n\n${fence}${fenceLang(ctx.language)}\n${ctx.code.replace(/\s+$/, '')}\n${fence}`;
}

function fenceLang(language: string): string {
  return /^[\w+#.-]{1,40}$/.test(language) ? language : '';
}

/** The typed prompt and the code part of a composed message, or undefined if `text` is not one for `path`. */
export function splitComposedPrompt(text: string, path: string): { prompt: string; code: string } | undefined {
  const at = text.lastIndexOf(`\n\nFrom \`${path}\` (`);
  return at < 0 ? undefined : { prompt: text.slice(0, at), code: text.slice(at + 2) };
}
