// The editor effects the chat controller asks for, over the VS Code API.
import * as vscode from 'vscode';
import { onOwnLines } from '../../app/chat/insertion';
import type { EditorBridge } from '../../app/chat/chat-controller';
import type { ProposalDiffs } from './apply-diff';

/** Remembers the last text editor: focusing a webview panel clears activeTextEditor. */
export class LastEditorTracker implements vscode.Disposable {
  private last?: vscode.TextEditor;
  private readonly sub: vscode.Disposable;

  constructor() {
    this.last = vscode.window.activeTextEditor;
    this.sub = vscode.window.onDidChangeActiveTextEditor((e) => {
      if (e) this.last = e;
    });
  }

  /** The active editor, else the last one that is still visible. */
  get editor(): vscode.TextEditor | undefined {
    const active = vscode.window.activeTextEditor;
    if (active) return active;
    return vscode.window.visibleTextEditors.find((e) => e === this.last) ?? vscode.window.visibleTextEditors[0];
  }

  /** Stops tracking. */
  dispose(): void {
    this.sub.dispose();
  }
}

/** Builds the EditorBridge. `pickModel` opens the QuickPick picker. */
export function createEditorBridge(editors: LastEditorTracker, proposals: ProposalDiffs, pickModel: () => Promise<void>): EditorBridge {
  const needEditor = () => {
    const e = editors.editor;
    if (!e) void vscode.window.showWarningMessage('Open a file and place the cursor (or select code) first.');
    return e;
  };
  return {
    copy: async (text) => {
      await vscode.env.clipboard.writeText(text);
      void vscode.window.setStatusBarMessage('$(copy) Copied', 1500);
    },
    insertCode: async (code) => {
      const e = needEditor();
      if (!e) return;
      await e.edit((b) => {
        for (const s of e.selections) {
          const line = e.document.lineAt(s.active.line).text;
          b.insert(s.active, onOwnLines(code, line.slice(0, s.active.character), line.slice(s.active.character)));
        }
      });
      await vscode.window.showTextDocument(e.document, e.viewColumn);
    },
    applyCode: async (code) => {
      const e = needEditor();
      if (e) await proposals.propose(e, code);
    },
    openExternal: async (url) => {
      await vscode.env.openExternal(vscode.Uri.parse(url, true));
    },
    setApiKey: async (providerId) => {
      await vscode.commands.executeCommand('switchboard.setApiKey', providerId);
    },
    confirmDelete: async (title) =>
      (await vscode.window.showWarningMessage(`Delete the conversation "${title}"?`, { modal: true }, 'Delete')) === 'Delete',
    askTitle: (current) =>
      Promise.resolve(
        vscode.window.showInputBox({
          title: 'Rename conversation',
          value: current,
          validateInput: (v) => (v.trim() ? undefined : 'A title cannot be empty'),
        }),
      ),
    pickModelQuick: pickModel,
    warn: (message) => void vscode.window.showWarningMessage(message),
  };
}
