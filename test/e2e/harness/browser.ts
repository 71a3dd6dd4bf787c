// Debian Chromium driven by playwright-core, with a fresh profile inside the run folder.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { chromiumPath, isolatedEnv } from './paths';

/** Flags measured to work headless on a CI machine without a GPU or internet. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * Chromium creates its singleton socket under TMPDIR and a unix socket path is limited to 108
 * bytes; a deep checkout can exceed that. The files stay in the run folder: only a short
 * symlink to it is made in /tmp (removed on close), and the socket path goes through it.
 */
function shortTmp(tmp: string): string {
  if (tmp.length <= 48) return tmp;
  // Not os.tmpdir(): under the e2e guard that is itself a deep run folder.
  const link = path.join('/tmp', `sb-e2e-${path.basename(path.dirname(tmp))}`);
  fs.rmSync(link, { force: true });
  fs.symlinkSync(tmp, link);
  return link;
}

/** A browser window with the page console collected for diagnostics. */
export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Page console lines so far (the extension host's console output shows up here too). */
  consoleLines: string[];
  close(): Promise<void>;
}

/** Launches Chromium with a persistent profile under `runDir/chromium-profile`. */
export async function launchBrowser(runDir: string, opts: { headless?: boolean } = {}): Promise<BrowserSession> {
  if (!fs.existsSync(chromiumPath)) throw new Error(`${chromiumPath} is missing: run \`bash scripts/provision.sh\` first`);
  const profile = path.join(runDir, 'chromium-profile');
  const env = isolatedEnv(runDir) as Record<string, string>;
  const runTmp = env.TMPDIR;
  env.TMPDIR = shortTmp(runTmp);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: opts.headless ?? true,
    args: chromiumArgs,
    env,
    viewport: { width: 1400, height: 900 },
    timeout: 60_000,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleLines: string[] = [];
  page.on('console', (m) => consoleLines.push(`[${m.type()}] ${m.text()}`));
  page.on('pageerror', (e) => consoleLines.push(`[pageerror] ${e.message}`));
  return {
    context,
    page,
    consoleLines,
    async close() {
      await context.close().catch(() => undefined);
      if (env.TMPDIR !== runTmp) fs.rmSync(env.TMPDIR, { force: true });
    },
  };
}
