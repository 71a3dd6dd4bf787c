// The prompt box: Enter sends, Shift+Enter adds a newline, Up on an empty box edits the last message.
import { h, icon } from '../shared/dom';

/** What the composer asks the chat app to do. */
interface ComposerHandlers {
  onSend(text: string, editing: boolean): void;
  onStop(): void;
  onEditLast(): void;
  onDraft(text: string): void;
}

/** The composer's element and controls. */
interface Composer {
  element: HTMLElement;
  setBusy(busy: boolean): void;
  focus(): void;
  setDraft(text: string): void;
  /** Puts a message back into the box for "edit and resend". */
  startEdit(text: string): void;
}

/** Builds the composer. */
export function createComposer(handlers: ComposerHandlers, initialDraft = ''): Composer {
  let busy = false;
  let editing = false;
  const input = h('textarea', {
    class: 'prompt',
    'data-testid': 'prompt',
    rows: 3,
    placeholder: 'Ask anything — Enter to send, Shift+Enter for a new line',
    'aria-label': 'Message',
  });
  input.value = initialDraft;
  const editBanner = h(
    'div',
    { class: 'edit-banner', hidden: true },
    icon('edit'),
    h('span', { text: 'Editing your last message' }),
    h('button', { type: 'button', class: 'link-button', onclick: () => cancelEdit(), text: 'Cancel' }),
  );
  const send = h(
    'button',
    {
      type: 'button',
      class: 'primary-button',
      'data-testid': 'send',
      title: 'Send (Enter)',
      'aria-label': 'Send',
      onclick: () => submit(),
    },
    icon('send'),
    h('span', { text: 'Send' }),
  );
  const stop = h(
    'button',
    {
      type: 'button',
      class: 'secondary-button',
      'data-testid': 'stop',
      title: 'Stop (Escape)',
      'aria-label': 'Stop',
      hidden: true,
      onclick: () => handlers.onStop(),
    },
    icon('debug-stop'),
    h('span', { text: 'Stop' }),
  );

  function submit(): void {
    const text = input.value.trim();
    if (!text || busy) return;
    handlers.onSend(text, editing);
    input.value = '';
    handlers.onDraft('');
    cancelEdit();
  }

  function cancelEdit(): void {
    editing = false;
    editBanner.hidden = true;
  }

  input.addEventListener('keydown', (e: KeyboardEvent) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      submit();
    } else if (e.key === 'Escape' && busy) {
      e.preventDefault();
      handlers.onStop();
    } else if (e.key === 'ArrowUp' && input.value === '' && !busy) {
      e.preventDefault();
      handlers.onEditLast();
    }
  });
  input.addEventListener('input', () => handlers.onDraft(input.value));

  const element = h(
    'form',
    { class: 'composer', onsubmit: (e: Event) => (e.preventDefault(), submit()) },
    editBanner,
    input,
    h('div', { class: 'composer-actions' }, h('span', { class: 'hint', text: 'Enter ↵ send · Shift+Enter newline' }), stop, send),
  );

  return {
    element,
    setBusy(b: boolean) {
      busy = b;
      send.hidden = b;
      stop.hidden = !b;
      send.disabled = b;
    },
    focus: () => input.focus(),
    setDraft(text: string) {
      input.value = text;
      input.focus();
    },
    startEdit(text: string) {
      editing = true;
      editBanner.hidden = false;
      input.value = text;
      input.focus();
      input.setSelectionRange(text.length, text.length);
    },
  };
}
