// Prompts for "send selection" commands: the instruction, then the code with its file path,
// language and line range, so the answer can refer to the file. Pure, unit-tested.
import { composePrompt } from '../../shared/prompt-compose';

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
  findBugs:
    'Find bugs in this code: logic errors, edge cases, error handling, concurrency and security problems. For each, say where it is, why it is a bug and how to fix it. Say so if you find none.',
  writeTests:
    'Write unit tests for this code, using the test framework the project most likely uses for this language. Cover normal cases, edge cases and failures.',
};

/** Builds the message sent to the model: the chat's own composition, so an estimate counts what is sent. */
export function buildSelectionPrompt(instruction: string, ctx: SelectionContext): string {
  return composePrompt(instruction, {
    path: ctx.path,
    language: ctx.languageId,
    range: { startLine: ctx.startLine, endLine: ctx.endLine },
    code: ctx.text,
  });
}

/**
 * Largest selection sent, in characters (about 250k tokens: more than any model's context).
 * A stored message is capped at 2M characters, so a bigger one could not even be shown.
 */
export const MAX_SELECTION_CHARS = 1_000_000;

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
