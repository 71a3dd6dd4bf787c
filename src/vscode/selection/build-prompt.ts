// Prompts for "send selection" commands: the instruction, then the code with its file path,
// language and line range, so the answer can refer to the file. Pure, unit-tested.

/** The selected code and where it comes from. */
export interface SelectionContext {
  text: string;
  languageId: string;
  /** Workspace-relative path (or the file name for files outside a workspace). */
  path: string;
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
}

/** The built-in selection actions. */
export type SelectionAction = 'ask' | 'explain' | 'findBugs' | 'writeTests' | 'refactor';

/** Instruction of each built-in action; `ask` and `refactor` take the user's words. */
export const ACTION_INSTRUCTIONS: Record<Exclude<SelectionAction, 'ask' | 'refactor'>, string> = {
  explain: 'Explain what this code does, step by step, and point out anything surprising.',
  findBugs: 'Find bugs in this code: logic errors, edge cases, error handling, concurrency and security problems. For each, say where it is, why it is a bug and how to fix it. Say so if you find none.',
  writeTests: 'Write unit tests for this code, using the test framework the project most likely uses for this language. Cover normal cases, edge cases and failures.',
};

/** Builds the message sent to the model. */
export function buildSelectionPrompt(instruction: string, ctx: SelectionContext): string {
  const fence = fenceFor(ctx.text);
  const lines = ctx.startLine === ctx.endLine ? `line ${ctx.startLine}` : `lines ${ctx.startLine}-${ctx.endLine}`;
  return `${instruction.trim()}\n\nFrom \`${ctx.path}\` (${lines}, ${ctx.languageId}):\n\n${fence}${ctx.languageId}\n${ctx.text.replace(/\s+$/, '')}\n${fence}`;
}

/** Fills `{{selection}}`, `{{language}}`, `{{file}}` and `{{lines}}` of a user template. */
export function applyTemplate(template: string, ctx: SelectionContext): { prompt: string; filled: string; includesSelection: boolean } {
  const includesSelection = /\{\{\s*selection\s*\}\}/.test(template);
  const lines = `${ctx.startLine}-${ctx.endLine}`;
  const filled = template.replace(/\{\{\s*(selection|language|file|lines)\s*\}\}/g, (_m, k: string) =>
    k === 'selection' ? ctx.text : k === 'language' ? ctx.languageId : k === 'file' ? ctx.path : lines,
  );
  // A template without {{selection}} still gets the code, with its location, after the text.
  return { prompt: includesSelection ? filled : buildSelectionPrompt(filled, ctx), filled, includesSelection };
}

/** A backtick fence longer than any run of backticks inside the code, so the code cannot close it. */
export function fenceFor(code: string): string {
  let longest = 0;
  for (const m of code.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  return '`'.repeat(Math.max(3, longest + 1));
}
