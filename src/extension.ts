// Entry point. Kept tiny: activation must stay cheap, the core loads on first use.
import * as vscode from 'vscode';

/** Called by VS Code when an activation event fires. */
export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('switchboard.hello', () => {
      const version = (context.extension.packageJSON as { version?: string }).version ?? '?';
      void vscode.window.showInformationMessage(`Switchboard ${version} is running.`);
      return version;
    }),
  );
}

/** Nothing to clean up beyond context.subscriptions. */
export function deactivate(): void {}
