// How a prompt and the selected code become one user message the model can read.
import type { CodeContext } from '../../shared/protocol';

/** The prompt followed by the code, fenced with a fence longer than any inside the code. */
export function composePrompt(text: string, ctx: CodeContext): string {
  const longest = Math.max(2, ...[...ctx.code.matchAll(/`{3,}/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const lines = ctx.range.startLine === ctx.range.endLine ? `line ${ctx.range.startLine}` : `lines ${ctx.range.startLine}-${ctx.range.endLine}`;
  return `${text.trim()}\n\nFrom \`${ctx.path}\` (${lines}, ${ctx.language}):\n\n${fence}${fenceLang(ctx.language)}\n${ctx.code.replace(/\n$/, '')}\n${fence}`;
}

function fenceLang(language: string): string {
  return /^[\w+#.-]{1,40}$/.test(language) ? language : '';
}
