// `npm start`: build for production, package the .vsix, install it into an isolated code-server
// (a real VS Code 1.139 server), serve the repository folder on 127.0.0.1 and print the URL.
// Ctrl-C stops it, killing its whole process group.
// Options: --port N (default: a free port), --screenshot FILE (load the workbench once in
// headless Chromium and save a picture, e.g. for a README or CI log).
// scripts/demo.ts reuses `launch` with the provider simulators.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { launchBrowser } from '../test/e2e/harness/browser';
import { buildProduction, packageBridge, packageExtension } from '../test/e2e/harness/build';
import { startCodeServer, type CodeServer } from '../test/e2e/harness/code-server';
import { outDir, repoRoot } from '../test/e2e/harness/paths';
import { webviewWith } from '../test/e2e/ui/helpers';

/** What a launch adds on top of the plain extension (the demo's simulators and keys). */
export interface LaunchExtras {
  label: string;
  settings?: Record<string, unknown>;
  env?: Record<string, string>;
  /** Extra .vsix files (the demo's test bridge). */
  vsix?: string[];
  /** Called once the server is up; may return a cleanup. */
  started?: (server: CodeServer) => Promise<void> | void;
  /** With --screenshot: a question typed into the chat before the picture is taken. */
  screenshotQuestion?: string;
  /** Cleanup for whatever the caller started (simulators). */
  stop?: () => Promise<void>;
}

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

function say(msg: string): void {
  console.log(`[${path.basename(process.argv[1] ?? 'start', '.ts')}] ${msg}`);
}

/**
 * Loads the workbench once in headless Chromium, waits for the chat view, optionally asks it a
 * question (the demo, whose simulators answer), and saves a screenshot.
 */
async function screenshotWorkbench(server: CodeServer, runDir: string, file: string, ask?: string): Promise<void> {
  const browser = await launchBrowser(path.join(runDir, 'screenshot'));
  try {
    const page = browser.page;
    await page.goto(`${server.url}/?folder=${encodeURIComponent(repoRoot)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.activitybar .action-item a[aria-label^="Switchboard"]').first().click({ timeout: 30_000 });
    const chat = await webviewWith(page, '[data-testid=prompt]', 60_000).catch(() => undefined);
    if (chat && ask) {
      await chat.locator('[data-testid=prompt]').fill(ask);
      await chat.locator('[data-testid=send]').click();
      await chat
        .locator('[data-testid=message][data-role=assistant] [data-testid=footer]')
        .first()
        .waitFor({ timeout: 30_000 })
        .catch(() => say('no answer within 30 s (see the screenshot)'));
    }
    await page.waitForTimeout(1_000);
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    await page.screenshot({ path: file });
    say(`screenshot saved to ${file}`);
  } finally {
    await browser.close();
  }
}

/** Builds, packages, provisions, starts code-server and waits for Ctrl-C. */
export async function launch(extras: LaunchExtras): Promise<void> {
  say('building (production)…');
  await buildProduction();
  say('packaging the .vsix…');
  const vsix = await packageExtension();
  say('checking the provisioned code-server (first run installs it: several minutes)…');
  execFileSync('bash', [path.join(repoRoot, 'scripts/provision.sh')], { stdio: ['ignore', 'inherit', 'inherit'] });

  // A stable folder per mode, so settings and installed state survive restarts.
  const runDir = path.join(outDir, extras.label);
  fs.mkdirSync(runDir, { recursive: true });
  const port = option('--port') ? Number(option('--port')) : undefined;
  const server = await startCodeServer({
    runDir,
    folder: repoRoot,
    port,
    vsix: [vsix, ...(extras.vsix ?? [])],
    settings: extras.settings,
    env: extras.env,
  });

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('stopping…');
    await server.stop();
    await extras.stop?.();
    process.exit(code);
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, () => void stop(0));

  await extras.started?.(server);
  const screenshot = option('--screenshot');
  if (screenshot) await screenshotWorkbench(server, runDir, screenshot, extras.screenshotQuestion);
  say(`Switchboard is running in VS Code (code-server) at:\n\n    ${server.url}/?folder=${encodeURIComponent(repoRoot)}\n`);
  say(`logs: ${path.relative(repoRoot, server.logFile)} · press Ctrl-C to stop`);
  // Keep the process alive; if code-server dies on its own, say so and exit non-zero.
  const timer = setInterval(() => {
    try {
      process.kill(-server.pgid, 0);
    } catch {
      say('code-server exited unexpectedly; see the log above');
      void stop(1);
    }
  }, 1_000);
  timer.ref();
}

/** Packages the bridge for the demo; exported so demo.ts needs no second build path. */
export { packageBridge };

if (require.main === module) {
  launch({ label: 'start' }).catch((e: unknown) => {
    console.error(`[start] ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
