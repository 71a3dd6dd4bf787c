// The real Claude Code (`claude -p`) through the headless gateway's Anthropic Messages endpoint,
// answered by a host of another family (the Gemini simulator). The host first asks for Claude
// Code's own Read tool on a file only this run knows; Claude Code must run it and send the file's
// text back, then print the host's final answer. Spend lands in the ledger as `gateway`/`claude-cli`.
import * as assert from 'node:assert/strict';
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
import { SCRIPTED_MODEL, scriptedGemini } from './scripted-hosts';

const TOKEN = 'sb-gw-claude-code-test-0123456789';
const GEMINI_KEY = 'gm-claude-code-test-0123456789';
const ANSWER = 'The note says the kettle is on.';

interface GeminiTurn {
  parts: { functionResponse?: { name: string; response: unknown } }[];
}

describe('Claude Code through the gateway, served by Gemini', function () {
  this.timeout(180_000);
  let stack: ClientStack | undefined;

  before(async () => {
    assertClientProvisioned(CLIENT_BINARIES.claude);
    stack = await startClientStack(
      'claude',
      (workDir) => ({
        router: scriptedGemini({ tool: 'Read', args: { file_path: path.join(workDir, NOTE.name) }, answer: ANSWER }),
        provider: 'gemini',
        basePath: '/v1beta',
        keyVar: 'GEMINI_API_KEY',
        key: GEMINI_KEY,
      }),
      TOKEN,
    );
  });
  after(() => stack?.close());

  it('prints the host answer after running the Read tool the host asked for', async () => {
    const { sim, gw, proxy, workDir } = stack!;
    const env = clientEnv(path.join(stack!.runDir, 'client'), proxy.url, {
      ANTHROPIC_BASE_URL: gw.url,
      ANTHROPIC_AUTH_TOKEN: TOKEN,
      DISABLE_TELEMETRY: '1',
      DISABLE_AUTOUPDATER: '1',
      DISABLE_ERROR_REPORTING: '1',
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    });
    const run = await runClient(CLIENT_BINARIES.claude, ['-p', `What does ${NOTE.name} say?`, '--model', `gemini:${SCRIPTED_MODEL}`], {
      cwd: workDir,
      env,
      timeoutMs: 120_000,
    });
    const streams = sim.requests.filter((r) => r.path.endsWith(`/models/${SCRIPTED_MODEL}:streamGenerateContent`));
    const diag = () => stack!.diagnose(run);
    console.log(`      claude -p: exit ${run.code} in ${run.ms} ms, ${streams.length} host requests`);

    assert.equal(run.code, 0, diag());
    assert.equal(run.stdout.trim(), ANSWER, diag());
    assert.equal(streams.length, 2, diag());
    assert.equal(streams[0].headers['x-goog-api-key'], GEMINI_KEY);
    const lastTurn = (streams[1].body as { contents: GeminiTurn[] }).contents.at(-1)!;
    const result = lastTurn.parts.find((p) => p.functionResponse)?.functionResponse;
    assert.equal(result?.name, 'Read', diag());
    assert.ok(
      JSON.stringify(result.response).includes(NOTE.marker),
      `the tool result carries the file Claude Code read: ${JSON.stringify(result)}`,
    );

    assertGatewayRecords(stack!, { count: 2, client: 'claude-cli', provider: 'gemini' });
    assertStayedLocal(stack!, [GEMINI_KEY, TOKEN]);
  });
});
