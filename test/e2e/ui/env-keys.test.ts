// Keys from environment variables, opted into with a setting, in the real workbench: the extension
// host's OPENAI_API_KEY reaches the provider while switchboard.keysFromEnvironment is on, and stops
// at once (no reload) when it is turned off. The variable's value never shows in the chat.
import * as assert from 'node:assert/strict';
import { SimServer, SSE_HEADERS, sseBytes, type Router } from '../../sim/server';
import { getState, openWorkbench, runCommand, screenshot, statusBarItem, waitForText, webviewWith, type Workbench } from './helpers';

const ENV_KEY = 'sk-test-SENTINEL-from-env-4a7c19e2';

const router: Router = (req) => {
  if (req.method === 'GET' && req.path.endsWith('/models'))
    return {
      status: 200,
      headers: { 'content-type': 'application/json' },
      steps: [{ kind: 'write', data: JSON.stringify({ object: 'list', data: [{ id: 'sim-model', object: 'model' }] }) }],
    };
  if (!req.path.endsWith('/chat/completions')) return undefined;
  if (req.headers.authorization !== `Bearer ${ENV_KEY}`) {
    return {
      status: 401,
      headers: { 'content-type': 'application/json' },
      steps: [
        {
          kind: 'write',
          data: JSON.stringify({
            error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' },
          }),
        },
      ],
    };
  }
  const last = String((req.body as { messages: { content: string }[] }).messages.at(-1)?.content ?? '');
  const chunk = (data: unknown) => ({ data: JSON.stringify(data) });
  return {
    status: 200,
    headers: SSE_HEADERS,
    steps: [
      {
        kind: 'write',
        data: sseBytes([
          chunk({
            id: 'c',
            object: 'chat.completion.chunk',
            model: 'sim-model',
            choices: [{ index: 0, delta: { content: `You said: ${last}` }, finish_reason: null }],
          }),
        ]),
      },
      {
        kind: 'write',
        data: sseBytes([
          chunk({
            id: 'c',
            object: 'chat.completion.chunk',
            choices: [{ index: 0, delta: {}, finish_reason: 'stop' }],
            usage: { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 },
          }),
          { data: '[DONE]' },
        ]),
      },
    ],
  };
};

describe('keys from the environment', function () {
  this.timeout(180_000);
  let sim: SimServer;
  let wb: Workbench;

  before(async function () {
    this.timeout(120_000);
    sim = await SimServer.start(router);
    wb = await openWorkbench({
      env: { OPENAI_API_KEY: ENV_KEY },
      settings: {
        'switchboard.providers': { openai: { baseUrl: `${sim.url}/v1`, enabled: true } },
        'switchboard.defaultModel': 'openai:sim-model',
        'switchboard.keysFromEnvironment': true,
      },
    });
    // Commands appear once the extension host has activated Switchboard (its spend item shows).
    await statusBarItem(wb.page, /today/).waitFor({ timeout: 60_000 });
  });

  afterEach(async function () {
    const t = this.currentTest;
    if (wb && t?.state === 'failed') await screenshot(wb.page, `FAILED-env-keys-${t.title}`);
  });

  after(async () => {
    await wb?.close();
    await sim?.close();
  });

  it('sends OPENAI_API_KEY while the setting is on, and no longer once it is turned off', async () => {
    await runCommand(wb.page, 'Switchboard: Open Chat');
    const chat = await webviewWith(wb.page, '[data-testid=prompt]', 30_000);
    const prompt = chat.locator('[data-testid=prompt]');
    await prompt.fill('with the env key');
    await prompt.press('Enter');
    const answers = chat.locator('[data-testid=message][data-role=assistant]');
    await waitForText(answers.last().locator('[data-testid=message-body]'), 'You said: with the env key', 30_000);
    const calls = () => sim.requests.filter((r) => r.path.endsWith('/chat/completions'));
    assert.equal(calls().at(-1)?.headers.authorization, `Bearer ${ENV_KEY}`);

    // Turned off in the Settings editor, as a user would.
    await runCommand(wb.page, 'Preferences: Open User Settings');
    const search = wb.page.locator('.settings-editor .settings-header .suggest-input-container').first();
    await search.waitFor({ timeout: 15_000 });
    await search.click();
    await wb.page.keyboard.type('switchboard.keysFromEnvironment');
    const checkbox = wb.page
      .locator('.settings-editor .setting-item-bool', { hasText: 'Keys From Environment' })
      .locator('.setting-value-checkbox');
    await checkbox.waitFor({ timeout: 15_000 });
    assert.equal(await checkbox.getAttribute('aria-checked'), 'true');
    await checkbox.click();
    for (const end = Date.now() + 20_000; Date.now() < end; await wb.page.waitForTimeout(200)) {
      const s = (await getState(wb)).settings as { keysFromEnvironment?: boolean } | undefined;
      if (s?.keysFromEnvironment === false) break;
    }
    assert.equal(
      ((await getState(wb)).settings as { keysFromEnvironment: boolean }).keysFromEnvironment,
      false,
      'the setting change reached the extension',
    );
    const before = calls().length;
    await runCommand(wb.page, 'Switchboard: Open Chat');
    await prompt.fill('after turning it off');
    await prompt.press('Enter');
    await chat.locator('[data-testid=error]').last().waitFor({ timeout: 30_000 });
    assert.ok(
      calls()
        .slice(before)
        .every((r) => r.headers.authorization !== `Bearer ${ENV_KEY}`),
      'the environment key was sent after the setting was turned off',
    );
    assert.match(await chat.locator('[data-testid=error]').last().innerText(), /key/i);
    const dom = await chat.locator('body').evaluate((b) => b.outerHTML);
    assert.ok(!dom.includes(ENV_KEY), 'the key is in the chat DOM');
    await screenshot(wb.page, 'env-key-turned-off');
  });
});
