// The README's first command, as a user runs it: `npm start` from the repository, in its own
// process group as a terminal would run it. It must print a URL that serves the workbench with
// Switchboard in it, and Ctrl-C (SIGINT to the group) must leave no process behind.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { launchBrowser, type BrowserSession } from '../harness/browser';
import { outDir, repoRoot } from '../harness/paths';
import { spawnGroup, type GroupProcess } from '../harness/process-group';

/** Every live process below `root`, found through the parent ids in /proc. */
function descendants(root: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name may hold spaces and parentheses: the ppid follows the last ')'.
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parentOf.set(Number(entry), Number(fields[1]));
    } catch {
      /* exited while we looked */
    }
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length) {
    const p = queue.shift()!;
    for (const [pid, ppid] of parentOf) if (ppid === p) (found.push(pid), queue.push(pid));
  }
  return found;
}

/** A zombie has exited; only its parent has not reaped it yet. */
const alive = (pid: number): boolean => {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
};

/** Resolves with the first stdout match of `re`, or rejects with the output so far. */
function waitForLine(proc: GroupProcess, re: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no match for ${re} within ${timeoutMs} ms; output:\n${out.slice(-3000)}`)), timeoutMs);
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = out.match(re);
      if (m) (clearTimeout(timer), resolve(m));
    };
    proc.child.stdout!.on('data', onData);
    proc.child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
    void proc.exited.then(
      (code) => (clearTimeout(timer), reject(new Error(`npm start exited (${code}) before printing a URL; output:\n${out.slice(-3000)}`))),
    );
  });
}

describe('npm start (the README command)', function () {
  this.timeout(240_000);
  let proc: GroupProcess | undefined;
  let browser: BrowserSession | undefined;

  after(async () => {
    await browser?.close();
    if (proc && alive(proc.pgid)) process.kill(-proc.pgid, 'SIGKILL');
  });

  it('prints a URL that serves the workbench with Switchboard, and Ctrl-C leaves no process', async () => {
    proc = spawnGroup('npm', ['start'], { cwd: repoRoot, env: { ...process.env } });
    const [url] = await waitForLine(proc, /http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+/, 180_000);

    browser = await launchBrowser(path.join(outDir, 'npm-start-smoke'));
    const page = browser.page;
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.activitybar .action-item a[aria-label^="Switchboard"]').first().waitFor({ state: 'visible', timeout: 30_000 });
    const items = page.locator('#workbench\\.parts\\.statusbar .statusbar-item');
    await items
      .filter({ has: page.locator('[aria-label*="Switchboard" i], .codicon-credit-card') })
      .first()
      .waitFor({ state: 'visible', timeout: 30_000 });
    await items
      .filter({ has: page.locator('.codicon-pulse') })
      .first()
      .waitFor({ state: 'visible', timeout: 30_000 });
    await browser.close();
    browser = undefined;

    const before = [proc.pgid, ...descendants(proc.pgid)];
    assert.ok(before.length > 2, `npm start should have children (code-server): ${before.join(' ')}`);
    process.kill(-proc.pgid, 'SIGINT');
    const code = await Promise.race([proc.exited, new Promise((r) => setTimeout(() => r('timeout'), 30_000))]);
    assert.notEqual(code, 'timeout', 'npm start did not exit within 30 s of SIGINT');
    // Give the group's last members a moment to go after their leader.
    const deadline = Date.now() + 10_000;
    while (before.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const left = before.filter(alive);
    assert.deepEqual(left, [], `processes left after Ctrl-C: ${left.map((p) => `${p} ${safeCmd(p)}`).join('; ')}`);
  });
});

function safeCmd(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').slice(0, 120);
  } catch {
    return '?';
  }
}
