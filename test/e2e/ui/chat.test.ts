// The chat in the real workbench (code-server + the packaged .vsix) against a loopback OpenAI
// simulator: Stop really closes the upstream connection and keeps the partial answer with an
// estimated cost; hostile model output runs nothing and loads nothing remote; screenshots.
import * as assert from 'node:assert/strict';
import { CONTINUE_INSTRUCTION } from '../../../src/core/router/continuation';
import { HOSTILE_PAYLOADS } from '../../unit/webview/hostile-payloads';
import { SimServer, SSE_HEADERS, sseBytes, type Router, type Step } from '../../sim/server';
import {
  bridgeCall,
  editorLines,
  getState,
  openFile,
  openWorkbench,
  runCommand,
  screenshot,
  statusBarItem,
  waitForText,
  webviewWith,
  type Workbench,
} from './helpers';

const KEY = 'sk-test-SENTINEL-chat-ui-5d1e0b7a';

function chunk(content: string): { data: string } {
  return {
    data: JSON.stringify({
      id: 'c',
      object: 'chat.completion.chunk',
      model: 'sim-model',
      choices: [{ index: 0, delta: { content }, finish_reason: null }],
      usage: null,
    }),
  };
}

/** SLOW: 300 words 100 ms apart (long enough to press Stop). HOSTILE: every payload. BREAK: cut off mid-answer. Otherwise an echo. */
const router: Router = (req) => {
  if (req.method === 'GET' && req.path.endsWith('/models'))
    return {
      status: 200,
      headers: { 'content-type': 'application/json' },
      steps: [{ kind: 'write', data: JSON.stringify({ object: 'list', data: [{ id: 'sim-model', object: 'model' }] }) }],
    };
  if (!req.path.endsWith('/chat/completions')) return undefined;
  const body = req.body as { messages: { role: string; content: string }[] };
  const last = String(body.messages.at(-1)?.content ?? '');
  const steps: Step[] = [];
  if (last.includes('SLOW')) {
    for (let i = 0; i < 300; i++) steps.push({ kind: 'write', data: sseBytes([chunk(`word${i} `)]) }, { kind: 'delay', ms: 100 });
  } else if (last.includes('BREAK')) {
    steps.push({ kind: 'write', data: sseBytes([chunk('first half of the answer')]) }, { kind: 'delay', ms: 50 }, { kind: 'reset' });
  } else if (last.includes('CODE')) {
    steps.push({ kind: 'write', data: sseBytes([chunk('Here it is:\n\n```ts\nconst answer = 42;\n```\n')]) });
    steps.push({
      kind: 'write',
      data: sseBytes([
        {
          data: JSON.stringify({
            id: 'c',
            object: 'chat.completion.chunk',
            choices: [{ index: 0, delta: {}, finish_reason: 'stop' }],
            usage: { prompt_tokens: 20, completion_tokens: 12, total_tokens: 32 },
          }),
        },
        { data: '[DONE]' },
      ]),
    });
  } else {
    const text = last.includes('HOSTILE')
      ? HOSTILE_PAYLOADS.map((p) => `**${p.name}**\n\n${p.markdown}\n\n`).join('') + 'END-OF-PAYLOADS'
      : `You said: ${last}`;
    for (const piece of text.match(/[\s\S]{1,12}/g) ?? []) steps.push({ kind: 'write', data: sseBytes([chunk(piece)]) });
    const usage = { prompt_tokens: 20, completion_tokens: Math.ceil(text.length / 4), total_tokens: 0 };
    steps.push({
      kind: 'write',
      data: sseBytes([
        {
          data: JSON.stringify({
            id: 'c',
            object: 'chat.completion.chunk',
            choices: [{ index: 0, delta: {}, finish_reason: 'stop' }],
            usage: null,
          }),
        },
        { data: JSON.stringify({ id: 'c', object: 'chat.completion.chunk', choices: [], usage }) },
        { data: '[DONE]' },
      ]),
    });
  }
  return { status: 200, headers: SSE_HEADERS, steps };
};

describe('chat in the real workbench', function () {
  this.timeout(180_000);
  let sim: SimServer;
  let wb: Workbench;
  const remote: string[] = [];

  before(async function () {
    this.timeout(120_000);
    sim = await SimServer.start(router);
    wb = await openWorkbench({
      settings: {
        'switchboard.providers': { openai: { baseUrl: `${sim.url}/v1`, enabled: true } },
        'switchboard.defaultModel': 'openai:sim-model',
        'switchboard.priceOverrides': [{ provider: 'openai', model: 'sim-model', inputPerMTok: 100, outputPerMTok: 200 }],
        // Between the estimate of a small selection alone (about $0.83 at these prices, most of it
        // the upper end of the output range) and the same with a few thousand tokens of history.
        'switchboard.confirmAboveUsd': 1,
      },
    });
    // Requests from webview frames only (the workbench itself queries its gallery). Webview
    // resources use a vscode-cdn.net host name that VS Code's service worker serves locally.
    wb.page.on('request', (r) => {
      const u = r.url();
      if (r.frame() === wb.page.mainFrame()) return;
      if (
        /^(data|blob|vscode-webview|vscode-file):/.test(u) ||
        /^https:\/\/[^/]+\.vscode-resource\.vscode-cdn\.net\//.test(u) ||
        /^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(u)
      )
        return;
      remote.push(u);
    });
    // The extension host can be slow to come up on a loaded machine.
    await bridgeCall(wb, 'switchboard.test.setSecret', ['openai', KEY], 90_000);
  });

  afterEach(async function () {
    const t = this.currentTest;
    if (wb) await screenshot(wb.page, `chat-vscode-${t?.state === 'failed' ? 'FAILED-' : ''}${t?.title ?? 'step'}`);
  });

  after(async () => {
    await wb?.close();
    await sim?.close();
  });

  it('Stop closes the simulator connection and keeps the partial answer with an estimated cost', async () => {
    await runCommand(wb.page, 'Switchboard: Open Chat');
    const chat = await webviewWith(wb.page, '[data-testid=prompt]', 30_000);
    await chat.locator('[data-testid=prompt]').fill('SLOW please');
    await chat.locator('[data-testid=prompt]').press('Enter');
    const body = chat.locator('[data-testid=message][data-role=assistant] [data-testid=message-body]').last();
    await waitForText(body, 'word5 ', 30_000);
    const aborted = sim.waitForClientAbort(10_000);
    await chat.locator('[data-testid=stop]').click();
    await aborted;
    assert.ok(sim.clientAborts >= 1);
    const footer = chat.locator('[data-testid=message][data-role=assistant] [data-testid=footer]').last();
    await waitForText(footer, /stopped/, 15_000);
    const text = await footer.innerText();
    assert.match(text, /~\$\d[\d.]* estimated|\$\d/, `footer: ${text}`);
    const kept = await body.innerText();
    assert.match(kept, /word5 /);
    assert.doesNotMatch(kept, /word299/);
    const state = (await getState(wb)) as {
      chat?: { busy: boolean; messages: { role: string; finishReason?: string; charge?: { status: string } }[] };
    };
    const last = state.chat?.messages.at(-1);
    assert.equal(state.chat?.busy, false);
    assert.equal(last?.finishReason, 'cancelled');
    assert.ok(last?.charge && last.charge.status !== 'unpriced', `charge: ${JSON.stringify(last?.charge)}`);
    // The stopped answer's estimate is spend like any other: the ledger, so the status bar, counts it.
    await statusBarItem(wb.page, /\$0\.0*[1-9][\d.]*\+? today/).waitFor({ timeout: 15_000 });
  });

  it(`renders ${HOSTILE_PAYLOADS.length} hostile payloads from the model without running one or loading anything remote`, async () => {
    const chat = await webviewWith(wb.page, '[data-testid=prompt]', 30_000);
    await chat.locator('[data-testid=prompt]').fill('HOSTILE output please');
    await chat.locator('[data-testid=send]').click();
    const body = chat.locator('[data-testid=message][data-role=assistant] [data-testid=message-body]').last();
    await waitForText(body, 'END-OF-PAYLOADS', 30_000);
    await chat.locator('[data-testid=message][data-role=assistant] [data-testid=footer]').last().waitFor({ timeout: 15_000 });
    // Click every link that is not http(s): none may open anything. (An http(s) link would raise
    // VS Code's own "open external website?" dialog, which is the intended path.)
    for (const a of await body.locator('a:not([data-href])').all()) await a.click({ force: true, timeout: 2_000 }).catch(() => undefined);
    await wb.page.waitForTimeout(500);
    const probe = await body.evaluate((el) => ({
      pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? (window.parent as unknown as { __pwned?: unknown }).__pwned,
      bad: [...el.querySelectorAll('script, iframe, svg, object, embed, form, style, meta, [href]')].map((e) => e.outerHTML),
      handlers: [...el.querySelectorAll('*')].flatMap((e) => [...e.attributes].filter((a) => a.name.startsWith('on')).map((a) => a.name)),
      imgs: [...el.querySelectorAll('img')].map((i) => i.getAttribute('src')),
    }));
    assert.equal(probe.pwned, undefined);
    assert.equal(await wb.page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), undefined);
    assert.deepEqual(probe.bad, []);
    assert.deepEqual(probe.handlers, []);
    for (const src of probe.imgs) assert.match(src ?? '', /^data:image\//);
    assert.deepEqual(remote, [], 'no request may leave for a remote host');
    // A javascript:/command: link must not have opened anything: the workbench has no new editor or dialog.
    assert.equal(await wb.page.locator('.monaco-dialog-box').count(), 0);
  });

  it('regenerates the last answer, then resends an edited last question in its place', async () => {
    await runCommand(wb.page, 'Switchboard: New Conversation');
    const chat = await webviewWith(wb.page, '[data-testid=prompt]', 30_000);
    const prompt = chat.locator('[data-testid=prompt]');
    await prompt.fill('first try');
    await prompt.press('Enter');
    const answers = chat.locator('[data-testid=message][data-role=assistant]');
    await waitForText(answers.last().locator('[data-testid=footer]'), /\$\d/, 30_000);
    const calls = () => sim.requests.filter((r) => r.path.endsWith('/chat/completions')).length;
    const before = calls();
    await answers.last().hover();
    await answers.last().locator('[data-action=regenerate]').click();
    for (const end = Date.now() + 20_000; calls() === before && Date.now() < end;) await wb.page.waitForTimeout(100);
    assert.equal(calls(), before + 1, 'regenerate sends the question again');
    await waitForText(answers.last().locator('[data-testid=footer]'), /\$\d/, 30_000);
    assert.equal(await answers.count(), 1, 'the new answer replaces the old one');
    const question = chat.locator('[data-testid=message][data-role=user]').last();
    await question.hover();
    await question.locator('[data-action=edit]').click();
    await chat.getByText('Editing your last message').waitFor({ timeout: 5_000 });
    assert.equal(await prompt.inputValue(), 'first try');
    await prompt.fill('second try');
    await prompt.press('Enter');
    await waitForText(answers.last().locator('[data-testid=message-body]'), 'You said: second try', 30_000);
    assert.equal(await chat.locator('[data-testid=message]').count(), 2, 'one question and its answer');
    const sent = sim.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1)!.body as { messages: { content: string }[] };
    assert.deepEqual(
      sent.messages.map((m) => m.content),
      ['second try'],
      'the old question and answer are not sent again',
    );
    const select = chat.locator('.conversation-select');
    for (const end = Date.now() + 10_000; (await select.locator('option:checked').innerText()) !== 'second try' && Date.now() < end;)
      await wb.page.waitForTimeout(100);
    assert.equal(await select.locator('option:checked').innerText(), 'second try', 'the title follows the edited question');
  });

  it('asks before sending a selection when the conversation it joins makes it cost more than the threshold', async () => {
    await runCommand(wb.page, 'Switchboard: New Conversation');
    const chat = await webviewWith(wb.page, '[data-testid=prompt]', 30_000);
    // About 5,000 tokens of history once the echo answers: roughly $0.50 of input at $100/M.
    await chat.locator('[data-testid=prompt]').fill(`history ${'lorem ipsum dolor sit amet '.repeat(400)}`);
    await chat.locator('[data-testid=prompt]').press('Enter');
    await waitForText(chat.locator('[data-testid=message][data-role=assistant] [data-testid=footer]').last(), /\$\d/, 30_000);
    const calls = () => sim.requests.filter((r) => r.path.endsWith('/chat/completions')).length;
    const before = calls();
    await openFile(wb.page, 'sample.ts', 'export function add');
    await wb.page.locator('.monaco-editor .view-lines').first().click();
    await wb.page.keyboard.press('Control+A');
    await runCommand(wb.page, 'Switchboard: Explain Selection');
    const dialog = wb.page.locator('.monaco-dialog-box', { hasText: /Send [\d,]+ tokens to/ });
    await dialog.waitFor({ timeout: 20_000 });
    const tokens = Number(/Send ([\d,]+) tokens/.exec(await dialog.innerText())![1].replace(/,/g, ''));
    assert.ok(tokens > 4000, `the estimate counts the history too (${tokens} tokens)`);
    await screenshot(wb.page, 'selection-confirm-cost');
    await wb.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached', timeout: 10_000 });
    await wb.page.waitForTimeout(500);
    assert.equal(calls(), before, 'nothing is sent when the user does not confirm');
  });

  it('inserts a code block at the cursor, and applies one to the selection through an accepted diff', async () => {
    await openFile(wb.page, 'sample.ts', 'export function add');
    await wb.page.locator('.monaco-editor .view-lines').first().click();
    await wb.page.keyboard.press('Control+Home');
    await runCommand(wb.page, 'Switchboard: Open Chat');
    const chat = await webviewWith(wb.page, '[data-testid=prompt]', 30_000);
    await chat.locator('[data-testid=prompt]').fill('CODE please');
    await chat.locator('[data-testid=prompt]').press('Enter');
    const answer = chat.locator('[data-testid=message][data-role=assistant]').last();
    await waitForText(answer.locator('[data-testid=footer]'), /\$\d/, 30_000);
    const block = answer.locator('pre').first();
    await block.hover();
    await answer.locator('[data-code-action=insert]').click();
    await waitForText(wb.page.locator('.monaco-editor .view-lines').first(), 'const answer = 42;', 15_000);
    assert.deepEqual(
      (await editorLines(wb.page)).slice(0, 2),
      ['const answer = 42;', 'export function add(a: number, b: number) {'],
      'inserted on its own line at the cursor',
    );

    // Apply: select the whole file, and accept the proposal the diff shows.
    await wb.page.locator('.monaco-editor .view-lines').first().click();
    await wb.page.keyboard.press('Control+A');
    await block.hover();
    await answer.locator('[data-code-action=apply]').click();
    await wb.page.locator('.tabs-container .tab', { hasText: 'Switchboard proposal' }).first().waitFor({ timeout: 15_000 });
    const ask = wb.page
      .locator('.notifications-toasts .notification-toast', { hasText: 'Apply the proposed change to sample.ts?' })
      .first();
    await ask.waitFor({ timeout: 15_000 });
    await screenshot(wb.page, 'chat-apply-diff');
    await ask.locator('.monaco-button', { hasText: 'Accept' }).click();
    await wb.page.locator('.tabs-container .tab', { hasText: 'Switchboard proposal' }).waitFor({ state: 'detached', timeout: 15_000 });
    await waitForText(wb.page.locator('.monaco-editor .view-lines').first(), 'const answer = 42;', 15_000);
    assert.deepEqual(
      (await editorLines(wb.page)).filter((l) => l.trim()),
      ['const answer = 42;'],
      'the selection was replaced by the code',
    );
  });

  it('"Continue elsewhere" resends the partial answer with the instruction, on the only host, and keeps both parts', async () => {
    await runCommand(wb.page, 'Switchboard: New Conversation');
    const chat = await webviewWith(wb.page, '[data-testid=prompt]', 30_000);
    await chat.locator('[data-testid=prompt]').fill('BREAK please');
    await chat.locator('[data-testid=prompt]').press('Enter');
    const error = chat.locator('[data-testid=message][data-role=assistant] [data-testid=error]').last();
    await error.locator('[data-action=continueElsewhere]').click({ timeout: 30_000 });
    const answers = chat.locator('[data-testid=message][data-role=assistant] [data-testid=message-body]');
    await waitForText(answers.last(), 'You said: Your previous answer was cut off', 30_000);
    const sent = sim.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1)!.body as {
      messages: { role: string; content: string }[];
    };
    assert.deepEqual(
      sent.messages.map((m) => [m.role, m.content]),
      [
        ['user', 'BREAK please'],
        ['assistant', 'first half of the answer'],
        ['user', CONTINUE_INSTRUCTION],
      ],
    );
    const state = (await getState(wb)) as { chat?: { messages: { role: string; text: string }[] } };
    assert.deepEqual(
      state.chat?.messages.map((m) => [m.role, m.text.slice(0, 24)]),
      [
        ['user', 'BREAK please'],
        ['assistant', 'first half of the answer'],
        ['assistant', 'You said: Your previous '],
      ],
    );
  });

  it('opens the in-panel model picker (screenshot)', async () => {
    const chat = await webviewWith(wb.page, '[data-testid=prompt]', 30_000);
    await chat.locator('[data-testid=model-picker]').click();
    const dialog = chat.locator('[data-testid=model-picker-dialog]');
    await dialog.waitFor({ timeout: 15_000 });
    await dialog.locator('.picker-row, .picker-empty').first().waitFor({ timeout: 15_000 });
    await screenshot(wb.page, 'chat-vscode-model-picker');
    await wb.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached', timeout: 5_000 });
  });
});
