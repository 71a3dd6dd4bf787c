// The real Claude Code (`claude -p`) through the headless gateway's Anthropic Messages endpoint,
// answered by a host of another family (the Gemini simulator). The host first asks for Claude
// Code's own Read tool on a file only this run knows; Claude Code must run it and send the file's
// text back, then print the host's final answer. Spend lands in the ledger as `gateway`/`claude-cli`.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeRunDir } from '../harness/paths';
import { SimServer } from '../../sim/server';
import {
  assertClientProvisioned,
  CLIENT_BINARIES,
  clientEnv,
  ledgerRecords,
  onlyProviders,
  runClient,
  startGatewayChild,
  startRefusingProxy,
  type GatewayChild,
  type RefusingProxy,
} from './harness';
import { SCRIPTED_MODEL, scriptedGemini } from './scripted-hosts';

const TOKEN = 'sb-gw-claude-code-test-0123456789';
const GEMINI_KEY = 'gm-claude-code-test-0123456789';
const ANSWER = 'The note says the kettle is on.';

describe('Claude Code through the gateway, served by Gemini', function () {
  this.timeout(180_000);
  let sim: SimServer;
  let proxy: RefusingProxy;
  let gw: GatewayChild | undefined;
  let runDir: string;

  before(async () => {
    assertClientProvisioned(CLIENT_BINARIES.claude);
    runDir = makeRunDir('claude');
    fs.mkdirSync(path.join(runDir, 'work'));
    fs.writeFileSync(path.join(runDir, 'work', 'note.txt'), 'kettle-marker-5f3a: the kettle is on\n');
    sim = await SimServer.start(
      scriptedGemini({ tool: 'Read', args: { file_path: path.join(runDir, 'work', 'note.txt') }, answer: ANSWER }),
    );
    proxy = await startRefusingProxy();
    gw = await startGatewayChild(runDir, onlyProviders({ gemini: `${sim.url}/v1beta` }), { GEMINI_API_KEY: GEMINI_KEY }, TOKEN);
  });
  after(async () => {
    await gw?.stop();
    await sim?.close();
    await proxy?.close();
  });

  it('prints the host answer after running the Read tool the host asked for', async () => {
    const env = clientEnv(path.join(runDir, 'client'), proxy.url, {
      ANTHROPIC_BASE_URL: gw!.url,
      ANTHROPIC_AUTH_TOKEN: TOKEN,
      DISABLE_TELEMETRY: '1',
      DISABLE_AUTOUPDATER: '1',
      DISABLE_ERROR_REPORTING: '1',
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    });
    const run = await runClient(CLIENT_BINARIES.claude, ['-p', 'What does note.txt say?', '--model', `gemini:${SCRIPTED_MODEL}`], {
      cwd: path.join(runDir, 'work'),
      env,
      timeoutMs: 120_000,
    });
    const streams = sim.requests.filter((r) => r.path.endsWith(`/models/${SCRIPTED_MODEL}:streamGenerateContent`));
    const diag = () =>
      `exit ${run.code} in ${run.ms} ms\nstdout: ${run.stdout}\nstderr: ${run.stderr}\nhost requests: ${sim.requests
        .map((r) => `${r.method} ${r.path}`)
        .join(', ')}\ngateway log: ${gw!.log()}\noutbound attempts: ${proxy.attempts.join(', ')}`;
    console.log(`      claude -p: exit ${run.code} in ${run.ms} ms, ${streams.length} host requests`);

    assert.equal(run.code, 0, diag());
    assert.equal(run.stdout.trim(), ANSWER, diag());
    assert.equal(streams.length, 2, diag());
    assert.equal(streams[0].headers['x-goog-api-key'], GEMINI_KEY);
    const lastTurn = (
      streams[1].body as { contents: { parts: { functionResponse?: { name: string; response: unknown } }[] }[] }
    ).contents.at(-1)!;
    const result = lastTurn.parts.find((p) => p.functionResponse)?.functionResponse;
    assert.equal(result?.name, 'Read', diag());
    assert.match(JSON.stringify(result.response), /kettle-marker-5f3a/, 'the tool result carries the file Claude Code read');

    const records = ledgerRecords(gw!.ledgerDir);
    assert.equal(records.length, 2, JSON.stringify(records));
    for (const r of records) {
      assert.equal(r.origin, 'gateway');
      assert.equal(r.client, 'claude-cli');
      assert.equal(r.provider, 'gemini');
    }
    assert.deepEqual(proxy.attempts, [], 'Claude Code tried to reach the network');
    assert.ok(!gw!.log().includes(GEMINI_KEY) && !gw!.log().includes(TOKEN), 'no key or token in the gateway log');
  });
});
