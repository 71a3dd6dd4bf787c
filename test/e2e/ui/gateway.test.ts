// The gateway in the real workbench: turning the setting on starts it in the extension host, a
// request made with the OpenAI SDK (as a terminal tool would) is answered through the simulators
// and counted in the status bar.
import * as assert from 'node:assert/strict';
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
});
