// Where the extension keeps its ledger on this machine, so the headless gateway adds to the same
// spend: VS Code's user data folder, then User/globalStorage/<extension id>/ledger.
import * as os from 'node:os';
import * as path from 'node:path';

/** The extension's id as VS Code names its storage folder (publisher.name, lower-case). */
const EXTENSION_STORAGE_ID = 'switchboard-dev.switchboard';

/**
 * VS Code's per-user data folder: `%APPDATA%\Code` on Windows, `~/Library/Application Support/Code`
 * on macOS, `$XDG_CONFIG_HOME/Code` (default `~/.config/Code`) elsewhere; `VSCODE_APPDATA`
 * replaces the platform folder, as it does for VS Code itself.
 */
function vscodeUserDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home = os.homedir(),
): string {
  const appData =
    env.VSCODE_APPDATA ??
    (platform === 'win32'
      ? (env.APPDATA ?? path.join(home, 'AppData', 'Roaming'))
      : platform === 'darwin'
        ? path.join(home, 'Library', 'Application Support')
        : (env.XDG_CONFIG_HOME ?? path.join(home, '.config')));
  return path.join(appData, 'Code');
}

/** The ledger folder the extension uses (globalStorageUri/ledger). */
export function defaultLedgerDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home = os.homedir(),
): string {
  return path.join(vscodeUserDataDir(env, platform, home), 'User', 'globalStorage', EXTENSION_STORAGE_ID, 'ledger');
}
