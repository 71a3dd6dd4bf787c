// Test entry loaded by the extension host (code-server through the smoke-test driver, or VS Code
// desktop through @vscode/test-electron): the standard `run()` contract. Reports through
// console.log because the extension host's stdout is not forwarded, while its console is.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type MochaType from 'mocha';

/** Marker the runners look for to count results (see scripts/e2e-exthost.ts). */
export const SUMMARY_PREFIX = '[exthost-summary]';

/** A mocha reporter that logs one line per test, then a parseable summary. */
function consoleReporter(this: unknown, runner: MochaType.Runner): void {
  const counts = { passed: 0, failed: 0, pending: 0 };
  runner.on('pass', (t) => {
    counts.passed++;
    console.log(`[exthost] ✓ ${t.fullTitle()}`);
  });
  runner.on('fail', (t, err: Error) => {
    counts.failed++;
    console.log(`[exthost] ✗ ${t.fullTitle()}: ${err.stack ?? err.message}`);
  });
  runner.on('pending', (t) => {
    counts.pending++;
    console.log(`[exthost] - ${t.fullTitle()} (pending)`);
  });
  runner.once('end', () => console.log(`${SUMMARY_PREFIX} passed=${counts.passed} failed=${counts.failed} pending=${counts.pending}`));
}

/** Runs every compiled *.test.js next to this file; rejects when any test fails. */
export async function run(): Promise<void> {
  // Resolved at run time from the extension development folder's node_modules.
  const Mocha = require('mocha') as typeof MochaType;
  const mocha = new Mocha({
    ui: 'bdd',
    timeout: 30_000,
    color: false,
    reporter: consoleReporter as unknown as MochaType.ReporterConstructor,
  });
  const grep = process.env.SWITCHBOARD_E2E_GREP;
  if (grep) mocha.grep(grep);
  for (const f of fs
    .readdirSync(__dirname)
    .filter((n) => n.endsWith('.test.js'))
    .sort())
    mocha.addFile(path.join(__dirname, f));
  await new Promise<void>((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} extension-host test(s) failed`)) : resolve()));
  });
}
