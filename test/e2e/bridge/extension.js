// Test-only bridge: a command palette cannot pass arguments, so UI tests and the demo drop
// request files into SWITCHBOARD_E2E_BRIDGE_DIR and this extension runs them through
// vscode.commands.executeCommand (e.g. switchboard.test.setSecret(providerId, key)), writing
// the result next to the request. Secrets in code-server live in the browser, so requests are
// executed by the extension host of the window that is connected.
'use strict';
const vscode = require('vscode');
const fs = require('fs');
const path = require('path');

/** Runs one {command, args} request, activating Switchboard first so its commands exist. */
async function execute(req) {
  const ext = vscode.extensions.getExtension('switchboard-dev.switchboard');
  if (ext && !ext.isActive) await ext.activate();
  return vscode.commands.executeCommand(req.command, ...(req.args || []));
}

/** Claims request-*.json files by renaming them, so each runs once. */
async function poll(dir) {
  let names = [];
  try {
    names = fs.readdirSync(dir).filter((n) => /^request-[\w-]+\.json$/.test(n));
  } catch {
    return;
  }
  for (const name of names) {
    const id = name.slice('request-'.length, -'.json'.length);
    const claimed = path.join(dir, `claimed-${id}.json`);
    try {
      fs.renameSync(path.join(dir, name), claimed);
    } catch {
      continue; // another extension host took it
    }
    let response;
    try {
      const result = await execute(JSON.parse(fs.readFileSync(claimed, 'utf8')));
      response = { ok: true, result: result === undefined ? null : result };
    } catch (e) {
      response = { ok: false, error: String((e && e.message) || e) };
    }
    const tmp = path.join(dir, `response-${id}.tmp`);
    fs.writeFileSync(tmp, JSON.stringify(response));
    fs.renameSync(tmp, path.join(dir, `response-${id}.json`));
  }
}

/** Runs startup.json once per window (demo secrets), then polls for requests. */
async function activate(context) {
  const dir = process.env.SWITCHBOARD_E2E_BRIDGE_DIR;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  const startup = path.join(dir, 'startup.json');
  if (fs.existsSync(startup)) {
    for (const req of JSON.parse(fs.readFileSync(startup, 'utf8'))) {
      try {
        await execute(req);
      } catch (e) {
        console.error(`[switchboard-e2e-bridge] startup ${req.command} failed: ${e && e.message}`);
      }
    }
  }
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    poll(dir).finally(() => (busy = false));
  }, 100);
  context.subscriptions.push({ dispose: () => clearInterval(timer) });
}

function deactivate() {}

module.exports = { activate, deactivate };
