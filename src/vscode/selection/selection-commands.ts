// Editor commands that send the selection to the chat: Ask, Explain, Find Bugs, Write Tests,
// Refactor, plus the user's templates. Above `switchboard.confirmAboveUsd` the user confirms the
// pre-send estimate in a modal dialog first.
import * as vscode from 'vscode';
import type { AssistantMeta } from '../../shared/protocol';
import type { Settings } from '../../app/config/schema';
import { formatUsd } from '../../common/format';
import type { ChatMessage } from '../../core/types';
import { needsConfirm, type SendEstimate } from '../../app/selection/estimate';
import {
  ACTION_INSTRUCTIONS,
  applyTemplate,
  buildSelectionPrompt,
  MAX_SELECTION_CHARS,
  type SelectionAction,
  type SelectionContext,
} from '../../app/selection/build-prompt';

/** The chat panel's public API (owned by the chat view); only what sending a selection needs. */
export interface ChatPort {
  /** Reveals the chat and sends the text (with the code, when given) as a user message of the current conversation. */
  sendPrompt(input: { text: string; selection?: SelectionContext; origin?: string }): Promise<void>;
  /** The model the next message goes to. */
  currentModel(): string | undefined;
  /** The conversation the next message joins, as it will be sent (so the estimate counts it too). */
  history(): ChatMessage[];
  /** Starts a conversation holding this exchange (the compare view's "Continue in chat"). */
  importExchange(prompt: string, answer: string, model: string, meta?: AssistantMeta): Promise<void>;
}

/** What the selection commands need. */
interface SelectionDeps {
  chat(): Promise<ChatPort>;
  settings(): Settings;
  /** The estimate for sending `messages` (history included) to `model` or the default one. */
  estimate(model: string | undefined, messages: ChatMessage[]): Promise<SendEstimate | undefined>;
}

const COMMANDS: [string, SelectionAction][] = [
  ['switchboard.askSelection', 'ask'],
  ['switchboard.explainSelection', 'explain'],
  ['switchboard.findBugs', 'findBugs'],
  ['switchboard.writeTests', 'writeTests'],
  ['switchboard.refactorSelection', 'refactor'],
];

/** Registers the five selection commands. */
export function registerSelectionCommands(deps: SelectionDeps): vscode.Disposable[] {
  return COMMANDS.map(([id, action]) => vscode.commands.registerCommand(id, () => runSelectionAction(deps, action)));
}

/** The selection of the active editor with its location, or undefined (after telling the user). */
export function currentSelection(): SelectionContext | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Open a file and select some code first.');
    return undefined;
  }
  const sel = editor.selection;
  const range = sel.isEmpty ? editor.document.lineAt(sel.active.line).range : new vscode.Range(sel.start, sel.end);
  const text = editor.document.getText(range);
  if (!text.trim()) {
    void vscode.window.showInformationMessage('Select some code first.');
    return undefined;
  }
  // A selection ending at column 0 of a line does not include that line.
  const endLine = range.end.character === 0 && range.end.line > range.start.line ? range.end.line : range.end.line + 1;
  return {
    text,
    languageId: editor.document.languageId,
    path: vscode.workspace.asRelativePath(editor.document.uri, false),
    startLine: range.start.line + 1,
    endLine,
  };
}

async function runSelectionAction(deps: SelectionDeps, action: SelectionAction): Promise<boolean> {
  const ctx = currentSelection();
  if (!ctx) return false;
  if (ctx.text.length > MAX_SELECTION_CHARS) {
    void vscode.window.showWarningMessage(
      `The selection is ${ctx.text.length.toLocaleString('en-US')} characters; Switchboard sends at most ${MAX_SELECTION_CHARS.toLocaleString('en-US')}. Select a smaller part.`,
    );
    return false;
  }
  const prompt = await promptFor(deps, action, ctx);
  if (prompt === undefined) return false;
  const chat = await deps.chat();
  const full = prompt.selection ? buildSelectionPrompt(prompt.text, prompt.selection) : prompt.text;
  if (!(await confirmCost(deps, chat.currentModel(), [...chat.history(), { role: 'user', content: full }]))) return false;
  await chat.sendPrompt({ ...prompt, origin: `selection:${action}` });
  return true;
}

/** The instruction and, unless a template placed the code itself, the selection to attach. */
type SelectionPrompt = { text: string; selection?: SelectionContext };

async function promptFor(deps: SelectionDeps, action: SelectionAction, ctx: SelectionContext): Promise<SelectionPrompt | undefined> {
  if (action === 'explain' || action === 'findBugs' || action === 'writeTests')
    return { text: ACTION_INSTRUCTIONS[action], selection: ctx };
  if (action === 'refactor') {
    const how = await vscode.window.showInputBox({
      title: 'Refactor Selection',
      prompt: 'How should the code change?',
      value: 'Simplify it and improve readability without changing behaviour.',
      ignoreFocusOut: true,
    });
    if (!how?.trim()) return undefined;
    return {
      text: `Refactor this code: ${how.trim()} Reply with the complete new code in one code block, then a short list of what changed.`,
      selection: ctx,
    };
  }
  return askPrompt(deps.settings().promptTemplates, ctx);
}

/** QuickPick: type a question, or pick one of `switchboard.promptTemplates`. */
async function askPrompt(templates: Settings['promptTemplates'], ctx: SelectionContext): Promise<SelectionPrompt | undefined> {
  const qp = vscode.window.createQuickPick<vscode.QuickPickItem & { template?: string }>();
  qp.title = 'Ask About Selection';
  qp.placeholder = templates.length ? 'Type a question, or pick one of your templates' : 'Type a question about the selected code';
  qp.ignoreFocusOut = true;
  const templateItems = templates.map((t) => ({ label: t.title, description: t.id, detail: t.prompt.slice(0, 120), template: t.prompt }));
  qp.items = templateItems;
  qp.onDidChangeValue((v) => {
    // Typed text is offered as its own first row, so Enter sends the question, not a template.
    qp.items = v.trim() ? [{ label: v, description: 'Ask this' }, ...templateItems] : templateItems;
  });
  const chosen = await new Promise<SelectionPrompt | undefined>((resolve) => {
    qp.onDidAccept(() => {
      const item = qp.selectedItems[0];
      if (item?.template !== undefined) {
        const t = applyTemplate(item.template, ctx);
        resolve(t.includesSelection ? { text: t.prompt } : { text: t.filled, selection: ctx });
      } else resolve(qp.value.trim() ? { text: qp.value.trim(), selection: ctx } : undefined);
      qp.hide();
    });
    qp.onDidHide(() => resolve(undefined));
    qp.show();
  });
  qp.dispose();
  return chosen;
}

/** Shows the estimate in a modal when it is above the threshold; true to send. */
async function confirmCost(deps: SelectionDeps, model: string | undefined, messages: ChatMessage[]): Promise<boolean> {
  const threshold = deps.settings().confirmAboveUsd;
  const est = await deps.estimate(model, messages).catch(() => undefined);
  if (!est) return true;
  if (!needsConfirm(est.usd, threshold)) return true;
  const cost = est.usd === undefined ? 'an unknown cost (no price known for this model)' : `up to ${formatUsd(est.usd)}`;
  const ok = await vscode.window.showWarningMessage(
    `Send ${est.inputTokens.toLocaleString('en-US')} tokens to ${est.model}?`,
    {
      modal: true,
      detail: `Estimated ${cost}. ${est.detail}\nThe threshold is set in switchboard.confirmAboveUsd (${formatUsd(threshold)}).`,
    },
    'Send',
  );
  return ok === 'Send';
}
