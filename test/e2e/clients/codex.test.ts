// The real Codex CLI (`codex exec`) through the headless gateway's Responses endpoint, configured
// by a `model_providers` entry in a throwaway CODEX_HOME, answered by a host of another family
// (the Anthropic simulator). The host first asks for Codex's own `exec_command` tool to read a
// file of this run; Codex runs it (or its sandbox refuses), and the next host request must carry
// that result. Spend lands in the ledger as `gateway`/`codex_exec`.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  assertClientProvisioned,
  CLIENT_BINARIES,
  clientEnv,
  assertGatewayRecords,
  assertStayedLocal,
  NOTE,
  runClient,
  startClientStack,
  type ClientStack,
} from './harness';
import { SCRIPTED_MODEL, scriptedAnthropic } from './scripted-hosts';

const TOKEN = 'sb-gw-codex-test-0123456789';
const ANTHROPIC_KEY = 'sk-ant-codex-test-0123456789';
const ANSWER = 'The note says the kettle is on.';

/** Codex's config for Switchboard, plus what keeps Codex itself off the network. */
function codexConfig(gatewayUrl: string): string {
  return [
    `model = "anthropic:${SCRIPTED_MODEL}"`,
    'model_provider = "switchboard"',
    'check_for_update_on_startup = false',
    '',
    '[analytics]',
    'enabled = false',
    '',
    '[features]',
    'plugins = false',
    'remote_plugin = false',
    'apps = false',
    '',
    '[model_providers.switchboard]',
    'name = "Switchboard"',
    `base_url = "${gatewayUrl}/v1"`,
    'env_key = "SWITCHBOARD_GATEWAY_TOKEN"',
    'wire_api = "responses"',
    '',
  ].join('\n');
}

interface AnthropicTurn {
  role: string;
  content: string | { type: string; tool_use_id?: string; content?: unknown }[];
}

describe('Codex CLI through the gateway, served by Anthropic', function () {
  this.timeout(180_000);
  let stack: ClientStack | undefined;

  before(async () => {
    assertClientProvisioned(CLIENT_BINARIES.codex);
    stack = await startClientStack(
      'codex',
      () => ({
        router: scriptedAnthropic({ tool: 'exec_command', args: { cmd: `cat ${NOTE.name}` }, answer: ANSWER }),
        provider: 'anthropic',
        basePath: '/v1',
        keyVar: 'ANTHROPIC_API_KEY',
        key: ANTHROPIC_KEY,
      }),
      TOKEN,
    );
  });
  after(() => stack?.close());

  it('prints the host answer after a scripted exec_command round trip', async () => {
    const { sim, gw, proxy, workDir, runDir } = stack!;
    const codexHome = path.join(runDir, 'client', 'home', '.codex');
    fs.mkdirSync(codexHome, { recursive: true });
    fs.writeFileSync(path.join(codexHome, 'config.toml'), codexConfig(gw.url));
    const env = clientEnv(path.join(runDir, 'client'), proxy.url, { CODEX_HOME: codexHome, SWITCHBOARD_GATEWAY_TOKEN: TOKEN });
    const run = await runClient(CLIENT_BINARIES.codex, ['exec', '--skip-git-repo-check', `What does ${NOTE.name} say?`], {
      cwd: workDir,
      env,
      timeoutMs: 120_000,
    });
    const calls = sim.requests.filter((r) => r.method === 'POST' && (r.body as { model?: string } | undefined)?.model === SCRIPTED_MODEL);
    const diag = () => stack!.diagnose(run);
    console.log(`      codex exec: exit ${run.code} in ${run.ms} ms, ${calls.length} host requests`);

    assert.equal(run.code, 0, diag());
    assert.equal(run.stdout.trim(), ANSWER, diag());
    assert.equal(calls.length, 2, diag());
    assert.equal(calls[0].headers['x-api-key'], ANTHROPIC_KEY);
    const lastTurn = (calls[1].body as { messages: AnthropicTurn[] }).messages.at(-1)!;
    const result = Array.isArray(lastTurn.content) ? lastTurn.content.find((b) => b.type === 'tool_result') : undefined;
    assert.equal(result?.tool_use_id, 'toolu_sim_client_1', diag());
    // Codex ran `cat` in its sandbox (the file's text comes back), or a machine where the sandbox
    // cannot start made it fail (the failure comes back): either is a round trip.
    const output = JSON.stringify(result.content);
    console.log(`      tool result: ${output.slice(0, 200)}`);
    assert.match(output, new RegExp(`${NOTE.marker}|exited with code [1-9]|sandbox|denied`, 'i'), diag());

    assertGatewayRecords(stack!, { count: 2, client: 'codex_exec', provider: 'anthropic' });
    assertStayedLocal(stack!, [ANTHROPIC_KEY, TOKEN]);
  });
});
