// The chat webview: state from the host, streaming with per-frame coalescing, and user actions
// turned into validated messages. The host owns conversations; this is only a view of them.
import type { ChatTurn, PickerGrouping } from '../../shared/protocol';
import type { PayloadOf, ToWebviewMessages } from '../../shared/protocol';
import { clear, h, icon } from '../shared/dom';
import { createMarkdownRenderer } from '../shared/markdown';
import { connectToHost, loadUiState, saveUiState } from '../shared/vscode-api';
import { createComposer } from './composer';
import { handleCodeActions } from './code-actions';
import { createConversationBar } from './conversation-bar';
import { FrameCoalescer } from './frame-coalescer';
import { renderTurn, type TurnHandlers, type TurnView } from './message-view';
import { openModelPicker } from './model-picker';

type ViewState = PayloadOf<ToWebviewMessages, 'state'>;

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
  });
  const log = h('div', { class: 'messages', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions text', 'aria-label': 'Conversation' });
  const empty = h('div', { class: 'empty-state' }, icon('comment-discussion'), h('p', { text: 'Ask any model. Pick one above; Switchboard routes to a healthy host and shows what each answer cost.' }));
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
      const stick = nearBottom();
      views.get(id)?.setText(buf.text, buf.reasoning || undefined);
      if (stick) scrollToBottom();
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

  function nearBottom(): boolean {
    return log.scrollHeight - log.scrollTop - log.clientHeight < 80;
  }
  function scrollToBottom(): void {
    log.scrollTop = log.scrollHeight;
  }

  function positionOf(turn: ChatTurn, messages: readonly ChatTurn[], s: ViewState) {
    const lastUser = [...messages].reverse().find((m) => m.role === 'user');
    const lastAssistant = [...messages].reverse().find((m) => m.role === 'assistant');
    return { isLastUser: turn === lastUser, isLastAssistant: turn === lastAssistant, streaming: turn.id === s.streamingId, busy: s.busy };
  }

  function drawAll(s: ViewState): void {
    coalescer.discard();
    views.clear();
    streamed.clear();
    clear(log);
    const messages = s.conversation.messages;
    if (!messages.length) log.append(empty);
    for (const turn of messages) {
      const view = renderTurn(turn, positionOf(turn, messages, s), render, handlers);
      views.set(turn.id, view);
      if (turn.id === s.streamingId) streamed.set(turn.id, { text: turn.text, reasoning: turn.reasoning ?? '' });
      log.append(view.element);
    }
    scrollToBottom();
  }

  host.on('state', (s) => {
    state = s;
    bar.update(s.conversations, s.conversation.id, s.model, s.busy);
    composer.setBusy(s.busy);
    drawAll(s);
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
    const stick = nearBottom();
    const view = renderTurn(turn, { ...positionOf(turn, messages, state), streaming: false }, render, handlers);
    views.get(turn.id)?.element.replaceWith(view.element);
    views.set(turn.id, view);
    streamed.delete(turn.id);
    if (stick) scrollToBottom();
  });
  host.on('focusInput', () => composer.focus());
  host.on('setDraft', ({ text }) => composer.setDraft(text));

  // Links carry data-href only (the sanitizer removed href): a click asks the host, which checks the scheme.
  const openLink = (e: Event) => {
    const a = (e.target as Element).closest?.('a');
    if (!a) return;
    e.preventDefault();
    const href = a.getAttribute('data-href');
    if (href) host.post('openLink', { href });
  };
  log.addEventListener('click', openLink);
  handleCodeActions(log, (action, code, language) => {
    if (action === 'copy') host.post('copyText', { text: code });
    else host.post(action === 'insert' ? 'insertCode' : 'applyCode', { code, language });
  });
  log.addEventListener('keydown', (e: KeyboardEvent) => e.key === 'Enter' && openLink(e));
  window.addEventListener('error', (e) => host.post('webviewLog', { level: 'error', message: String(e.message).slice(0, 2000) }));

  host.post('ready', {});
  composer.focus();
}
