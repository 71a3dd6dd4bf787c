// "Export Spend as CSV": every ledger record (and compacted month) to a file the user picks.
import * as os from 'node:os';
import * as vscode from 'vscode';

/** Asks for a file and writes the CSV; returns the URI written, if any. */
export async function exportSpendCsv(csv: () => string, log: { info(m: string): void }): Promise<vscode.Uri | undefined> {
  const today = new Date();
  const stamp = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
  const base = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
  const target = await vscode.window.showSaveDialog({
    title: 'Export Switchboard spend',
    defaultUri: vscode.Uri.joinPath(base, `switchboard-spend-${stamp}.csv`),
    filters: { CSV: ['csv'] },
    saveLabel: 'Export',
  });
  if (!target) return undefined;
  const text = csv();
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  const rows = Math.max(0, text.split('\n').filter((l) => l.trim()).length - 1);
  log.info(`Exported ${rows} spend rows to ${target.fsPath}.`);
  void vscode.window.showInformationMessage(`Exported ${rows} spend row${rows === 1 ? '' : 's'}.`, 'Open').then((c) => {
    if (c) void vscode.commands.executeCommand('vscode.open', target);
  });
  return target;
}
