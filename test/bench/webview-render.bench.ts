// webview_render_5000_deltas_ms: main-thread time (Chromium's TaskDuration) the chat webview spends
// rendering a 5,000-delta markdown stream, delivered 50 deltas per frame as a fast model would.
// Uses the real production bundle and CSP (see test/e2e/ui/chat-page.ts).
import type { BenchResult } from './run';
import { chatState, openChatPage } from '../e2e/ui/chat-page';

const DELTAS = 5000;

/** Runs the bench once in headless Chromium. */
export async function run(): Promise<BenchResult[]> {
  const p = await openChatPage();
  try {
    await p.post('state', chatState([{ id: 'u', role: 'user', text: 'go', createdAt: 1 }, { id: 's', role: 'assistant', text: '', createdAt: 2, model: 'm' }], { busy: true, streamingId: 's' }));
    await p.page.locator('[data-id=s]').waitFor();
    const cdp = await p.page.context().newCDPSession(p.page);
    await cdp.send('Performance.enable');
    const task = async () => ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
    const before = await task();
    // A string so the bundler of this file cannot wrap the in-page code with its own helpers.
    await p.page.evaluate(`new Promise((done) => {
      const pieces = ['Some **bold** text, ', '\`inline code\`, ', 'a [link](https://example.com) ', 'and more words. ', '\\n\\n', '- a list item\\n', '\`\`\`ts\\nconst x = 1;\\n', '\`\`\`\\n'];
      let i = 0;
      const frame = () => {
        for (let k = 0; k < 50 && i < ${DELTAS}; k++, i++) {
          window.dispatchEvent(new MessageEvent('message', { data: { type: 'streamDelta', payload: { messageId: 's', text: pieces[i % pieces.length] } } }));
        }
        if (i < ${DELTAS}) requestAnimationFrame(frame);
        else requestAnimationFrame(() => requestAnimationFrame(() => done()));
      };
      requestAnimationFrame(frame);
    })`);
    const ms = (await task()) - before;
    const rendered = await p.page.locator('[data-id=s] [data-testid=message-body]').innerText();
    if (!rendered.includes('and more words.')) throw new Error('the stream was not rendered');
    return [{ id: 'webview_render_5000_deltas_ms', value: ms, unit: 'ms', target: '≤ 1000' }];
  } finally {
    await p.close();
  }
}
