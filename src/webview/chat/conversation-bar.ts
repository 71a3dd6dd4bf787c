// The top bar: conversation list, new/rename/delete, and the model picker button.
import type { ConversationSummary, ReasoningEffortChoice } from '../../shared/protocol';
import { clear, h, icon, iconButton } from '../shared/dom';
import { createReasoningSelect } from './reasoning-select';

/** What the bar asks the chat app to do. */
interface ConversationBarHandlers {
  onSelect(id: string): void;
  onNew(): void;
  onRename(id: string): void;
  onDelete(id: string): void;
  onPickModel(): void;
  onReasoning(effort: ReasoningEffortChoice): void;
}

/** The bar's element and update function. */
interface ConversationBar {
  element: HTMLElement;
  update(
    conversations: ConversationSummary[],
    activeId: string,
    model: string | undefined,
    busy: boolean,
    reasoning: ReasoningEffortChoice,
  ): void;
}

/** Builds the bar. */
export function createConversationBar(handlers: ConversationBarHandlers): ConversationBar {
  let activeId = '';
  const select = h('select', {
    class: 'conversation-select',
    'aria-label': 'Conversation',
    title: 'Switch conversation',
    onchange: () => handlers.onSelect(select.value),
  });
  const modelLabel = h('span', { class: 'model-label', text: 'Pick a model' });
  const picker = h(
    'button',
    {
      type: 'button',
      class: 'model-picker-button',
      'data-testid': 'model-picker',
      'aria-haspopup': 'dialog',
      title: 'Pick model and routing',
      onclick: () => handlers.onPickModel(),
    },
    icon('symbol-class'),
    modelLabel,
    icon('chevron-down'),
  );
  const reasoningSelect = createReasoningSelect((effort) => handlers.onReasoning(effort));
  const newBtn = iconButton('add', 'New conversation', () => handlers.onNew(), { 'data-action': 'new-conversation' });
  const renameBtn = iconButton('edit', 'Rename conversation', () => handlers.onRename(activeId), { 'data-action': 'rename-conversation' });
  const deleteBtn = iconButton('trash', 'Delete conversation', () => handlers.onDelete(activeId), { 'data-action': 'delete-conversation' });
  const element = h(
    'header',
    { class: 'chat-bar', role: 'toolbar', 'aria-label': 'Chat' },
    h('div', { class: 'chat-bar-row' }, select, newBtn, renameBtn, deleteBtn),
    h('div', { class: 'chat-bar-row' }, picker, reasoningSelect.element),
  );

  return {
    element,
    update(conversations, id, model, busy, reasoning) {
      activeId = id;
      clear(select);
      const list = conversations.some((c) => c.id === id)
        ? conversations
        : [{ id, title: 'New conversation', updatedAt: Date.now(), messageCount: 0 }, ...conversations];
      for (const c of list) select.append(h('option', { value: c.id, selected: c.id === id, text: c.title || 'Untitled' }));
      select.disabled = busy;
      reasoningSelect.update(reasoning, busy);
      modelLabel.textContent = model ?? 'Pick a model';
      picker.title = model ? `Model: ${model} — click to change model or routing` : 'Pick a model';
    },
  };
}
