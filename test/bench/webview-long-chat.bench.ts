// A long chat stays smooth: the chat webview (real bundle and CSP, see test/e2e/ui/chat-page.ts)
// holds a conversation of 100 answers of about 2,000 tokens each, with code blocks, and a new
// answer of the same kind streams in at its end, a token per delta at a fast model's pace.
//
// - webview_long_chat_append_ms: main-thread time (Chromium's TaskDuration) from the send (the
//   host's state with the new turn) through the stream to turnDone and the state after it. States
//   go as the host's StatePoster posts them (the whole state first, then patches);
//   BENCH_WHOLE_STATE=1 posts every state whole, as the host did before;
// - webview_empty_chat_append_ms: the same answer the same way in an empty conversation, in the
//   same page, so both run on equally warm code; the ratio is the figure with a target;
// - webview_long_chat_longest_task_ms: the longest main-thread task over that span, from a trace;
// - webview_long_chat_heap_mb and _dom_nodes: the webview's memory with the long chat shown,
//   after a garbage collection.
import type { CDPSession, Page } from 'playwright-core';
import type { BenchResult } from './run';
import { StatePoster } from '../../src/app/chat/state-poster';
import { chatState, openChatPage, type ChatPage } from '../e2e/ui/chat-page';
import { answerText, longConversation, tokenDeltas } from './long-chat-content';
import { traceMainThread } from './main-thread-trace';

const TURNS = 100;
/** Tokens per animation frame: about 240 tokens a second, a fast model. */
const TOKENS_PER_FRAME = 4;

interface Append {
  ms: number;
  longestTask: number;
}

/** Medians over several pages; the order of the long and the empty chat alternates between runs. */
export async function run(): Promise<BenchResult[]> {
  const runs = Number(process.env.BENCH_LONG_CHAT_RUNS ?? 3);
  const history = longConversation(TURNS);
  const answer = answerText(TURNS);
  const deltas = tokenDeltas(answer);
  const long: Append[] = [];
  const empty: Append[] = [];
  const opens: number[] = [];
  const heap: number[] = [];
  const nodes: number[] = [];
  for (let i = 0; i < runs; i++) {
    const p = withHost(await openChatPage());
    try {
      const measureLong = async () => {
        opens.push(await show(p, history));
        long.push(await append(p, history, answer, deltas));
        const m = await memory(p.page);
        heap.push(m.heapMb);
        nodes.push(m.nodes);
      };
      const measureEmpty = async () => {
        await show(p, []);
        empty.push(await append(p, [], answer, deltas));
      };
      if (i % 2 === 0) {
        await measureLong();
        await measureEmpty();
      } else {
        await measureEmpty();
        await measureLong();
      }
    } finally {
      await p.close();
    }
  }
  const list = (xs: number[]) => xs.map((t) => t.toFixed(0)).join(', ');
  console.log(
    `  (runs, ms: long ${list(long.map((a) => a.ms))}; empty ${list(empty.map((a) => a.ms))}; ` +
      `longest task ${list(long.map((a) => a.longestTask))}; opening the long chat ${list(opens)}; ${deltas.length} deltas)`,
  );
  const longMs = median(long.map((a) => a.ms));
  const emptyMs = median(empty.map((a) => a.ms));
  return [
    { id: 'webview_long_chat_append_ms', value: longMs, unit: 'ms' },
    { id: 'webview_empty_chat_append_ms', value: emptyMs, unit: 'ms' },
    { id: 'webview_long_chat_append_ratio_vs_empty', value: median(long.map((a, i) => a.ms / empty[i].ms)), unit: 'x', target: '≤ 1.2' },
    { id: 'webview_long_chat_longest_task_ms', value: Math.max(...long.map((a) => a.longestTask)), unit: 'ms', target: '≤ 50' },
    { id: 'webview_empty_chat_longest_task_ms', value: Math.max(...empty.map((a) => a.longestTask)), unit: 'ms' },
    { id: 'webview_long_chat_open_ms', value: median(opens), unit: 'ms' },
    { id: 'webview_long_chat_heap_mb', value: median(heap), unit: 'MB' },
    { id: 'webview_long_chat_dom_nodes', value: median(nodes), unit: 'nodes' },
  ];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Main-thread time so far (ms), through one CDP session per page: metrics count from its enable. */
const sessions = new WeakMap<Page, Promise<CDPSession>>();
async function taskMs(page: Page): Promise<number> {
  let session = sessions.get(page);
  if (!session) {
    session = page
      .context()
      .newCDPSession(page)
      .then(async (s) => (await s.send('Performance.enable'), s));
    sessions.set(page, session);
  }
  const cdp = await session;
  return ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
}

/** A chat page with the host's way of posting states. */
interface HostedPage extends ChatPage {
  state(messages: object[], extra?: Record<string, unknown>): Promise<void>;
}

function withHost(p: ChatPage): HostedPage {
  const poster = new StatePoster();
  const queue: { type: string; payload: unknown }[] = [];
  const surface = { post: ((type: string, payload: unknown) => (queue.push({ type, payload }), true)) as never };
  const whole = !!process.env.BENCH_WHOLE_STATE;
  return Object.assign(p, {
    async state(messages: object[], extra: Record<string, unknown> = {}) {
      const state = chatState(messages, extra) as never;
      if (whole) return p.post('state', state);
      poster.post([surface], state);
      for (const m of queue.splice(0)) await p.post(m.type, m.payload);
    },
  });
}

/** Shows a finished conversation, as opening it does; resolves with its main-thread time. */
async function show(p: HostedPage, messages: object[]): Promise<number> {
  const before = await taskMs(p.page);
  await p.state(messages);
  await frames(p.page, 3);
  return (await taskMs(p.page)) - before;
}

/** Sends one more question, streams the answer and finishes the turn; each step is traced on its own. */
async function append(p: HostedPage, history: object[], answer: string, deltas: string[]): Promise<Append> {
  const id = `new-${history.length}`;
  const user = { id: `u-${id}`, role: 'user', text: 'One more question.', createdAt: 2 };
  const turn = { id, role: 'assistant', text: answer, createdAt: 2, model: 'm', meta: { finishReason: 'stop' } };
  const longest: Record<string, number> = {};
  const traced = async (step: string, run: () => Promise<void>) => {
    const trace = await traceMainThread(p.page);
    await run();
    longest[step] = Math.max(0, ...(await trace.stop()));
  };
  const before = await taskMs(p.page);
  await traced('send', async () => {
    await p.state([...history, user, { id, role: 'assistant', text: '', createdAt: 2, model: 'm' }], { busy: true, streamingId: id });
    await until(p.page, `[data-id=${id}]`);
  });
  await traced('stream', () => stream(p.page, id, deltas));
  await traced('done', async () => {
    await p.post('turnDone', { conversationId: 'c1', turn });
    // The host follows turnDone with its state, the stream ended.
    await p.state([...history, user, turn]);
    await frames(p.page, 2);
  });
  const ms = (await taskMs(p.page)) - before;
  if (process.env.BENCH_DETAIL)
    console.log(
      `    ${history.length ? 'long' : 'empty'}: ${ms.toFixed(0)} ms; longest task ${Object.entries(longest)
        .map(([k, v]) => `${k} ${v.toFixed(0)}`)
        .join(', ')}`,
    );
  const body = await p.page.locator(`[data-id=${id}] [data-testid=message-body]`).innerText();
  if (!body.includes('return total0') && !body.includes('return total_0')) throw new Error(`answer ${id} was not rendered to its end`);
  const gap = await p.page.evaluate(() => {
    const l = document.querySelector('.messages')!;
    return l.scrollHeight - l.scrollTop - l.clientHeight;
  });
  if (gap > 2) throw new Error(`the log stopped following answer ${id} (${gap} px above the end)`);
  return { ms, longestTask: Math.max(...Object.values(longest)) };
}

/** The webview's JS heap and DOM size after a full garbage collection. */
async function memory(page: Page): Promise<{ heapMb: number; nodes: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const m = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((x) => [x.name, x.value]));
  await cdp.detach();
  return { heapMb: m.JSHeapUsedSize / 2 ** 20, nodes: m.Nodes };
}

/**
 * Waits for an element with one native query per frame: a Playwright locator walks the DOM in
 * script, which in a page of 150,000 nodes would add its own long task to the figure.
 */
function until(page: Page, selector: string): Promise<void> {
  return page.evaluate(
    `new Promise((done) => { const f = () => (document.querySelector(${JSON.stringify(selector)}) ? done() : requestAnimationFrame(f)); f(); })`,
  );
}

function frames(page: Page, n: number): Promise<void> {
  return page.evaluate(
    `new Promise((done) => { let k = ${n}; const f = () => (--k > 0 ? requestAnimationFrame(f) : done()); requestAnimationFrame(f); })`,
  );
}

/** Streams the deltas into message `id`, TOKENS_PER_FRAME per animation frame. */
function stream(page: Page, id: string, deltas: string[]): Promise<void> {
  // A string so the bundler of this file cannot wrap the in-page code with its own helpers.
  return page.evaluate(`new Promise((done) => {
    const deltas = ${JSON.stringify(deltas)};
    let i = 0;
    const frame = () => {
      for (let k = 0; k < ${TOKENS_PER_FRAME} && i < deltas.length; k++, i++)
        window.dispatchEvent(new MessageEvent('message', { data: { type: 'streamDelta', payload: { messageId: ${JSON.stringify(id)}, text: deltas[i] } } }));
      if (i < deltas.length) requestAnimationFrame(frame);
      else requestAnimationFrame(() => requestAnimationFrame(done));
    };
    requestAnimationFrame(frame);
  })`);
}
