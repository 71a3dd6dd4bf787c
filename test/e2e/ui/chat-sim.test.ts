// A full chat round trip in the real workbench: the packaged extension talks to the loopback
// OpenAI simulator, configured the way a user would (base URL setting + stored key).
import * as assert from 'node:assert/strict';
import { DEMO_KEYS, startDemoSims, type DemoSims } from '../../sim/demo-server';
import { openWorkbench, runCommand, screenshot, setSecret, waitForText, webviewWith, type Workbench } from './helpers';

describe('chat against the simulators', function () {
  let sims: DemoSims;
  let wb: Workbench;

  before(async function () {
    this.timeout(120_000);
    sims = await startDemoSims();
    wb = await openWorkbench({ settings: { 'switchboard.providers': sims.providerSettings(), 'switchboard.defaultModel': 'openai:sim-model' } });
    await setSecret(wb, 'openai', DEMO_KEYS.openai);
  });

  afterEach(async function () {
    if (!wb) return;
    const t = this.currentTest;
    await screenshot(wb.page, `${t?.state === 'failed' ? 'FAILED-' : ''}${t?.fullTitle() ?? 'test'}`);
  });

  after(async () => {
    await wb?.close();
    await sims?.close();
  });

  it('streams the answer into the chat and prices it in the footer', async () => {
    await runCommand(wb.page, 'Switchboard: Open Chat');
    const chat = await webviewWith(wb.page, '[data-testid=prompt]', 30_000);
    await chat.locator('[data-testid=prompt]').fill('ping from the e2e test');
    await chat.locator('[data-testid=send]').click();
    const answer = chat.locator('[data-testid=message][data-role=assistant] [data-testid=message-body]').last();
    await waitForText(answer, 'You said: ping from the e2e test', 30_000);
    const footer = chat.locator('[data-testid=message][data-role=assistant] [data-testid=footer]').last();
    await footer.waitFor({ state: 'visible', timeout: 15_000 });
    assert.ok((await footer.innerText()).trim().length > 0, 'the footer is empty');
    // The simulator saw the stored key: the secret path reached the HTTP request.
    const sent = sims.servers.openai.requests.find((r) => r.path.endsWith('/chat/completions'));
    assert.equal(sent?.headers.authorization, `Bearer ${DEMO_KEYS.openai}`);
  });
});
