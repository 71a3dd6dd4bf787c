// One conversation turn as DOM: header, body (rendered markdown), reasoning, footer, inline error.
import type { ChatTurn, ErrorAction } from '../../shared/protocol';
import { h, icon, iconButton } from '../shared/dom';
import type { MarkdownRenderer } from '../shared/markdown';
import { decorateCodeBlocks } from '../shared/code-blocks';
import { footerParts } from './footer-format';
import { splitComposedPrompt } from '../../shared/prompt-compose';
import { groupBlocks, StreamingBody } from '../shared/streaming-body';

/** What a turn's controls ask the chat app to do. */
export interface TurnHandlers {
  onErrorAction(messageId: string, action: ErrorAction): void;
  onRegenerate(): void;
  onEdit(turn: ChatTurn): void;
  onCopyText(text: string): void;
}

/** Flags that depend on the turn's position in the conversation. */
export interface TurnPosition {
  isLastUser: boolean;
  isLastAssistant: boolean;
  streaming: boolean;
  busy: boolean;
}

const ERROR_LABELS: Record<ErrorAction, { label: string; icon: string }> = {
  setKey: { label: 'Set key', icon: 'key' },
  retry: { label: 'Retry', icon: 'refresh' },
  retryOther: { label: 'Retry on another provider', icon: 'arrow-swap' },
  continueElsewhere: { label: 'Continue elsewhere', icon: 'debug-continue' },
  pickModel: { label: 'Pick another model', icon: 'symbol-class' },
};

/** A rendered turn plus a way to update its streaming body cheaply. */
export interface TurnView {
  element: HTMLElement;
  /** The rendered body; a redraw of the same turn in a new position may keep it. */
  body: HTMLElement;
  /** Re-renders the body (and reasoning) with the text so far. */
  setText(text: string, reasoning?: string): void;
  setStatus(status: string): void;
  /** The streamed body if it already shows exactly `text`, for the finished turn to keep. */
  takeStreamedBody(text: string): HTMLElement | undefined;
  /** An empty placeholder: the turn's DOM was dropped far out of view. */
  far?: boolean;
}

// A link reference definition can resolve links in blocks rendered before it arrived; such an
// answer gets one full render at the end instead of keeping its streamed blocks.
const LINK_REFERENCE = /^ {0,3}\[[^\]]+\]:/m;

/** Builds the DOM of one turn. */
export function renderTurn(
  turn: ChatTurn,
  pos: TurnPosition,
  render: MarkdownRenderer,
  handlers: TurnHandlers,
  keptBody?: HTMLElement,
): TurnView {
  const isUser = turn.role === 'user';
  const body = keptBody ?? h('div', { class: 'message-body', 'data-testid': 'message-body' });
  const reasoningBody = h('div', { class: 'reasoning-body' });
  const reasoning = h('details', { class: 'reasoning', hidden: !turn.reasoning }, h('summary', { text: 'Reasoning' }), reasoningBody);
  const status = h('div', { class: 'stream-status', role: 'status', hidden: true });

  // While streaming, only the tail after the last finished block is re-rendered each frame.
  let streamingBody: StreamingBody | undefined;
  const setText = (text: string, reasoningText?: string) => {
    if (isUser) {
      // The question as typed stays plain text; code sent with it is shown as code.
      const split = turn.context ? splitComposedPrompt(text, turn.context.path) : undefined;
      if (split) {
        const code = h('div', { class: 'sent-code' });
        code.append(render.fragment(split.code));
        decorateCodeBlocks(code);
        body.replaceChildren(h('div', { class: 'sent-prompt', text: split.prompt }), code);
      } else body.replaceChildren(h('div', { class: 'sent-prompt', text }));
    } else if (pos.streaming && text) {
      streamingBody ??= new StreamingBody(body, render.fragment, decorateCodeBlocks);
      streamingBody.update(text);
    } else {
      body.replaceChildren(groupBlocks(render.fragment(text)));
      decorateCodeBlocks(body);
    }
    setReasoning(reasoningText);
  };
  // Reasoning can run to thousands of tokens and sits in a closed <details>: it is rendered only
  // while open, and while streaming only its unfinished tail is redrawn, as for the answer.
  let reasoningText = '';
  let reasoningStream: StreamingBody | undefined;
  function setReasoning(text: string | undefined): void {
    if (!text) return;
    reasoning.hidden = false;
    reasoningText = text;
    if (reasoning.open) drawReasoning();
  }
  function drawReasoning(): void {
    if (pos.streaming) {
      reasoningStream ??= new StreamingBody(reasoningBody, render.fragment, () => {});
      reasoningStream.update(reasoningText);
    } else reasoningBody.replaceChildren(groupBlocks(render.fragment(reasoningText)));
  }
  reasoning.addEventListener('toggle', () => reasoning.open && reasoningText && drawReasoning());
  // A kept body already shows this text (a finished stream, or the same turn drawn in a new position):
  // rendering a long answer from scratch again would stall a frame.
  if (keptBody) setReasoning(turn.reasoning);
  else setText(turn.text, turn.reasoning);
  if (pos.streaming && !turn.text)
    body.append(h('span', { class: 'typing', 'aria-label': 'Waiting for the first token' }, icon('loading'), ' '));

  const header = h(
    'div',
    { class: 'message-header' },
    icon(isUser ? 'account' : 'sparkle'),
    h('span', { class: 'message-author', text: isUser ? 'You' : (turn.model ?? 'Assistant') }),
    turn.context
      ? h('span', {
          class: 'message-context',
          title: turn.context.path,
          text: `${basename(turn.context.path)}:${turn.context.range.startLine}-${turn.context.range.endLine}`,
        })
      : null,
    h('span', { class: 'spacer' }),
    isUser && pos.isLastUser && !pos.busy
      ? iconButton('edit', 'Edit and resend', () => handlers.onEdit(turn), { 'data-action': 'edit' })
      : null,
    !isUser && !pos.streaming
      ? iconButton('copy', 'Copy answer', () => handlers.onCopyText(turn.text), { 'data-action': 'copy-answer' })
      : null,
    !isUser && pos.isLastAssistant && !pos.busy
      ? iconButton('refresh', 'Regenerate', () => handlers.onRegenerate(), { 'data-action': 'regenerate' })
      : null,
  );

  const element = h(
    'article',
    {
      class: `message ${turn.role}${pos.streaming || pos.isLastUser || pos.isLastAssistant ? '' : ' settled'}`,
      'data-testid': 'message',
      'data-role': turn.role,
      'data-id': turn.id,
      'aria-label': isUser ? 'Your message' : 'Assistant message',
    },
    header,
    reasoning,
    body,
    status,
  );

  if (turn.error) element.append(renderError(turn.id, turn.error, handlers));
  if (!isUser && !pos.streaming) element.append(renderFooter(turn));

  return {
    element,
    body,
    setText,
    setStatus(text: string) {
      status.hidden = !text;
      status.textContent = text;
    },
    takeStreamedBody(text: string) {
      if (!streamingBody || !text || LINK_REFERENCE.test(text)) return undefined;
      streamingBody.finish(text);
      return body;
    },
  };
}

function renderFooter(turn: ChatTurn): HTMLElement {
  const parts = footerParts(turn);
  const footer = h('div', { class: 'message-footer', 'data-testid': 'footer' });
  parts.forEach((p, i) => {
    if (i > 0) footer.append(h('span', { class: 'sep', 'aria-hidden': 'true', text: '·' }));
    footer.append(
      p.label
        ? h(
            'span',
            { class: `footer-part footer-${p.kind}`, 'data-part': p.kind, title: p.title },
            icon('warning'),
            h('span', { 'aria-hidden': 'true', text: ` ${p.text}` }),
            h('span', { class: 'sr-only', text: p.label }),
          )
        : h('span', { class: `footer-part footer-${p.kind}`, 'data-part': p.kind, title: p.title, text: p.text }),
    );
  });
  return footer;
}

function renderError(messageId: string, error: NonNullable<ChatTurn['error']>, handlers: TurnHandlers): HTMLElement {
  return h(
    'div',
    { class: 'message-error', 'data-testid': 'error', role: 'alert', 'data-category': error.category },
    h('div', { class: 'error-title' }, icon('error'), h('span', { text: error.message })),
    error.advice ? h('div', { class: 'error-advice', text: error.advice }) : null,
    h(
      'div',
      { class: 'error-actions' },
      ...error.actions.map((a) =>
        h(
          'button',
          { type: 'button', class: 'secondary-button', 'data-action': a, onclick: () => handlers.onErrorAction(messageId, a) },
          icon(ERROR_LABELS[a].icon),
          h('span', { text: ERROR_LABELS[a].label }),
        ),
      ),
    ),
  );
}

function basename(p: string): string {
  return p.split(/[\\/]/).pop() ?? p;
}
