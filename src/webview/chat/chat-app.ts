// The chat webview: state from the host, streaming with per-frame coalescing, and user actions
// turned into validated messages. The host owns conversations; this is only a view of them.
import { applyStatePatch, type ChatTurn, type PickerGrouping } from '../../shared/protocol';
import type { PayloadOf, ToWebviewMessages } from '../../shared/protocol';
import { h, icon } from '../shared/dom';
import { warmHighlighter } from '../shared/highlight';
import { delegateLinks } from '../shared/links';
import { createMarkdownRenderer } from '../shared/markdown';
import { warmRenderer } from '../shared/warm-up';
import { connectToHost, loadUiState, saveUiState } from '../shared/vscode-api';
import { createComposer } from './composer';
import { handleCodeActions } from './code-actions';
import { createConversationBar } from './conversation-bar';
import { FarTurns, farView } from './far-turns';
import { FrameCoalescer } from './frame-coalescer';
import { renderTurn, type TurnHandlers, type TurnPosition, type TurnView } from './message-view';
import { openModelPicker } from './model-picker';

type ViewState = PayloadOf<ToWebviewMessages, 'state'>;

/** The last turns are always drawn: the bottom of the view is never a placeholder. */
const KEEP_DRAWN = 4;

const SCROLL_KEYS = new Set(['ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End', ' ']);

/** Mounts the chat UI into `root` and connects it to the host. */
export function startChat(root: HTMLElement): void {
  const host = connectToHost();
  const render = createMarkdownRenderer(window);
  const ui = loadUiState();
  let state: ViewState | undefined;
  let grouping: PickerGrouping = ui.pickerGroup ?? 'model';
  const views = new Map<string, TurnView>();
  const streamed = new Map<string, { text: string; reasoning: string }>();

  const handlers: TurnHandlers = {
    onErrorAction: (messageId, action) => host.post('errorAction', { messageId, action }),
    onRegenerate: () => host.post('regenerate', {}),
    onEdit: (turn) => composer.startEdit(turn.text),
    onCopyText: (text) => host.post('copyText', { text }),
  };

  const bar = createConversationBar({
    onSelect: (id) => host.post('selectConversation', { id }),
    onNew: () => host.post('newConversation', {}),
    onRename: (id) => host.post('renameConversation', { id }),
    onDelete: (id) => host.post('deleteConversation', { id }),
    onPickModel: () => void showPicker(),
    onReasoning: (effort) => host.post('setReasoning', { effort }),
  });
  const log = h('div', {
    class: 'messages',
    role: 'log',
    'aria-live': 'polite',
    'aria-relevant': 'additions text',
    'aria-label': 'Conversation',
  });
  const empty = h(
    'div',
    { class: 'empty-state' },
    icon('comment-discussion'),
    h('p', { text: 'Ask any model. Pick one above; Switchboard routes to a healthy host and shows what each answer cost.' }),
  );
  const composer = createComposer(
    {
      onSend: (text, editing) => host.post(editing ? 'editLast' : 'send', { text }),
      onStop: () => host.post('stop', {}),
      onEditLast: () => {
        const last = [...(state?.conversation.messages ?? [])].reverse().find((m) => m.role === 'user');
        if (last) composer.startEdit(last.text);
      },
      onDraft: (text) => saveUiState({ draft: text }),
    },
    ui.draft ?? '',
  );
  root.append(h('div', { class: 'chat' }, bar.element, log, composer.element));

  const coalescer = new FrameCoalescer(
    (cb) => requestAnimationFrame(cb),
    (id, text, reasoning) => {
      const buf = streamed.get(id) ?? { text: '', reasoning: '' };
      buf.text += text;
      buf.reasoning += reasoning;
      streamed.set(id, buf);
      views.get(id)?.setText(buf.text, buf.reasoning || undefined);
      if (following) scrollToBottom();
    },
  );

  async function showPicker(): Promise<void> {
    const button = bar.element.querySelector<HTMLElement>('[data-testid=model-picker]')!;
    await openModelPicker(root, button, grouping, {
      load: () => host.request('getPickerData', {}),
      onPick: (model) => host.post('setModel', { model }),
      onToggleFavourite: async (model) => (await host.request('toggleFavourite', { model })).favourites,
      onPreferences: (preferences) => host.post('setPreferences', { preferences }),
      onOpenQuickPick: () => host.post('openModelQuickPick', {}),
      onGroupingChange: (g) => {
        grouping = g;
        saveUiState({ pickerGroup: g });
      },
    });
  }

  // Whether the log follows new output. Only the user's own scrolling changes it: measuring the
  // distance to the bottom every frame would lose the bottom whenever blocks skipped off screen
  // take their real height on the way into view.
  let following = true;
  let lastUserInput = -Infinity;
  const userScrolls = () => (lastUserInput = performance.now());
  log.addEventListener('wheel', userScrolls, { passive: true });
  log.addEventListener('touchmove', userScrolls, { passive: true });
  // Keys that scroll, and presses on the scrollbar (whose target is the log itself); a click on a
  // button inside an answer is not a scroll.
  log.addEventListener('keydown', (e) => SCROLL_KEYS.has(e.key) && userScrolls());
  log.addEventListener('pointerdown', (e) => e.target === log && userScrolls());
  log.addEventListener('scroll', () => {
    if (performance.now() - lastUserInput < 1000) following = nearBottom();
  });
  function nearBottom(): boolean {
    return log.scrollHeight - log.scrollTop - log.clientHeight < 80;
  }
  function scrollToBottom(): void {
    log.scrollTop = log.scrollHeight;
  }

  /** Each turn's position flags; `busy` is set only on the turns whose buttons depend on it. */
  function positionsOf(messages: readonly ChatTurn[], s: ViewState): (turn: ChatTurn) => TurnPosition {
    const lastUser = messages.findLast((m) => m.role === 'user');
    const lastAssistant = messages.findLast((m) => m.role === 'assistant');
    return (turn) => {
      const isLastUser = turn === lastUser;
      const isLastAssistant = turn === lastAssistant;
      // On every other turn a change of busy would redraw it: a send in a long chat would rebuild all of it.
      return { isLastUser, isLastAssistant, streaming: turn.id === s.streamingId, busy: s.busy && (isLastUser || isLastAssistant) };
    };
  }

  // A turn whose content is unchanged keeps its rendered body (and, in the same position, all of its
  // DOM), so a send in a long conversation does not render every answer again. `changed` names the
  // turns a patch brought; the others are known to be as drawn and are not compared again.
  const drawn = new Map<string, { content: string; position: string; view: TurnView }>();

  // Turns dropped with their reasoning open: drawn again, they open it again.
  const openReasoning = new Set<string>();
  const far = new FarTurns(log, {
    dropped(id, placeholder) {
      const entry = drawn.get(id);
      if (entry?.view.element.querySelector('details.reasoning[open]')) openReasoning.add(id);
      if (entry) entry.view = farView(placeholder);
      if (views.has(id)) views.set(id, farView(placeholder));
    },
    redraw(id) {
      const entry = drawn.get(id);
      const turn = state?.conversation.messages.find((m) => m.id === id);
      if (!state || !entry || !turn) return undefined;
      const pos = positionsOf(state.conversation.messages, state)(turn);
      const view = renderTurn(turn, pos, render, handlers);
      if (openReasoning.delete(id)) view.element.querySelector('details.reasoning')?.setAttribute('open', '');
      drawn.set(id, { content: entry.content, position: JSON.stringify(pos), view });
      views.set(id, view);
      return view.element;
    },
  });

  function drawAll(s: ViewState, changed?: ReadonlySet<string>): void {
    coalescer.discard();
    views.clear();
    streamed.clear();
    const messages = s.conversation.messages;
    const elements: HTMLElement[] = [];
    const keep = new Map<string, { content: string; position: string; view: TurnView }>();
    const positionOf = positionsOf(messages, s);
    const droppable: HTMLElement[] = [];
    for (const [i, turn] of messages.entries()) {
      const pos = positionOf(turn);
      const same = changed && !changed.has(turn.id) ? drawn.get(turn.id)?.content : undefined;
      const content = pos.streaming ? '' : (same ?? JSON.stringify(turn));
      const position = JSON.stringify(pos);
      const old = content ? drawn.get(turn.id) : undefined;
      const view =
        old?.content === content
          ? old.position === position
            ? old.view
            : old.view.far
              ? renderTurn(turn, pos, render, handlers)
              : keepReasoningOpen(old.view, renderTurn(turn, pos, render, handlers, old.view.body))
          : renderTurn(turn, pos, render, handlers);
      if (i < messages.length - KEEP_DRAWN && !pos.streaming && !pos.isLastUser && !pos.isLastAssistant) droppable.push(view.element);
      if (content) keep.set(turn.id, { content, position, view });
      views.set(turn.id, view);
      if (pos.streaming) streamed.set(turn.id, { text: turn.text, reasoning: turn.reasoning ?? '' });
      elements.push(view.element);
    }
    drawn.clear();
    for (const [id, v] of keep) drawn.set(id, v);
    keepChildren(log, messages.length ? elements : [empty]);
    far.sync(droppable);
    following = true;
    scrollToBottom();
    // Groups skipped off screen enter at a placeholder height; once laid out, the bottom has moved.
    requestAnimationFrame(() => following && scrollToBottom());
  }

  function show(s: ViewState, changed?: ReadonlySet<string>): void {
    state = s;
    bar.update(s.conversations, s.conversation.id, s.model, s.busy, s.conversation.reasoning?.effort ?? 'off');
    composer.setBusy(s.busy);
    drawAll(s, changed);
  }
  host.on('state', (s) => show(s));
  host.on('statePatch', (p) => {
    const next = applyStatePatch(state, p);
    // A patch that does not fit what is shown (a message was lost): ask for the whole state.
    if (!next) return void host.post('ready', {});
    show(next, new Set(p.turns.map((t) => t.turn.id)));
  });
  host.on('streamDelta', (d) => coalescer.push(d.messageId, d.text ?? '', d.reasoning ?? ''));
  host.on('streamStatus', (d) => views.get(d.messageId)?.setStatus(d.status));
  host.on('turnDone', ({ conversationId, turn }) => {
    if (!state || state.conversation.id !== conversationId) return;
    coalescer.drain();
    const messages = state.conversation.messages;
    const i = messages.findIndex((m) => m.id === turn.id);
    if (i < 0) return;
    messages[i] = turn;
    // The host ends the stream before it says turnDone, and its next state says so too: draw the turn
    // as finished and remember it, so that state keeps this DOM instead of rendering it once more.
    if (state.streamingId === turn.id) state = { ...state, busy: false, streamingId: undefined };
    const previous = views.get(turn.id);
    const pos = positionsOf(messages, state)(turn);
    const view = renderTurn(turn, pos, render, handlers, previous?.takeStreamedBody(turn.text));
    if (previous) keepReasoningOpen(previous, view);
    previous?.element.replaceWith(view.element);
    views.set(turn.id, view);
    drawn.set(turn.id, { content: JSON.stringify(turn), position: JSON.stringify(pos), view });
    streamed.delete(turn.id);
    if (following) scrollToBottom();
  });
  host.on('focusInput', () => composer.focus());
  host.on('setDraft', ({ text }) => composer.setDraft(text));

  delegateLinks(log, (href) => host.post('openLink', { href }));
  handleCodeActions(log, (action, code, language) => {
    if (action === 'copy') host.post('copyText', { text: code });
    else host.post(action === 'insert' ? 'insertCode' : 'applyCode', { code, language });
  });
  window.addEventListener('error', (e) => host.post('webviewLog', { level: 'error', message: String(e.message).slice(0, 2000) }));

  host.post('ready', {});
  composer.focus();
  const whenIdle = (cb: () => void) => void requestIdleCallback(() => cb());
  warmHighlighter(whenIdle);
  warmRenderer(render.fragment, whenIdle);
}

/**
 * Makes `parent`'s children exactly `next`, leaving the common leading run in place: re-inserting
 * a kept answer would make the browser lay it out from scratch and forget its skipped groups' sizes.
 */
function keepChildren(parent: HTMLElement, next: readonly HTMLElement[]): void {
  let i = 0;
  while (i < next.length && parent.children[i] === next[i]) i++;
  while (parent.children.length > i) parent.lastElementChild!.remove();
  parent.append(...next.slice(i));
}

/** A redrawn turn keeps its reasoning section open if the reader had opened it. */
function keepReasoningOpen(from: TurnView, to: TurnView): TurnView {
  if (from.element.querySelector('details.reasoning')?.hasAttribute('open'))
    to.element.querySelector('details.reasoning')?.setAttribute('open', '');
  return to;
}
