// A long chat in the chat webview (real bundle and CSP), fed what the host's StatePoster posts:
// the whole state once, then patches. A new answer at the end of 100 turns must show exactly as in
// a short chat, and no earlier turn may be drawn again.
import * as assert from 'node:assert/strict';
import { StatePoster } from '../../../src/app/chat/state-poster';
import type { ChatTurn, Conversation } from '../../../src/shared/protocol';
import { answerText, longConversation, tokenDeltas } from '../../bench/long-chat-content';
import { openChatPage, type ChatPage } from './chat-page';

/** The host's side: a conversation edited in place, posted through a StatePoster. */
function scriptedHost(p: ChatPage, messages: ChatTurn[]) {
  const poster = new StatePoster();
  const sent: { type: string; payload: unknown }[] = [];
  const surface = { post: ((type: string, payload: unknown) => (sent.push({ type, payload }), true)) as never };
  const conversation: Conversation = { id: 'c1', title: 'Long', createdAt: 1, updatedAt: 1, model: 'm', messages };
  return {
    conversation,
    sent,
    /** Posts the state as the controller does, and delivers what the poster sent. */
    async push(busy = false, streamingId?: string) {
      const from = sent.length;
      const summary = { id: 'c1', title: conversation.title, updatedAt: conversation.updatedAt, messageCount: messages.length };
      poster.post([surface], { conversations: [summary], conversation, model: 'm', busy, streamingId });
      for (const m of sent.slice(from)) await p.post(m.type, m.payload);
      return sent.slice(from);
    },
  };
}

/** Streams deltas into message `id` inside the page, 50 per frame, and waits for the last frame. */
function stream(p: ChatPage, id: string, deltas: string[]): Promise<void> {
  // A string: tsx would wrap a function's inner named closures in a helper the page lacks.
  return p.page.evaluate(`new Promise((done) => {
    const deltas = ${JSON.stringify(deltas)};
    let i = 0;
    const frame = () => {
      for (let k = 0; k < 50 && i < deltas.length; k++, i++)
        window.dispatchEvent(new MessageEvent('message', { data: { type: 'streamDelta', payload: { messageId: ${JSON.stringify(id)}, text: deltas[i] } } }));
      if (i < deltas.length) requestAnimationFrame(frame);
      else done();
    };
    requestAnimationFrame(frame);
  })`);
}

describe('a long chat (100 turns) in the chat webview', function () {
  let p: ChatPage;
  before(async function () {
    this.timeout(60_000);
    p = await openChatPage();
  });
  after(async () => p?.close());

  it('shows a new answer at its end from the patches the host sends, drawing no earlier turn again', async () => {
    const host = scriptedHost(p, longConversation(100) as ChatTurn[]);
    const [first] = await host.push();
    assert.equal(first.type, 'state');
    await p.page.locator('[data-id=a99] [data-action=regenerate]').waitFor({ state: 'attached', timeout: 30_000 });
    await p.page.evaluate(() => {
      (window as unknown as { marked: Element[] }).marked = [...document.querySelectorAll('[data-testid=message]')];
    });

    const answer = answerText(100);
    const turn: ChatTurn = { id: 'a100', role: 'assistant', text: '', createdAt: 2, model: 'm' };
    host.conversation.messages.push({ id: 'u100', role: 'user', text: 'One more question.', createdAt: 2 }, turn);
    host.conversation.updatedAt = 2;
    const send = await host.push(true, 'a100');
    assert.deepEqual(
      send.map((m) => m.type),
      ['statePatch'],
    );
    assert.ok(JSON.stringify(send[0].payload).length < 2000, 'the send posts the two new turns, not the conversation');
    await p.page.locator('[data-id=a100]').waitFor();
    await stream(p, 'a100', tokenDeltas(answer));
    Object.assign(turn, { text: answer, meta: { finishReason: 'stop', charge: { usd: 0.0123, status: 'exact' } } });
    await p.post('turnDone', { conversationId: 'c1', turn });
    assert.deepEqual(
      (await host.push()).map((m) => m.type),
      ['statePatch'],
    );
    await p.page.locator('[data-id=a100] [data-action=regenerate]').waitFor({ state: 'attached' });

    const shown = await p.page.evaluate(() => ({
      ids: [...document.querySelector('[role=log]')!.children].map((el) => el.getAttribute('data-id')),
      // Turns far out of view hold no DOM: of the turns drawn now, those drawn anew.
      redrawn: (window as unknown as { marked: Element[] }).marked
        .filter((el) => {
          const now = document.querySelector(`[data-testid=message][data-id=${el.getAttribute('data-id')}]`);
          return now && now !== el;
        })
        .map((el) => el.getAttribute('data-id')),
      body: document.querySelector('[data-id=a100] [data-testid=message-body]')!.textContent ?? '',
      blocks: document.querySelectorAll('[data-id=a100] .code-block').length,
      footer: document.querySelector('[data-id=a100] [data-testid=footer]')?.textContent ?? '',
      regenerate: document.querySelectorAll('[data-action=regenerate]').length,
    }));
    assert.deepEqual(
      shown.ids,
      host.conversation.messages.map((m) => m.id),
    );
    assert.deepEqual(shown.redrawn.sort(), ['a99', 'u99'], 'only the previous pair changes: it loses its buttons');
    assert.equal(shown.blocks, answer.split('```').length / 2 - 0.5, 'every code block of the answer');
    assert.ok(shown.body.length > answer.length / 2, 'the answer is shown to its end');
    assert.ok(shown.footer.includes('$0.01'), shown.footer);
    assert.equal(shown.regenerate, 1);
    assert.equal((await p.sent()).filter((m) => m.type === 'ready').length, 1, 'every patch applied; the view never asked again');

    // The same answer drawn alone, from a whole state, reads the same.
    await p.post('state', {
      ...(host.sent[0].payload as object),
      conversation: { ...host.conversation, id: 'c2', messages: [turn] },
      rev: 0,
    });
    await p.page.locator('[data-id=u0]').waitFor({ state: 'detached' });
    const alone = await p.page.locator('[data-id=a100] [data-testid=message-body]').evaluate((el) => el.textContent ?? '');
    assert.equal(shown.body, alone);
  });

  it('keeps DOM only for the turns near the view, and draws a turn again when it is scrolled to', async () => {
    const host = scriptedHost(p, longConversation(100) as ChatTurn[]);
    await host.push();
    await p.page.locator('[data-id=a99] [data-action=regenerate]').waitFor({ state: 'attached', timeout: 30_000 });
    const real = () =>
      p.page.evaluate(() => [...document.querySelectorAll('[data-testid=message]')].map((el) => el.getAttribute('data-id')));
    await p.page.waitForFunction(() => document.querySelectorAll('[data-testid=message]').length < 30, undefined, { timeout: 10_000 });
    const shown = await p.page.evaluate(() => ({
      order: [...document.querySelector('[role=log]')!.children].map((el) => el.getAttribute('data-id')),
      hidden: [...document.querySelectorAll('[data-testid=message-placeholder]')].every(
        (el) => el.getAttribute('aria-hidden') === 'true' && !el.childElementCount,
      ),
    }));
    assert.deepEqual(
      shown.order,
      host.conversation.messages.map((m) => m.id),
      'every turn keeps its place, drawn or not',
    );
    assert.ok(shown.hidden, 'a far turn is an empty box that screen readers skip');
    assert.ok((await real()).includes('a99') && !(await real()).includes('a0'), 'the last turns are drawn, the first are not');

    // A far turn drawn again takes the place of its placeholder without moving what is in view.
    const anchor = async () =>
      p.page.evaluate(() => {
        const log = document.querySelector('[role=log]')!;
        const top = log.getBoundingClientRect().top;
        const el = [...document.querySelectorAll('[data-testid=message]')].find((m) => m.getBoundingClientRect().bottom > top)!;
        return { id: el.getAttribute('data-id'), top: Math.round(el.getBoundingClientRect().top) };
      });
    await p.page.evaluate(() => {
      const log = document.querySelector('[role=log]')!;
      log.scrollTop = log.scrollHeight / 2;
    });
    await p.page.waitForFunction(() => document.querySelectorAll('[data-testid=message]').length > 4);
    const before = await anchor();
    await p.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await p.page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
    assert.deepEqual(await anchor(), before, 'no jump while turns around the view are swapped');

    await p.page.evaluate(() => (document.querySelector('[role=log]')!.scrollTop = 0));
    const a0 = p.page.locator('[data-testid=message][data-id=a0]');
    await a0.locator('.code-block').first().waitFor({ timeout: 10_000 });
    const body = await a0.locator('[data-testid=message-body]').evaluate((el) => el.textContent ?? '');
    assert.ok(body.includes('Part 1') && body.includes('function handler0'), body.slice(0, 200));
    assert.ok(!(await real()).includes('a90'), 'turns near the bottom are far now: dropped');
    await a0.locator('.code-block').first().hover();
    await a0.locator('.code-block [data-code-action=copy]').first().click();
    await a0.locator('[data-action=copy-answer]').click({ force: true });
    const copied = (await p.sent()).filter((m) => m.type === 'copyText').map((m) => m.payload.text as string);
    assert.ok(
      copied.some((t) => t.startsWith('function handler0')),
      'a code block of a turn drawn again copies',
    );
    assert.ok(copied.includes(host.conversation.messages[1].text), 'its answer copies');
  });

  it('asks for the whole state when a patch does not fit what it shows', async () => {
    const before = (await p.sent()).filter((m) => m.type === 'ready').length;
    await p.post('statePatch', { conversationId: 'c1', base: 999, rev: 1000, length: 0, turns: [], busy: false });
    await p.page.waitForFunction(
      (n) => (window as unknown as { __sent: { type: string }[] }).__sent.filter((m) => m.type === 'ready').length > n,
      before,
    );
  });
});
