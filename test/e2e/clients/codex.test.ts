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

/** Codex's config for Switchboard, as the README shows it. */
function codexConfig(gatewayUrl: string): string {
  return [
    `model = "anthropic:${SCRIPTED_MODEL}"`,
    'model_provider = "switchboard"',
    '',
    '[model_providers.switchboard]',
    'name = "Switchboard"',
    `base_url = "${gatewayUrl}/v1"`,
    'env_key = "SWITCHBOARD_GATEWAY_TOKEN"',
    'wire_api = "responses"',
    '',
  ].join('\n');
}

/** Why the gateway cannot serve Codex yet, or undefined when it serves `POST /v1/responses`. */
async function responsesMissing(gatewayUrl: string): Promise<string | undefined> {
  const r = await fetch(`${gatewayUrl}/v1/responses`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: `anthropic:${SCRIPTED_MODEL}-probe`, input: 'probe' }),
  });
  await r.body?.cancel();
  return r.status === 404 ? `the gateway answers 404 to POST /v1/responses, which Codex CLI needs (it speaks nothing else)` : undefined;
}

interface AnthropicTurn {
  role: string;
  content: string | { type: string; tool_use_id?: string; content?: unknown }[];
}

describe('Codex CLI through the gateway, served by Anthropic', function () {
  this.timeout(180_000);
  let stack: ClientStack | undefined;

  before(async function () {
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
    const missing = await responsesMissing(stack.gw.url);
    if (missing) {
      // Skipped, never passed: the reason is printed and mocha lists the test as pending.
      console.log(`      SKIPPED: ${missing}`);
      this.skip();
    }
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
    assert.ok(run.stdout.includes(ANSWER), diag());
    assert.equal(calls.length, 2, diag());
    assert.equal(calls[0].headers['x-api-key'], ANTHROPIC_KEY);
    const lastTurn = (calls[1].body as { messages: AnthropicTurn[] }).messages.at(-1)!;
    const result = Array.isArray(lastTurn.content) ? lastTurn.content.find((b) => b.type === 'tool_result') : undefined;
    assert.equal(result?.tool_use_id, 'toolu_sim_client_1', diag());
    // Codex ran `cat` (the file's text comes back) or its sandbox refused it (an error comes back): either is a round trip.
    console.log(`      tool result: ${JSON.stringify(result.content).slice(0, 200)}`);
    assert.ok(JSON.stringify(result.content).length > 2, 'the tool result is not empty');

    assertGatewayRecords(stack!, { count: 2, client: 'codex_exec', provider: 'anthropic' });
    assertStayedLocal(stack!, [ANTHROPIC_KEY, TOKEN]);
  });
});
