// The gateway in the real workbench: turning the setting on starts it in the extension host, a
// request made with the OpenAI SDK (as a terminal tool would) is answered through the simulators
// and counted in the status bar, a new integrated terminal gets the variables that point
// clients at it, and every protocol's stream arrives whole from the extension host's Node.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import type { GatewayRole } from '../../../src/app/gateway/serve-or-share';
import { DEMO_KEYS, startDemoSims, type DemoSims } from '../../sim/demo-server';
import { bridgeCall, getState, openWorkbench, setSecret, statusBarItem, type Workbench } from './helpers';

interface GatewayState {
  role: GatewayRole;
  token?: string;
}

async function until<T>(get: () => Promise<T>, ok: (v: T) => boolean, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await get();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out; last value ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('gateway in the editor', function () {
  this.timeout(240_000);
  let sims: DemoSims;
  let wb: Workbench;

  before(async function () {
    this.timeout(120_000);
    sims = await startDemoSims();
    wb = await openWorkbench({
      settings: {
        'switchboard.providers': sims.providerSettings(),
        'switchboard.gateway': { enabled: true, port: 0, configureTerminals: true },
      },
    });
    await statusBarItem(wb.page, /today/).waitFor({ timeout: 60_000 });
    await setSecret(wb, 'openai', DEMO_KEYS.openai);
  });

  after(async () => {
    await wb?.close();
    await sims?.close();
  });

  it('starts on the setting, answers the OpenAI SDK and counts the request in the status bar', async () => {
    const gw = await until(
      () => bridgeCall<GatewayState>(wb, 'switchboard.test.gateway'),
      (s) => s.role.kind === 'serving',
      60_000,
    );
    assert.ok(gw.role.kind === 'serving' && gw.token);
    const client = new OpenAI({ baseURL: `${gw.role.url}/v1`, apiKey: gw.token, maxRetries: 0 });
    const answer = await client.chat.completions.create({
      model: 'openai:sim/echo',
      messages: [{ role: 'user', content: 'hello gateway' }],
    });
    assert.ok(answer.choices[0]?.message.content);
    const bar = await until(
      async () => ((await getState(wb)).statusBar as { gateway?: { text: string; tooltip: string } }).gateway,
      (g) => /1 request today/.test(g?.tooltip ?? ''),
      30_000,
    );
    assert.match(bar?.text ?? '', /1/);
  });

  it('gives a new integrated terminal the variables, and a client started in it reaches the gateway', async () => {
    const gw = await bridgeCall<GatewayState>(wb, 'switchboard.test.gateway');
    assert.ok(gw.role.kind === 'serving' && gw.token);
    const url = gw.role.url;
    // The terminal opens in the workspace folder; what it prints lands in files there.
    const envFile = path.join(wb.folder, 'terminal-env.txt');
    const modelsFile = path.join(wb.folder, 'terminal-models.json');
    const fetchModels =
      "fetch(process.env.OPENAI_BASE_URL + '/models', { headers: { authorization: 'Bearer ' + process.env.OPENAI_API_KEY } })" +
      ".then((r) => r.text()).then((t) => require('fs').writeFileSync('terminal-models.json', t))";
    await bridgeCall(wb, 'workbench.action.terminal.new');
    await bridgeCall(wb, 'workbench.action.terminal.sendSequence', [
      {
        text:
          `printf '%s\\n' "$OPENAI_BASE_URL" "$OPENAI_API_KEY" "$ANTHROPIC_BASE_URL" "$ANTHROPIC_AUTH_TOKEN" > terminal-env.tmp && mv terminal-env.tmp terminal-env.txt\r` +
          `node -e "${fetchModels}"\r`,
      },
    ]);
    const lines = await until(
      async () => (fs.existsSync(envFile) ? fs.readFileSync(envFile, 'utf8').split('\n') : []),
      (l) => l.length >= 4,
      60_000,
    );
    assert.deepEqual(lines.slice(0, 4), [`${url}/v1`, gw.token, url, gw.token]);
    const models = await until(
      async () => (fs.existsSync(modelsFile) ? fs.readFileSync(modelsFile, 'utf8') : ''),
      (t) => t.length > 0,
      60_000,
    );
    const list = JSON.parse(models) as { object: string; data: { id: string }[] };
    assert.equal(list.object, 'list');
    assert.ok(list.data.length > 0, models);
  });

  // The extension host runs a newer Node than the tests: there, ending a corked response dropped
  // what the last tick had written, so streams lost their closing events.
  it('streams each protocol to its last event from the extension host', async () => {
    const gw = await bridgeCall<GatewayState>(wb, 'switchboard.test.gateway');
    assert.ok(gw.role.kind === 'serving' && gw.token);
    const model = 'openai:sim/echo';
    const prompt = [{ role: 'user' as const, content: 'stream to the end' }];
    const anthropic = new Anthropic({ baseURL: gw.role.url, apiKey: gw.token, maxRetries: 0 });
    const message = await anthropic.messages.stream({ model, max_tokens: 100, messages: prompt }).finalMessage();
    assert.equal(message.stop_reason, 'end_turn');
    assert.ok(message.content[0]?.type === 'text' && message.content[0].text.length > 0);
    const openai = new OpenAI({ baseURL: `${gw.role.url}/v1`, apiKey: gw.token, maxRetries: 0 });
    const response = await openai.responses.stream({ model, input: 'stream to the end' }).finalResponse();
    assert.equal(response.status, 'completed');
    assert.ok(response.output_text.length > 0);
    const chunks: string[] = [];
    for await (const c of await openai.chat.completions.create({ model, messages: prompt, stream: true })) {
      if (c.choices[0]?.finish_reason) chunks.push(c.choices[0].finish_reason);
    }
    assert.deepEqual(chunks, ['stop']);
  });
});
