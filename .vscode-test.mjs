// Desktop path for the extension-host tests: `npm run test:desktop` downloads VS Code through
// @vscode/test-electron and runs the same compiled tests as the code-server layer
// (scripts/e2e-exthost.ts). It needs internet access to download VS Code, so CI here uses the
// code-server path; keep both working.
import { defineConfig } from '@vscode/test-cli';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// A scratch workspace: the configuration tests write workspace-level settings.
const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-desktop-'));
fs.writeFileSync(path.join(workspace, 'sample.ts'), 'export const answer = 42;\n');

export default defineConfig({
  label: 'exthost',
  files: 'out/e2e/exthost/*.test.js',
  version: 'stable',
  workspaceFolder: workspace,
  env: { SWITCHBOARD_E2E: '1' },
  launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  mocha: { ui: 'bdd', timeout: 30000 },
});
