// The buttons of a code block's header bar (Copy, Insert at cursor, Apply to
// selection) are built the first time the pointer or keyboard focus reaches the block: a long
// answer holds hundreds of blocks, and ten toolbar elements each were half the DOM a stream built.
import { languageOf } from '../shared/code-blocks';
import { h, icon } from '../shared/dom';

/** What a code block button asks the host to do. */
type CodeAction = 'copy' | 'insert' | 'apply';

const ACTIONS: { action: CodeAction; icon: string; label: string; short: string }[] = [
  { action: 'copy', icon: 'copy', label: 'Copy', short: 'Copy' },
  { action: 'insert', icon: 'insert', label: 'Insert at cursor', short: 'Insert' },
  { action: 'apply', icon: 'diff', label: 'Apply to selection', short: 'Apply' },
];

/** Builds a block's buttons on first hover or focus, and sends their clicks to `onAction`. */
export function handleCodeActions(
  container: HTMLElement,
  onAction: (action: CodeAction, code: string, language: string | undefined) => void,
): void {
  const arm = (e: Event) => {
    const block = (e.target as Element).closest?.('.code-block');
    if (block && !block.querySelector('.code-actions')) armBlock(block);
  };
  container.addEventListener('pointerover', arm);
  container.addEventListener('focusin', arm);
  container.addEventListener('click', (e) => {
    const button = (e.target as Element).closest?.<HTMLElement>('[data-code-action]');
    const pre = button?.closest('.code-block')?.querySelector('pre');
    if (!button || !pre) return;
    onAction(button.dataset.codeAction as CodeAction, (pre.querySelector('code') ?? pre).textContent ?? '', languageOf(pre));
  });
}

function armBlock(block: Element): void {
  const bar = block.querySelector('.code-toolbar');
  bar?.append(
    h(
      'span',
      { class: 'code-actions' },
      ...ACTIONS.map((a) =>
        h(
          'button',
          { type: 'button', class: 'code-action', title: a.label, 'aria-label': a.label, 'data-code-action': a.action },
          icon(a.icon),
          h('span', { text: a.short }),
        ),
      ),
    ),
  );
}
