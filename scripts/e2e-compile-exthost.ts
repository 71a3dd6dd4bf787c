// Compiles the extension-host tests to out/e2e/exthost (plain CommonJS), for the desktop path
// (`npm run test:desktop` → @vscode/test-cli reads .vscode-test.mjs) and for debugging.
import * as path from 'node:path';
import { compileExthostTests } from '../test/e2e/harness/build';
import { repoRoot } from '../test/e2e/harness/paths';

compileExthostTests().then(
  (dir) => console.log(`[e2e] extension-host tests compiled to ${path.relative(repoRoot, dir)}`),
  (e: unknown) => {
    console.error(`[e2e] ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
