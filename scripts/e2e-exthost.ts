// Extension-host test layer: mocha inside code-server's real extension host. code-server has no
// headless test mode, so a workbench is opened in Chromium with the smoke-test driver enabled
// and a `payload` naming the development extension and the tests; the workbench reports the
// tests' exit code through `codeAutomationExit`. Usage: tsx scripts/e2e-exthost.ts [--grep x]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { launchBrowser, type BrowserSession } from '../test/e2e/harness/browser';
import { compileExthostTests, packageLmClient } from '../test/e2e/harness/build';
import { startCodeServer, tail, type CodeServer } from '../test/e2e/harness/code-server';
import { artifactsDir, makeRunDir, repoRoot } from '../test/e2e/harness/paths';

const TIMEOUT_MS = Number(process.env.SWITCHBOARD_EXTHOST_TIMEOUT_MS ?? 180_000);

/** Reads `remoteAuthority` from the workbench HTML (code-server uses `remote`). */
async function remoteAuthority(url: string): Promise<string> {
  const html = await (await fetch(url)).text();
  const m = /data-settings="([^"]*)"/.exec(html);
  const settings = m ? (JSON.parse(m[1].replace(/&quot;/g, '"').replace(/&amp;/g, '&')) as { remoteAuthority?: string }) : {};
  return settings.remoteAuthority ?? 'remote';
}

/** Drops the workbench's log prefix (`[info] %c INFO color: …`) in front of our own lines. */
function cleanLine(line: string): string {
  const at = line.indexOf('[exthost');
  return at >= 0 ? line.slice(at) : line;
}

async function main(): Promise<number> {
  const grepAt = process.argv.indexOf('--grep');
  const testsDir = await compileExthostTests();
  const runDir = makeRunDir('exthost');
  // A scratch workspace, so configuration writes at workspace level never touch the repo.
  const workspace = path.join(runDir, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  fs.writeFileSync(path.join(workspace, 'sample.ts'), 'export const answer = 42;\n');
  const env: Record<string, string> = { SWITCHBOARD_E2E: '1' };
  if (grepAt > 0) env.SWITCHBOARD_E2E_GREP = process.argv[grepAt + 1];
  // The language-model API bench runs inside the test host (see test/bench/lm-api.bench.ts).
  if (process.env.SWITCHBOARD_LM_BENCH) env.SWITCHBOARD_LM_BENCH = process.env.SWITCHBOARD_LM_BENCH;

  let server: CodeServer | undefined;
  let browser: BrowserSession | undefined;
  const timer = setTimeout(() => {
    console.error(`[exthost] TIMEOUT: extension-host tests did not finish within ${TIMEOUT_MS / 1000} s`);
    void Promise.all([browser?.close(), server?.stop()]).finally(() => process.exit(1));
  }, TIMEOUT_MS);
  try {
    // code-server loads one development extension; the second, a consumer of Switchboard's models
    // through vscode.lm (as Cline or Roo would be), is installed like any other extension.
    const lmClient = await packageLmClient();
    server = await startCodeServer({ runDir, folder: workspace, smokeTestDriver: true, env, vsix: [lmClient] });
    browser = await launchBrowser(runDir);
    const authority = await remoteAuthority(server.url);
    const payload = [
      ['extensionDevelopmentPath', `vscode-remote://${authority}${repoRoot}`],
      ['extensionTestsPath', `vscode-remote://${authority}${testsDir}`],
      ['skipWelcome', 'true'],
    ];
    let printed = 0;
    const exit = new Promise<number>((resolve) => {
      void browser!.page.exposeFunction('codeAutomationExit', (code: number) => resolve(Number(code)));
    });
    // Stream the extension host's test lines as they arrive.
    const pump = setInterval(() => {
      const lines = browser!.consoleLines;
      for (; printed < lines.length; printed++) if (lines[printed].includes('[exthost')) console.log(cleanLine(lines[printed]));
    }, 200);
    await browser.page.goto(
      `${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`,
      { timeout: 120_000 },
    );
    const code = await exit;
    clearInterval(pump);
    const lines = browser.consoleLines;
    for (; printed < lines.length; printed++) if (lines[printed].includes('[exthost')) console.log(cleanLine(lines[printed]));
    fs.mkdirSync(artifactsDir, { recursive: true });
    fs.writeFileSync(path.join(artifactsDir, 'exthost-console.log'), lines.join('\n'));
    const summary = lines.find((l) => l.includes('[exthost-summary]'));
    const m = summary && /passed=(\d+) failed=(\d+) pending=(\d+)/.exec(summary);
    if (!m) {
      console.error(
        `[exthost] the tests did not report a summary (exit code ${code}); see artifacts/exthost-console.log\n${tail(server.logFile)}`,
      );
      return code || 1;
    }
    // Same wording as mocha's spec reporter, so scripts/test.sh counts every layer alike.
    console.log(`\n  ${m[1]} passing\n  ${m[2]} failing\n  ${m[3]} pending`);
    return code;
  } finally {
    clearTimeout(timer);
    await browser?.close();
    await server?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`[exthost] ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
