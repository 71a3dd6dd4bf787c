// The chat webview in Chromium with its real bundle and CSP, driven by a scripted host: input,
// streaming, footer, errors, code actions, links, the model picker, and the XSS suite.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { artifactsDir } from '../harness/paths';
import { HOSTILE_PAYLOADS } from '../../unit/webview/hostile-payloads';
import { chatState, openChatPage, type ChatPage } from './chat-page';

const turnUser = { id: 'u1', role: 'user', text: 'How do I debounce in TypeScript?', createdAt: 1 };
const footerMeta = {
  provider: 'openrouter',
  providerName: 'OpenRouter',
  upstreamProvider: 'Anthropic',
  fallbacks: [{ provider: 'anthropic', modelId: 'claude-sonnet-4-5', reason: '529 overloaded' }],
  usage: { inputTokens: 1234, outputTokens: 321, cacheReadTokens: 1024, cacheWriteTokens: 0, reasoningTokens: 0 },
  charge: { usd: 0.0084, status: 'exact' },
  ttftMs: 412,
  tokensPerSecond: 61.2,
  finishReason: 'stop',
};
const answer =
  'Use a timer and reset it on each call:\n\n```ts\nexport function debounce<T extends unknown[]>(fn: (...a: T) => void, ms: number) {\n  let t: ReturnType<typeof setTimeout> | undefined;\n  return (...a: T) => {\n    clearTimeout(t);\n    t = setTimeout(() => fn(...a), ms);\n  };\n}\n```\n\nSee [MDN on setTimeout](https://developer.mozilla.org/docs/Web/API/setTimeout).';

/** Waits until the element's text contains `text`. */
async function waitForBody(p: ChatPage, selector: string, text: string): Promise<void> {
  await p.page.waitForFunction(([sel, t]) => (document.querySelector(sel)?.textContent ?? '').includes(t), [selector, text] as const, {
    timeout: 5000,
  });
}

async function shot(p: ChatPage, name: string): Promise<void> {
  const file = path.join(artifactsDir, 'ui', `${name}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await p.page.screenshot({ path: file });
}

/** `n` finished question and answer pairs, with ids `${prefix}u${i}` and `${prefix}a${i}`. */
function finishedTurns(prefix: string, n: number, answerOf: (i: number) => string): object[] {
  return Array.from({ length: n }, (_, i) => [
    { id: `${prefix}u${i}`, role: 'user', text: `Question ${i}`, createdAt: 1 },
    { id: `${prefix}a${i}`, role: 'assistant', text: answerOf(i), createdAt: 1, model: 'm', meta: { finishReason: 'stop' } },
  ]).flat();
}

describe('chat webview page (real bundle + CSP, scripted host)', function () {
  let p: ChatPage;
  before(async function () {
    this.timeout(60_000);
    p = await openChatPage();
  });
  after(async () => p?.close());

  it('says ready, then renders the state it is sent', async () => {
    assert.ok((await p.sent()).some((m) => m.type === 'ready'));
    await p.post(
      'state',
      chatState([
        turnUser,
        { id: 'a1', role: 'assistant', text: answer, createdAt: 2, model: 'anthropic/claude-sonnet-4.5', meta: footerMeta },
      ]),
    );
    await p.page.locator('[data-testid=message][data-role=assistant] [data-testid=message-body] pre code.hljs').waitFor();
    const footer = await p.page.locator('[data-testid=footer]').innerText();
    for (const part of [
      'via OpenRouter → Anthropic',
      '1 fallback',
      '1,234 in',
      '321 out',
      '1,024 cached',
      '$0.0084',
      'TTFT 412 ms',
      '61.2 tok/s',
    ])
      assert.ok(footer.includes(part), `footer lacks "${part}": ${footer}`);
    assert.equal(await p.page.locator('[data-testid=model-picker]').innerText(), 'anthropic/claude-sonnet-4.5');
    const block = p.page.locator('.code-block').first();
    assert.equal(await block.locator('.code-toolbar').innerText(), 'ts');
    assert.equal(await block.locator('[data-code-action]').count(), 0, 'buttons are built on first hover, not with every block');
    await block.hover();
    await shot(p, 'chat-answer');
  });

  it('Enter sends, Shift+Enter adds a newline', async () => {
    const box = p.page.locator('[data-testid=prompt]');
    await box.click();
    await p.page.keyboard.type('line one');
    await p.page.keyboard.press('Shift+Enter');
    await p.page.keyboard.type('line two');
    await p.page.keyboard.press('Enter');
    const send = (await p.sent()).filter((m) => m.type === 'send');
    assert.deepEqual(send.at(-1)?.payload, { text: 'line one\nline two' });
    assert.equal(await box.inputValue(), '');
  });

  it('code blocks offer Copy, Insert and Apply on hover, each posting the code', async () => {
    const block = p.page.locator('.code-block').first();
    await p.page.mouse.move(0, 0);
    assert.ok(!(await block.locator('[data-code-action=copy]').isVisible()), 'buttons show only on hover or focus');
    await block.hover();
    for (const action of ['copy', 'insert', 'apply']) await block.locator(`[data-code-action=${action}]`).click();
    const sent = await p.sent();
    const types = sent.filter((m) => ['copyText', 'insertCode', 'applyCode'].includes(m.type));
    assert.deepEqual(
      types.map((m) => m.type),
      ['copyText', 'insertCode', 'applyCode'],
    );
    assert.match(types[2].payload.code, /^export function debounce/);
    assert.equal(types[2].payload.language, 'ts');
  });

  it('code block buttons are reachable from the keyboard', async () => {
    const block = p.page.locator('.code-block').nth(0);
    await block.locator('.code-toolbar').focus();
    await p.page.keyboard.press('Tab');
    assert.equal(await p.page.evaluate(() => document.activeElement?.getAttribute('data-code-action')), 'copy');
    await p.page.keyboard.press('Enter');
    assert.equal((await p.sent()).at(-1)?.type, 'copyText');
  });

  it('a link click asks the host and does not navigate', async () => {
    const before = p.page.url();
    await p.page.locator('a[data-href]').first().click();
    assert.equal(p.page.url(), before);
    const open = (await p.sent()).filter((m) => m.type === 'openLink');
    assert.deepEqual(open.at(-1)?.payload, { href: 'https://developer.mozilla.org/docs/Web/API/setTimeout' });
  });

  it('streams deltas into the last message, shows Stop while busy, then the footer', async () => {
    const streaming = { id: 'a2', role: 'assistant', text: '', createdAt: 3, model: 'openai/gpt-5' };
    await p.post('state', chatState([turnUser, streaming], { busy: true, streamingId: 'a2' }));
    await p.page.locator('[data-testid=stop]').waitFor({ state: 'visible' });
    assert.equal(await p.page.locator('[data-testid=send]').isVisible(), false);
    const words = 'The quick brown fox jumps over the lazy dog. '.repeat(20).split(' ');
    for (const w of words) await p.post('streamDelta', { messageId: 'a2', text: `${w} ` });
    await p.page.waitForFunction(() =>
      (document.querySelector('[data-id=a2] [data-testid=message-body]')?.textContent ?? '').includes('lazy dog. The quick'),
    );
    await p.page.locator('[data-testid=stop]').click();
    assert.ok((await p.sent()).some((m) => m.type === 'stop'));
    const text = words.map((w) => `${w} `).join('');
    await p.page.evaluate(() => {
      (window as unknown as { streamedBody?: Element | null }).streamedBody = document.querySelector(
        '[data-id=a2] [data-testid=message-body]',
      );
    });
    await p.post('turnDone', {
      conversationId: 'c1',
      turn: {
        ...streaming,
        text,
        meta: {
          provider: 'openai',
          providerName: 'OpenAI',
          usage: { inputTokens: 12, outputTokens: 180, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 },
          usageEstimated: true,
          charge: { usd: 0.0018, status: 'estimated' },
          finishReason: 'cancelled',
        },
      },
    });
    const footer = await p.page.locator('[data-id=a2] [data-testid=footer]').innerText();
    assert.match(footer, /~\$0\.0018 estimated/);
    assert.match(footer, /stopped/);
    const kept = () =>
      p.page.evaluate(
        () =>
          (window as unknown as { streamedBody?: Element | null }).streamedBody ===
          document.querySelector('[data-id=a2] [data-testid=message-body]'),
      );
    assert.ok(await kept(), 'the finished turn keeps the streamed body instead of rendering the answer again');
    // The host follows turnDone with the whole state; an unchanged turn keeps its DOM then too.
    await p.post(
      'state',
      chatState([
        turnUser,
        {
          ...streaming,
          text,
          meta: {
            provider: 'openai',
            providerName: 'OpenAI',
            usage: { inputTokens: 12, outputTokens: 180, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 },
            usageEstimated: true,
            charge: { usd: 0.0018, status: 'estimated' },
            finishReason: 'cancelled',
          },
        },
      ]),
    );
    await p.page.locator('[data-id=a2] [data-action=regenerate]').waitFor({ state: 'attached' });
    assert.ok(await kept(), 'the state after turnDone re-rendered the finished answer');
  });

  it("a send and its answer in a long conversation leave every earlier turn's DOM in place", async () => {
    const history = finishedTurns('l', 20, (i) => `Answer ${i}\n\n\`\`\`ts\nconst x = ${i};\n\`\`\``);
    await p.post('state', chatState(history));
    await p.page.locator('[data-id=la19] [data-action=regenerate]').waitFor({ state: 'attached' });
    const mark = () =>
      p.page.evaluate(() => {
        (window as unknown as { marked: Element[] }).marked = [...document.querySelectorAll('[data-testid=message]')];
      });
    /** Ids of the marked turns drawn now as another element (turns far out of view are not drawn at all). */
    const redrawn = () =>
      p.page.evaluate(() =>
        (window as unknown as { marked: Element[] }).marked
          .filter((el) => {
            const now = document.querySelector(`[data-testid=message][data-id=${el.getAttribute('data-id')}]`);
            return now && now !== el;
          })
          .map((el) => el.getAttribute('data-id')),
      );
    await mark();
    const streaming = { id: 'la20', role: 'assistant', text: '', createdAt: 2, model: 'm' };
    const asked = [...history, { id: 'lu20', role: 'user', text: 'One more', createdAt: 2 }];
    await p.post('state', chatState([...asked, streaming], { busy: true, streamingId: 'la20' }));
    await p.page.locator('[data-id=la20]').waitFor();
    // Only the previous question and answer change: they lose their Edit and Regenerate buttons.
    assert.deepEqual((await redrawn()).sort(), ['la19', 'lu19']);
    assert.equal(await p.page.locator('[data-action=regenerate]').count(), 0);
    await mark();
    const done = { ...streaming, text: 'Done.', meta: { finishReason: 'stop' } };
    await p.post('turnDone', { conversationId: 'c1', turn: done });
    await p.post('state', chatState([...asked, done]));
    await p.page.locator('[data-id=la20] [data-action=regenerate]').waitFor({ state: 'attached' });
    // The new question gains its Edit button and the answer its footer; nothing above them changes.
    assert.deepEqual((await redrawn()).sort(), ['la20', 'lu20']);
  });

  it('skips rendering the turns far above the view, and renders the ones in it', async () => {
    const history = finishedTurns('v', 30, (i) => `Answer ${i}\n\n- one\n- two\n- three`);
    await p.post('state', chatState(history));
    await p.page.locator('[data-id=va29] [data-action=regenerate]').waitFor({ state: 'attached' });
    // Read after two frames: whether a turn is skipped is settled in the frame after a scroll.
    const rendered = (id: string) =>
      p.page.evaluate(
        (sel) =>
          new Promise<boolean>((done) =>
            requestAnimationFrame(() =>
              requestAnimationFrame(() => done(!!document.querySelector(sel)?.checkVisibility({ contentVisibilityAuto: true }))),
            ),
          ),
        `[data-testid=message][data-id=${id}] .message-header`,
      );
    // Skipped turns cost no style, layout or paint while an answer streams below them.
    assert.equal(await rendered('va0'), false);
    assert.equal(await rendered('vu1'), false);
    assert.equal(await rendered('va29'), true);
    await p.page.evaluate(() => document.querySelector('[data-id=va0]')!.scrollIntoView());
    await p.page.locator('[data-testid=message][data-id=va0]').waitFor();
    assert.equal(await rendered('va0'), true);
  });

  it('a turn drawn again after it was far out of view keeps its reasoning open', async () => {
    const history = finishedTurns('r', 30, (i) => `Answer ${i}\n\n- one\n- two\n- three`).map((t, i) =>
      i === 1 ? { ...t, reasoning: 'First I **check** the plan.' } : t,
    );
    await p.post('state', chatState(history));
    const log = '[role=log]';
    // A new state scrolls to the bottom, and again in the next frame: scroll up only after both.
    await p.page.locator('[data-testid=message-placeholder][data-id=ra0]').waitFor({ state: 'attached' });
    await p.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await p.page.evaluate((sel) => (document.querySelector(sel)!.scrollTop = 0), log);
    const section = p.page.locator('[data-testid=message][data-id=ra0] details.reasoning');
    await section.locator('summary').click();
    await waitForBody(p, '[data-id=ra0] .reasoning-body', 'First I check the plan.');
    // A turn that holds focus is never dropped: the reader moves on to the composer.
    await p.page.locator('textarea').focus();
    await p.page.evaluate((sel) => (document.querySelector(sel)!.scrollTop = 1e9), log);
    await p.page.locator('[data-testid=message-placeholder][data-id=ra0]').waitFor({ state: 'attached' });
    await p.page.evaluate((sel) => (document.querySelector(sel)!.scrollTop = 0), log);
    await waitForBody(p, '[data-testid=message][data-id=ra0] .reasoning-body', 'First I check the plan.');
    assert.equal(await section.getAttribute('open'), '');
  });

  it('decodes named character references as markdown-it with entities would, and never into markup', async () => {
    // The bundle decodes names with the page's own parser in place of the entities package.
    const text = '&copy; 2026 &mdash; &NotEqualTilde; &ampx; &bogus; &lt;b&gt;not bold&lt;/b&gt; `&amp;`';
    await p.post(
      'state',
      chatState([turnUser, { id: 'ent', role: 'assistant', text, createdAt: 2, model: 'm', meta: { finishReason: 'stop' } }]),
    );
    const body = p.page.locator('[data-id=ent] [data-testid=message-body]');
    await body.waitFor();
    assert.equal(await body.innerText(), '\u00a9 2026 \u2014 \u2242\u0338 &ampx; &bogus; <b>not bold</b> &amp;');
    assert.equal(await body.locator('b').count(), 0);
  });

  it('renders a finished answer again when a late link definition changes earlier blocks', async () => {
    const streaming = { id: 'a4', role: 'assistant', text: '', createdAt: 3, model: 'openai/gpt-5' };
    await p.post('state', chatState([turnUser, streaming], { busy: true, streamingId: 'a4' }));
    const text = 'See [the docs][d].\n\nMore text.\n\n[d]: https://example.com/docs\n';
    for (const piece of text.match(/[\s\S]{1,6}/g)!) await p.post('streamDelta', { messageId: 'a4', text: piece });
    await p.post('turnDone', { conversationId: 'c1', turn: { ...streaming, text, meta: { finishReason: 'stop' } } });
    await p.page.locator('[data-id=a4] [data-testid=footer]').waitFor();
    assert.equal(await p.page.locator('[data-id=a4] a[data-href="https://example.com/docs"]').count(), 1);
  });

  it('follows a fast stream to the bottom, and stops following once the user scrolls up', async () => {
    const streaming = { id: 'a5', role: 'assistant', text: '', createdAt: 3, model: 'openai/gpt-5' };
    await p.post('state', chatState([turnUser, streaming], { busy: true, streamingId: 'a5' }));
    const burst = (n: number) =>
      p.page.evaluate(`new Promise((done) => {
        const pieces = ['Some **bold** text, ', 'and more words. ', '\\n\\n', '- a list item\\n', '\`\`\`ts\\nconst x = 1;\\n', '\`\`\`\\n'];
        let i = 0;
        const frame = () => {
          for (let k = 0; k < 40 && i < ${n}; k++, i++) window.dispatchEvent(new MessageEvent('message', { data: { type: 'streamDelta', payload: { messageId: 'a5', text: pieces[i % pieces.length] } } }));
          if (i < ${n}) requestAnimationFrame(frame); else setTimeout(done, 100);
        };
        requestAnimationFrame(frame);
      })`);
    const gap = () =>
      p.page.evaluate(() => {
        const l = document.querySelector('.messages')!;
        return l.scrollHeight - l.scrollTop - l.clientHeight;
      });
    await burst(1200);
    assert.ok((await gap()) < 2, `the log fell ${await gap()} px behind the stream`);
    await p.page.locator('.messages').hover();
    await p.page.mouse.wheel(0, -600);
    await p.page.waitForFunction(() => {
      const l = document.querySelector('.messages')!;
      return l.scrollHeight - l.scrollTop - l.clientHeight > 300;
    });
    await burst(300);
    assert.ok((await gap()) > 300, 'the log pulled the user back to the bottom after they scrolled up');
    // A click on a button inside an answer is not a scroll; scrolling back down resumes following.
    for (let i = 0; i < 100 && (await gap()) >= 80; i++) {
      await p.page.mouse.wheel(0, 4000);
      await p.page.waitForTimeout(50);
    }
    await p.page.locator('[data-id=a5] .code-block').last().hover();
    await p.page.locator('[data-id=a5] .code-block').last().locator('[data-code-action=copy]').click();
    await burst(300);
    assert.ok((await gap()) < 2, `following did not resume (${await gap()} px behind)`);
  });

  it('renders streamed reasoning only while its section is open, and keeps it current', async () => {
    const streaming = { id: 'a6', role: 'assistant', text: '', createdAt: 3, model: 'anthropic/claude-sonnet-4.5' };
    await p.post('state', chatState([turnUser, streaming], { busy: true, streamingId: 'a6' }));
    for (const piece of ['First I **check** the input.', '\n\nThen I ', 'compare the options.'])
      await p.post('streamDelta', { messageId: 'a6', reasoning: piece });
    const section = p.page.locator('[data-id=a6] details.reasoning');
    await section.waitFor({ state: 'visible' });
    assert.equal(await section.locator('.reasoning-body').innerHTML(), '', 'closed reasoning must not be rendered');
    await section.locator('summary').click();
    await waitForBody(p, '[data-id=a6] .reasoning-body', 'Then I compare the options.');
    assert.equal(await section.locator('.reasoning-body strong').innerText(), 'check');
    await p.post('streamDelta', { messageId: 'a6', reasoning: ' Done.', text: 'Answer.' });
    await waitForBody(p, '[data-id=a6] .reasoning-body', 'compare the options. Done.');
    await p.post('turnDone', {
      conversationId: 'c1',
      turn: {
        ...streaming,
        text: 'Answer.',
        reasoning: 'First I **check** the input.\n\nThen I compare the options. Done.',
        meta: { finishReason: 'stop' },
      },
    });
    // The finished turn is drawn anew; the section the reader opened stays open and shows it all.
    await p.page.locator('[data-id=a6] [data-testid=footer]').waitFor();
    assert.equal(await p.page.locator('[data-id=a6] details.reasoning').getAttribute('open'), '');
    await waitForBody(p, '[data-id=a6] .reasoning-body', 'Then I compare the options. Done.');
  });

  it('shows a question sent with code as typed, with the code as a code block', async () => {
    const composed = 'Why does *this* loop?\n\nFrom `src/loop.py` (lines 3-4, python):\n\n```python\nwhile True:\n    pass\n```';
    const asked = {
      id: 'u7',
      role: 'user',
      text: composed,
      createdAt: 1,
      context: { path: 'src/loop.py', language: 'python', range: { startLine: 3, endLine: 4 } },
    };
    const plain = { id: 'u8', role: 'user', text: 'no *markdown* here\n```\nstill text\n```', createdAt: 2 };
    await p.post('state', chatState([asked, plain]));
    const first = p.page.locator('[data-id=u7]');
    await first.locator('.sent-code pre code.language-python').waitFor();
    // textContent, not innerText: the text is what is checked, and innerText depends on layout
    // (it read '' once in a full CI run under load, with the turn and its code block present).
    assert.equal(
      await first.locator('.sent-prompt').textContent(),
      'Why does *this* loop?',
      'the typed question is not rendered as markdown',
    );
    assert.match((await first.locator('.sent-code').textContent()) ?? '', /From src\/loop\.py \(lines 3-4, python\)/);
    assert.equal(await first.locator('.message-context').innerText(), 'loop.py:3-4');
    assert.equal(await p.page.locator('[data-id=u8] pre').count(), 0, 'a message without code context stays plain text');
    assert.equal(await p.page.locator('[data-id=u8] .sent-prompt').textContent(), 'no *markdown* here\n```\nstill text\n```');
  });

  it('shows an inline error whose buttons post the action', async () => {
    await p.post(
      'state',
      chatState([
        turnUser,
        {
          id: 'a3',
          role: 'assistant',
          text: '',
          createdAt: 4,
          model: 'anthropic/claude-sonnet-4.5',
          meta: {},
          error: {
            category: 'auth',
            message: 'Anthropic: invalid x-api-key',
            advice: 'The Anthropic key was rejected.',
            provider: 'anthropic',
            actions: ['setKey', 'retryOther'],
          },
        },
      ]),
    );
    const err = p.page.locator('[data-testid=error]');
    await err.waitFor();
    await err.locator('[data-action=setKey]').click();
    assert.deepEqual((await p.sent()).filter((m) => m.type === 'errorAction').at(-1)?.payload, { messageId: 'a3', action: 'setKey' });
    await shot(p, 'chat-error');
  });

  it('opens the model picker with hosts, prices, context and health, and picks a model', async () => {
    await p.post(
      'state',
      chatState([
        turnUser,
        { id: 'a1', role: 'assistant', text: answer, createdAt: 2, model: 'anthropic/claude-sonnet-4.5', meta: footerMeta },
      ]),
    );
    await p.page.locator('[data-testid=model-picker]').click();
    const req = await waitForSent(p, 'getPickerData');
    await p.page.evaluate(
      (id) =>
        window.postMessage(
          {
            type: '$response',
            id,
            ok: true,
            payload: {
              models: [
                {
                  id: 'anthropic/claude-sonnet-4.5',
                  displayName: 'Claude Sonnet 4.5',
                  contextWindow: 200000,
                  hosts: [
                    {
                      provider: 'anthropic',
                      providerName: 'Anthropic',
                      modelId: 'claude-sonnet-4-5',
                      inputPerMTok: 3,
                      outputPerMTok: 15,
                      health: 'degraded',
                    },
                    {
                      provider: 'openrouter',
                      providerName: 'OpenRouter',
                      modelId: 'anthropic/claude-sonnet-4.5',
                      inputPerMTok: 3,
                      outputPerMTok: 15,
                      health: 'ok',
                    },
                  ],
                },
                {
                  id: 'openai/gpt-5',
                  displayName: 'GPT-5',
                  contextWindow: 400000,
                  hosts: [
                    { provider: 'openai', providerName: 'OpenAI', modelId: 'gpt-5', inputPerMTok: 1.25, outputPerMTok: 10, health: 'ok' },
                  ],
                },
                {
                  id: 'google/gemini-2.5-flash',
                  displayName: 'Gemini 2.5 Flash',
                  contextWindow: 1048576,
                  hosts: [
                    {
                      provider: 'gemini',
                      providerName: 'Google Gemini',
                      modelId: 'gemini-2.5-flash',
                      inputPerMTok: 0.3,
                      outputPerMTok: 2.5,
                      health: 'down',
                    },
                  ],
                },
                {
                  id: 'meta/llama-3.3-70b',
                  displayName: 'Llama 3.3 70B',
                  contextWindow: 131072,
                  hosts: [
                    {
                      provider: 'groq',
                      providerName: 'Groq',
                      modelId: 'llama-3.3-70b-versatile',
                      inputPerMTok: 0.59,
                      outputPerMTok: 0.79,
                      health: 'ok',
                      needsKey: true,
                    },
                  ],
                },
              ],
              favourites: ['openai/gpt-5'],
              recent: ['anthropic/claude-sonnet-4.5'],
              current: 'anthropic/claude-sonnet-4.5',
              preferences: { sort: 'price' },
              providers: [
                { id: 'anthropic', name: 'Anthropic' },
                { id: 'openai', name: 'OpenAI' },
                { id: 'openrouter', name: 'OpenRouter' },
                { id: 'groq', name: 'Groq' },
              ],
            },
          },
          '*',
        ),
      req.id,
    );
    const dialog = p.page.locator('[data-testid=model-picker-dialog]');
    await dialog.locator('.picker-row').first().waitFor();
    const text = (await dialog.textContent()) ?? '';
    for (const s of ['Favourites', 'Recently used', 'Claude Sonnet 4.5', '200k ctx', 'OpenRouter', '$0.30 / $2.50', '1M ctx'])
      assert.ok(text.includes(s), `picker lacks "${s}"`);
    // In a sidebar as narrow as VS Code allows, prices and context stay whole; only ids are cut.
    const wide = p.page.viewportSize()!;
    await p.page.setViewportSize({ width: 260, height: wide.height });
    const cut = await dialog.evaluate((d) => {
      const box = d.querySelector('.picker-list')!.getBoundingClientRect();
      return [...d.querySelectorAll<HTMLElement>('.picker-facts')]
        .filter((f) => f.getBoundingClientRect().right > box.right + 0.5 || f.scrollWidth > f.clientWidth + 1)
        .map((f) => f.textContent);
    });
    assert.equal(await dialog.locator('.picker-facts').filter({ hasText: 'from $0.30 / $2.50 /MTok' }).count(), 1);
    assert.deepEqual(cut, [], 'prices or context cut off in a narrow panel');
    assert.equal(
      await dialog.locator('.host-chip.needs-key').first().getAttribute('title'),
      'Groq: ok · $0.59 / $0.79 per MTok · no key set',
    );
    await p.page.setViewportSize(wide);
    await dialog.locator('.picker-prefs summary').click();
    await shot(p, 'chat-model-picker');
    await dialog.locator('[data-testid=model-search]').fill('gemini');
    assert.equal(await dialog.locator('.picker-row').count(), 1);
    await p.page.keyboard.press('ArrowDown');
    await p.page.keyboard.press('Enter');
    assert.deepEqual((await p.sent()).filter((m) => m.type === 'setModel').at(-1)?.payload, { model: 'google/gemini-2.5-flash' });
    assert.equal(await dialog.count(), 0);
  });

  it(`renders ${HOSTILE_PAYLOADS.length} hostile payloads without running any or loading anything remote`, async () => {
    const origin = new URL(p.page.url()).origin;
    const turns = HOSTILE_PAYLOADS.map((h, i) => ({
      id: `x${i}`,
      role: 'assistant',
      text: `**${h.name}**\n\n${h.markdown}`,
      createdAt: 10 + i,
      model: 'evil/model',
    }));
    await p.post('state', chatState([turnUser, ...turns.slice(0, 10)]));
    // The rest arrive as a stream, the way a model would send them.
    const streaming = { id: 'xs', role: 'assistant', text: '', createdAt: 99, model: 'evil/model' };
    await p.post('state', chatState([turnUser, ...turns.slice(0, 10), streaming], { busy: true, streamingId: 'xs' }));
    for (const t of turns.slice(10))
      for (const chunk of `${t.text}\n\n`.match(/[\s\S]{1,7}/g) ?? []) await p.post('streamDelta', { messageId: 'xs', text: chunk });
    await p.post('streamDelta', { messageId: 'xs', text: '\n\nEND-OF-PAYLOADS' });
    await p.page.waitForFunction(() => document.body.innerText.includes('END-OF-PAYLOADS'));
    await p.page.waitForTimeout(300);
    for (const a of await p.page.locator('.message-body a').all()) await a.click({ force: true }).catch(() => undefined);
    await p.page.waitForTimeout(200);
    const probe = await p.page.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: unknown }).__pwned,
      bad: [
        ...document.querySelectorAll(
          '.messages script, .messages iframe, .messages svg, .messages object, .messages embed, .messages form, .messages style, .messages meta, [href]',
        ),
      ]
        .filter((e) => e.closest('.messages'))
        .map((e) => e.outerHTML),
      handlers: [...document.querySelectorAll('.messages *')].flatMap((e) =>
        [...e.attributes].filter((a) => a.name.startsWith('on')).map((a) => a.name),
      ),
      imgs: [...document.querySelectorAll('.messages img')].map((i) => i.getAttribute('src')),
    }));
    assert.equal(probe.pwned, undefined);
    assert.deepEqual(probe.bad, []);
    assert.deepEqual(probe.handlers, []);
    for (const src of probe.imgs) assert.match(src ?? '', /^data:image\/(png|gif|jpe?g|webp);base64,/);
    const remote = p.requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:'));
    assert.deepEqual(remote, []);
    const opened = (await p.sent()).filter((m) => m.type === 'openLink').map((m) => m.payload.href as string);
    for (const href of opened) assert.match(href, /^(https?:|mailto:)/);
    await shot(p, 'chat-xss');
  });
});

async function waitForSent(p: ChatPage, type: string): Promise<{ type: string; id?: number; payload: any }> {
  for (let i = 0; i < 100; i++) {
    const m = (await p.sent()).filter((x) => x.type === type).at(-1);
    if (m) return m;
    await p.page.waitForTimeout(50);
  }
  throw new Error(`the webview never sent ${type}`);
}
