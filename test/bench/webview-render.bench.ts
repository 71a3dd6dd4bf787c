// webview_render_5000_deltas_ms: main-thread time (Chromium's TaskDuration) the chat webview spends
// rendering a 5,000-delta markdown stream, delivered 50 deltas per frame as a very fast model would.
// webview_render_code_block_ms: the same for one code block of 300 lines, on the warm page.
// Uses the real production bundle and CSP (see test/e2e/ui/chat-page.ts).
//
// Each run opens a new page and streams two such answers into one conversation. The first is the
// headline figure: in a new webview V8 still runs markdown-it, highlight.js and DOMPurify
// unoptimized, so it is the costliest stream a user meets. The second, with the first answer as
// history above it, is what every later answer costs.
//
// The direct call: the same deltas, delivered the same way, shown as plain text in a following
// scroller on a bare page. It is the floor of any renderer here (the harness's own message events
// and frames included), and the ratio against it moves less with machine load than the milliseconds.
//
// BENCH_TRACE=<file.json> records a Chromium trace with the sampling profiler of each page's first
// stream (BENCH_TRACE_STREAM=s2: the later one) and prints where its main thread spent the time.
// The profiler slows the page: read the shares, not the milliseconds. With SB_DIST at a development
// bundle (`node esbuild.js`) the JavaScript is broken down by module.
import type { Page } from 'playwright-core';
import type { BenchResult } from './run';
import { chatState, openChatPage } from '../e2e/ui/chat-page';
import { startTrace } from './webview-trace';

const DELTAS = 5000;

/** What a stream sends: an opening delta, then `deltas` deltas cycling through `pieces`. */
interface StreamSpec {
  head: string;
  pieces: string[];
  deltas: number;
  /** A piece the rendered text shows once per cycle: the stream is shown when all are. */
  marker: string;
}

const ANSWER: StreamSpec = {
  head: '',
  pieces: [
    'Some **bold** text, ',
    '`inline code`, ',
    'a [link](https://example.com) ',
    'and more words. ',
    '\n\n',
    '- a list item\n',
    '```ts\nconst x = 1;\n',
    '```\n',
  ],
  deltas: DELTAS,
  marker: 'and more words.',
};

/** One code block of 300 lines streamed whole: the block stays open, and is redrawn, to its end. */
const CODE_BLOCK: StreamSpec = {
  head: 'Here it is:\n\n```ts\n',
  pieces: ['  const total = ', 'compute(items, "sum")', ' + other.call(2, 3);', ' // keep it', '\n'],
  deltas: 1500,
  marker: '// keep it',
};

/** Median over several runs, each in a fresh page: one run swings by a third with machine load. */
export async function run(): Promise<BenchResult[]> {
  const runs = Number(process.env.BENCH_RENDER_RUNS ?? 5);
  const first: number[] = [];
  const later: number[] = [];
  const plain: number[] = [];
  const cpu: number[] = [];
  const laterCpu: number[] = [];
  const code: number[] = [];
  const codeCpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await once();
    code.push(r.code);
    codeCpu.push(r.codeCpu);
    first.push(r.first);
    later.push(r.later);
    plain.push(r.plain);
    cpu.push(r.cpu);
    laterCpu.push(r.laterCpu);
  }
  const list = (xs: number[]) => xs.map((t) => t.toFixed(0)).join(', ');
  console.log(`  (runs, ms: first stream ${list(first)}; later stream ${list(later)}; plain text ${list(plain)})`);
  return [
    { id: 'webview_render_5000_deltas_ms', value: median(first), unit: 'ms', target: '≤ 600' },
    { id: 'webview_render_5000_deltas_later_ms', value: median(later), unit: 'ms' },
    { id: 'webview_render_plain_text_ms', value: median(plain), unit: 'ms' },
    { id: 'webview_render_ratio_vs_plain_text', value: median(first.map((t, i) => t / plain[i])), unit: 'x' },
    { id: 'webview_render_later_ratio_vs_plain_text', value: median(later.map((t, i) => t / plain[i])), unit: 'x' },
    // The main thread's CPU time: unlike task time it leaves out the time the thread waited for a core.
    { id: 'webview_render_5000_deltas_cpu_ms', value: median(cpu), unit: 'ms' },
    { id: 'webview_render_5000_deltas_later_cpu_ms', value: median(laterCpu), unit: 'ms' },
    { id: 'webview_render_code_block_ms', value: median(code), unit: 'ms' },
    { id: 'webview_render_code_block_cpu_ms', value: median(codeCpu), unit: 'ms' },
  ];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

interface Once {
  first: number;
  later: number;
  plain: number;
  cpu: number;
  laterCpu: number;
  code: number;
  codeCpu: number;
}

async function once(): Promise<Once> {
  const p = await openChatPage();
  try {
    const user = (id: string) => ({ id, role: 'user', text: 'go', createdAt: 1 });
    const cdp = await p.page.context().newCDPSession(p.page);
    await cdp.send('Performance.enable');
    const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((x) => [x.name, x.value * 1000]));

    const measure = async (history: object[], id: string, spec = ANSWER): Promise<{ ms: number; cpu: number; text: string }> => {
      await p.post(
        'state',
        chatState([...history, user(`u-${id}`), { id, role: 'assistant', text: '', createdAt: 2, model: 'm' }], {
          busy: true,
          streamingId: id,
        }),
      );
      await p.page.locator(`[data-id=${id}]`).waitFor();
      const trace = process.env.BENCH_TRACE && id === (process.env.BENCH_TRACE_STREAM ?? 's1') ? await startTrace(p.page) : undefined;
      const m0 = await metrics();
      const text = await stream(p.page, id, spec);
      const m1 = await metrics();
      if (trace) console.log(await trace.stop(process.env.BENCH_TRACE!));
      const d = (k: string) => (m1[k] - m0[k]).toFixed(0);
      if (process.env.BENCH_DETAIL)
        console.log(
          `    ${id}: task ${d('TaskDuration')} script ${d('ScriptDuration')} layout ${d('LayoutDuration')} style ${d('RecalcStyleDuration')} cpu ${d('ThreadTime')}`,
        );
      const rendered = await p.page.locator(`[data-id=${id}] [data-testid=message-body]`).evaluate((el) => el.textContent ?? '');
      if (rendered.split(spec.marker).length !== text.split(spec.marker).length) throw new Error(`stream ${id} was not rendered`);
      // Text rendered below the fold is far cheaper; a run that stopped following would flatter us.
      const gap = await p.page.evaluate(() => {
        const l = document.querySelector('.messages')!;
        return l.scrollHeight - l.scrollTop - l.clientHeight;
      });
      if (gap > 2) throw new Error(`the log stopped following stream ${id} (${gap} px above the end)`);
      return { ms: m1.TaskDuration - m0.TaskDuration, cpu: m1.ThreadTime - m0.ThreadTime, text };
    };

    const a = await measure([], 's1');
    const finished = { id: 's1', role: 'assistant', text: a.text, createdAt: 2, model: 'm', meta: { finishReason: 'stop' } };
    await p.post('turnDone', { conversationId: 'c1', turn: finished });
    const b = await measure([user('u-s1'), finished], 's2');
    // In a conversation of its own, so the answers above add nothing to it.
    const c = await measure([], 's3', CODE_BLOCK);
    return { first: a.ms, later: b.ms, plain: await plainText(p.page), cpu: a.cpu, laterCpu: b.cpu, code: c.ms, codeCpu: c.cpu };
  } finally {
    await p.close();
  }
}

/** The direct call: the same stream shown as plain text in a following scroller, on a bare page. */
async function plainText(chat: Page): Promise<number> {
  const page = await chat.context().newPage();
  try {
    await page.setViewportSize(chat.viewportSize() ?? { width: 420, height: 760 });
    await page.setContent('<div id=log style="height:100vh;overflow-y:auto;white-space:pre-wrap;font:13px system-ui"></div>');
    // Buffered per frame into one block each, as our renderer does; a single growing text node would
    // re-lay the whole answer every frame and make the floor meaninglessly slow.
    await page.evaluate(`(() => {
      const log = document.getElementById('log');
      let pending = '';
      window.addEventListener('message', (e) => {
        if (!pending) requestAnimationFrame(() => {
          log.appendChild(document.createElement('div')).textContent = pending;
          pending = '';
          log.scrollTop = log.scrollHeight;
        });
        pending += e.data.payload.text;
      });
    })()`);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const task = async () => ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
    const before = await task();
    await stream(page, 'plain', ANSWER);
    return (await task()) - before;
  } finally {
    await page.close();
  }
}

/** Streams `spec` into message `id`, 50 deltas per animation frame; resolves with the full text. */
function stream(page: Page, id: string, spec: StreamSpec): Promise<string> {
  // A string so the bundler of this file cannot wrap the in-page code with its own helpers.
  return page.evaluate(`new Promise((done) => {
    const pieces = ${JSON.stringify(spec.pieces)};
    let i = 0;
    let text = '';
    const send = (piece) => {
      text += piece;
      window.dispatchEvent(new MessageEvent('message', { data: { type: 'streamDelta', payload: { messageId: ${JSON.stringify(id)}, text: piece } } }));
    };
    if (${JSON.stringify(spec.head)}) send(${JSON.stringify(spec.head)});
    const frame = () => {
      for (let k = 0; k < 50 && i < ${spec.deltas}; k++, i++) send(pieces[i % pieces.length]);
      if (i < ${spec.deltas}) requestAnimationFrame(frame);
      else requestAnimationFrame(shown);
    };
    // Done once the page shows every delta: the frame coalescer may hold the last ones back for a
    // few frames after a heavy render. A page without the message (the plain text floor) waits two
    // frames, as before.
    const marker = ${JSON.stringify(spec.marker)};
    const shown = () => {
      const body = document.querySelector('[data-id=${id}] [data-testid=message-body]');
      if (!body) requestAnimationFrame(() => done(text));
      else if (body.textContent.split(marker).length >= text.split(marker).length) done(text);
      else requestAnimationFrame(shown);
    };
    requestAnimationFrame(frame);
  })`);
}
