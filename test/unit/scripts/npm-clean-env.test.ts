// Provisioning runs a nested `npm install` that must see the Node it is given (24 for
// code-server), even when provisioning itself was started by `npm start`, `npm test` or
// `npm run bench` under another Node. code-server's postinstall reads the Node version from
// npm_config_user_agent, which an outer `npm run` exports and a nested npm would keep.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const script = path.resolve(__dirname, '../../../scripts/npm-clean-env.sh');

/** A package whose install script reports what a postinstall such as code-server's sees. */
function reportingPackage(): { dir: string; report: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-clean-env-'));
  const report = path.join(dir, 'report.txt');
  const cmd = `printf '%s\\n%s\\n%s\\n' "$npm_config_user_agent" "$(node --version)" "$PATH" > report.txt`;
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'probe', version: '1.0.0', private: true, scripts: { install: cmd } }),
  );
  return { dir, report };
}

/** The environment an outer `npm run` under another Node gives its scripts. */
function outerNpmRunEnv(dir: string): NodeJS.ProcessEnv {
  const fakeBin = path.join(dir, 'outer', 'node_modules', '.bin');
  fs.mkdirSync(fakeBin, { recursive: true });
  return {
    ...process.env,
    npm_config_user_agent: 'npm/11.0.0 node/v99.1.0 linux x64 workspaces/false',
    npm_config_local_prefix: path.join(dir, 'outer'),
    npm_lifecycle_event: 'start',
    npm_package_name: 'outer',
    NODE: '/nonexistent/node99',
    PATH: `${fakeBin}:${process.env.PATH}`,
  };
}

describe('npm-clean-env.sh (provisioning under npm run)', function () {
  this.timeout(60_000);

  it("gives a nested npm install the Node that runs it, not the outer npm run's", () => {
    const { dir, report } = reportingPackage();
    try {
      execFileSync(script, ['npm', 'install', '--no-audit', '--no-fund', '--offline', '--loglevel=error'], {
        cwd: dir,
        env: outerNpmRunEnv(dir),
        stdio: 'pipe',
      });
      const [agent, nodeVersion, seenPath] = fs.readFileSync(report, 'utf8').split('\n');
      assert.equal(nodeVersion, process.version);
      assert.match(agent, new RegExp(`node/${process.version.replace(/\./g, '\\.')} `), `user agent: ${agent}`);
      assert.doesNotMatch(agent, /v99/);
      assert.ok(!seenPath.split(':').some((d) => d.startsWith(path.join(dir, 'outer'))), 'the outer node_modules/.bin must not be on PATH');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("keeps the user's own npm settings and applies the overrides given to it", () => {
    const out = execFileSync(script, ['npm_config_nodedir=/opt/headers', 'printenv', 'npm_config_cache', 'npm_config_nodedir'], {
      env: { ...process.env, npm_config_cache: '/tmp/my-cache', npm_config_user_agent: 'npm/1 node/v99.0.0' },
      encoding: 'utf8',
    });
    assert.deepEqual(out.trim().split('\n'), ['/tmp/my-cache', '/opt/headers']);
  });
});
