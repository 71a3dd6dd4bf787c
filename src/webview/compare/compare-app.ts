// The compare view: a prompt, 2–4 model fields, and one streaming column per model with its cost,
// time to first token and speed. Rendering goes through the shared sanitizing markdown pipeline.
import type { LaneResult, PayloadOf, ToWebviewMessages } from '../../shared/protocol';
import { decorateCodeBlocks } from '../shared/code-blocks';
import { clear, h, icon } from '../shared/dom';
import { delegateLinks } from '../shared/links';
import { createMarkdownRenderer } from '../shared/markdown';
import { StreamingBody } from '../shared/streaming-body';
import { connectToHost } from '../shared/vscode-api';
import { formatMs, formatTokensPerSecond, formatTokensShort as tokens, formatUsd as usd } from '../../common/format';

type Init = PayloadOf<ToWebviewMessages, 'compare.init'>;

interface Column {
  root: HTMLElement;
  /** waiting / streaming / done; beside it, the first-token time, which must outlive a state change. */
  status: HTMLElement;
  ttft: HTMLElement;
  body: HTMLElement;
  footer: HTMLElement;
  actions: HTMLElement;
  text: string;
  scheduled: boolean;
  streaming?: StreamingBody;
  /** The lane has ended: its last paint highlights a code block the answer left open. */
  done?: boolean;
}

/** Mounts the compare UI into `root` and connects it to the host. */
export function startCompare(root: HTMLElement): void {
  const host = connectToHost();
  const render = createMarkdownRenderer(window);
  let columns: Column[] = [];

  const prompt = h('textarea', {
    class: 'compare-prompt',
    rows: 4,
    'aria-label': 'Prompt',
    placeholder: 'One prompt, sent to every model below',
    'data-testid': 'compare-prompt',
  });
  const datalist = h('datalist', { id: 'compare-models' });
  const modelFields = h('div', { class: 'model-fields', role: 'group', 'aria-label': 'Models to compare' });
  const addButton = h('button', { type: 'button', class: 'secondary-button', onclick: () => addModelField('') }, icon('add'), 'Add model');
  const runButton = h(
    'button',
    { type: 'button', class: 'primary-button', 'data-testid': 'compare-run', onclick: () => run() },
    icon('play'),
    'Compare',
  );
  const stopButton = h(
    'button',
    {
      type: 'button',
      class: 'secondary-button',
      hidden: true,
      'data-testid': 'compare-stop',
      onclick: () => host.post('compare.stop', {}),
    },
    icon('debug-stop'),
    'Stop',
  );
  const error = h('p', { class: 'compare-error', role: 'alert', hidden: true });
  const grid = h('div', { class: 'compare-grid', role: 'region', 'aria-label': 'Answers' });

  root.append(
    h(
      'div',
      { class: 'compare' },
      h(
        'header',
        { class: 'compare-form' },
        prompt,
        datalist,
        modelFields,
        h('div', { class: 'compare-buttons' }, addButton, h('span', { class: 'spacer' }), stopButton, runButton),
        error,
      ),
      grid,
    ),
  );
  prompt.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      run();
    }
  });
  delegateLinks(grid, (href) => host.post('compare.openLink', { href }));

  function modelValues(): string[] {
    return [...modelFields.querySelectorAll('input')].map((i) => i.value.trim()).filter(Boolean);
  }

  function addModelField(value: string): void {
    if (modelFields.children.length >= 4) return;
    const input = h('input', {
      type: 'text',
      list: 'compare-models',
      value,
      placeholder: 'Model, e.g. openai/gpt-4o or groq:llama-3.3-70b',
      'aria-label': `Model ${modelFields.children.length + 1}`,
      spellcheck: 'false',
    });
    const row = h('div', { class: 'model-field' }, input);
    row.append(
      h(
        'button',
        {
          type: 'button',
          class: 'icon-button',
          title: 'Remove model',
          'aria-label': 'Remove model',
          onclick: () => {
            if (modelFields.children.length > 2) row.remove();
            else input.value = '';
            addButton.hidden = modelFields.children.length >= 4;
          },
        },
        icon('close'),
      ),
    );
    modelFields.append(row);
    addButton.hidden = modelFields.children.length >= 4;
  }

  function run(): void {
    const models = [...new Set(modelValues())];
    const text = prompt.value.trim();
    const problem = !text ? 'Type a prompt first.' : models.length < 2 ? 'Pick at least two different models.' : undefined;
    error.hidden = !problem;
    error.textContent = problem ?? '';
    if (problem) return;
    host.post('compare.run', { prompt: text, models });
  }

  function makeColumn(model: string, lane: number): Column {
    const status = h('span', { class: 'column-state', 'data-testid': 'compare-column-state', text: 'waiting…' });
    const ttft = h('span', { class: 'column-ttft', 'data-testid': 'compare-column-ttft' });
    const body = h('div', { class: 'message-body column-body', 'aria-live': 'polite' });
    const footer = h('div', { class: 'column-footer hint' });
    const actions = h('div', { class: 'column-actions', hidden: true });
    actions.append(
      // Always enabled: an editor opened after this view must work, and the host says when there is none.
      h(
        'button',
        {
          type: 'button',
          class: 'primary-button',
          'data-testid': 'compare-use-answer',
          title: 'Insert at the cursor of the last editor',
          onclick: () => host.post('compare.useAnswer', { lane, target: 'insert' }),
        },
        icon('insert'),
        'Use this answer',
      ),
      h(
        'button',
        { type: 'button', class: 'secondary-button', onclick: () => host.post('compare.useAnswer', { lane, target: 'chat' }) },
        icon('comment-discussion'),
        'Continue in chat',
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'icon-button',
          title: 'Copy',
          'aria-label': 'Copy answer',
          onclick: () => host.post('compare.copy', { lane }),
        },
        icon('copy'),
      ),
    );
    const root = h(
      'article',
      { class: 'compare-column', 'data-testid': 'compare-column', 'data-model': model, 'aria-label': model },
      h(
        'header',
        { class: 'column-header' },
        h('strong', { class: 'column-model', text: model }),
        h('span', { class: 'column-status hint' }, status, ttft),
      ),
      body,
      footer,
      actions,
    );
    return { root, status, ttft, body, footer, actions, text: '', scheduled: false };
  }

  function paint(c: Column): void {
    if (c.scheduled) return;
    c.scheduled = true;
    requestAnimationFrame(() => {
      c.scheduled = false;
      // Only the blocks after the last finished one are redrawn: four long answers re-rendered whole
      // every frame would grow quadratically with their length.
      c.streaming ??= new StreamingBody(c.body, render.fragment, decorateCodeBlocks);
      if (c.done) c.streaming.finish(c.text);
      else c.streaming.update(c.text);
    });
  }

  host.on('compare.init', (p: Init) => {
    if (p.prompt) prompt.value = p.prompt;
    clear(datalist);
    for (const o of p.modelOptions) datalist.append(h('option', { value: o.id, label: o.detail ? `${o.label} · ${o.detail}` : o.label }));
    clear(modelFields);
    const initial = p.models.length >= 2 ? p.models : [...p.models, '', ''].slice(0, 2);
    for (const m of initial) addModelField(m);
    prompt.focus();
  });
  host.on('compare.start', ({ models }) => {
    columns = models.map(makeColumn);
    clear(grid);
    grid.dataset.count = String(columns.length);
    grid.append(...columns.map((c) => c.root));
    stopButton.hidden = false;
    runButton.disabled = true;
  });
  host.on('compare.delta', ({ lane, text }) => {
    const c = columns[lane];
    if (!c) return;
    c.text += text;
    c.status.textContent = 'streaming…';
    paint(c);
  });
  host.on('compare.laneMeta', ({ lane, servedBy, ttftMs }) => {
    const c = columns[lane];
    if (!c) return;
    if (servedBy) c.root.dataset.servedBy = servedBy;
    if (ttftMs !== undefined) c.ttft.textContent = ` · first token ${Math.round(ttftMs)} ms`;
  });
  host.on('compare.laneDone', ({ lane, result }) => {
    const c = columns[lane];
    if (!c) return;
    c.done = true;
    paint(c);
    c.status.textContent = result.cancelled ? 'stopped' : result.error ? 'failed' : 'done';
    c.root.dataset.state = result.cancelled ? 'cancelled' : result.error ? 'error' : 'done';
    clear(c.footer);
    c.footer.append(...footerParts(result));
    if (result.error) c.body.after(h('p', { class: 'compare-error', role: 'alert', text: result.error }));
    c.actions.hidden = c.text.length === 0;
  });
  host.on('compare.allDone', () => {
    stopButton.hidden = true;
    runButton.disabled = false;
  });
  host.on('compare.error', ({ message }) => {
    error.textContent = message;
    error.hidden = false;
    stopButton.hidden = true;
    runButton.disabled = false;
  });
  host.post('compare.ready', {});
}

function footerParts(r: LaneResult): HTMLElement[] {
  const cost =
    r.costStatus === 'free'
      ? 'free'
      : r.costStatus === 'unpriced' || r.costUsd === undefined
        ? 'cost unknown'
        : `${usd(r.costUsd)}${r.costStatus === 'estimated' ? ' (estimated)' : ''}`;
  const parts = [
    ['cost', cost],
    ['ttft', r.ttftMs === undefined ? 'TTFT –' : `TTFT ${formatMs(r.ttftMs)}`],
    ['tps', formatTokensPerSecond(r.tokensPerSec)],
    ['tokens', `${tokens(r.inputTokens)} in / ${tokens(r.outputTokens)} out${r.usageEstimated ? ' (estimated)' : ''}`],
  ];
  if (r.servedBy)
    parts.push(['served', `via ${r.servedBy}${r.fallbacks ? ` after ${r.fallbacks} fallback${r.fallbacks > 1 ? 's' : ''}` : ''}`]);
  return parts.flatMap(([k, v], i) => [
    ...(i > 0 ? [h('span', { class: 'sep', 'aria-hidden': 'true', text: '·' })] : []),
    h('span', { class: `stat stat-${k}`, 'data-stat': k, text: v }),
  ]);
}
