// Packages the product .vsix (no errors or warnings tolerated) and the test-only bridge .vsix.
// Run after the production build: tsx scripts/e2e-package.ts
import * as path from 'node:path';
import { packageBridge, packageExtension } from '../test/e2e/harness/build';
import { repoRoot } from '../test/e2e/harness/paths';

async function main(): Promise<void> {
  const vsix = await packageExtension();
  console.log(`[package] ${path.relative(repoRoot, vsix)}`);
  const bridge = await packageBridge();
  console.log(`[package] ${path.relative(repoRoot, bridge)} (test only)`);
}

main().catch((e: unknown) => {
  console.error(`[package] ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
