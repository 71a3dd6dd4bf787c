// "Apply to selection": the proposed code is shown as a diff against the file; nothing changes
// until the user accepts. The proposal is a read-only virtual document, so no file is written.
import * as vscode from 'vscode';

const SCHEME = 'switchboard-proposal';

/** Serves proposal documents and applies them on accept. */
export class ProposalDiffs implements vscode.TextDocumentContentProvider {
  private readonly proposals = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private seq = 0;
  readonly onDidChange = this.changed.event;

  /** Registers the virtual document scheme. */
  register(): vscode.Disposable {
    return vscode.Disposable.from(vscode.workspace.registerTextDocumentContentProvider(SCHEME, this), this.changed);
  }

  /** Content of a proposal document. */
  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.proposals.get(uri.toString()) ?? '';
  }

  /** Opens a diff of the selection replaced by `code` and applies it if the user accepts. */
  async propose(editor: vscode.TextEditor, code: string): Promise<boolean> {
    const doc = editor.document;
    const selection = editor.selection;
    const version = doc.version;
    const original = doc.getText();
    const start = doc.offsetAt(selection.start);
    const end = doc.offsetAt(selection.end);
    const proposed = original.slice(0, start) + code + original.slice(end);
    const name = doc.uri.path.split('/').pop() ?? 'file';
    const uri = vscode.Uri.from({ scheme: SCHEME, path: `/${++this.seq}/${name}` });
    this.proposals.set(uri.toString(), proposed);
    try {
      await vscode.commands.executeCommand('vscode.diff', doc.uri, uri, `${name} ↔ Switchboard proposal`, { preview: true });
      const choice = await vscode.window.showInformationMessage(`Apply the proposed change to ${name}?`, 'Accept', 'Discard');
      if (choice !== 'Accept') return false;
      if (doc.version !== version) {
        void vscode.window.showWarningMessage(`${name} changed while the proposal was open; nothing was applied.`);
        return false;
      }
      const edit = new vscode.WorkspaceEdit();
      edit.replace(doc.uri, new vscode.Range(selection.start, selection.end), code);
      const ok = await vscode.workspace.applyEdit(edit);
      if (ok) await closeDiffTabs(uri);
      return ok;
    } finally {
      this.proposals.delete(uri.toString());
    }
  }
}

async function closeDiffTabs(proposal: vscode.Uri): Promise<void> {
  const tabs = vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === proposal.toString());
  if (tabs.length) await vscode.window.tabGroups.close(tabs);
}
