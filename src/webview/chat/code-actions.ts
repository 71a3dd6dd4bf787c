// Code blocks get a header bar naming their language. Its buttons (Copy, Insert at cursor, Apply to
// selection) are built the first time the pointer or keyboard focus reaches the block: a long
// answer holds hundreds of blocks, and ten toolbar elements each were half the DOM a stream built.
import { h, icon } from '../shared/dom';

/** What a code block button asks the host to do. */
export type CodeAction = 'copy' | 'insert' | 'apply';

const ACTIONS: { action: CodeAction; icon: string; label: string; short: string }[] = [
  { action: 'copy', icon: 'copy', label: 'Copy', short: 'Copy' },
  { action: 'insert', icon: 'insert', label: 'Insert at cursor', short: 'Insert' },
  { action: 'apply', icon: 'diff', label: 'Apply to selection', short: 'Apply' },
];

/** Wraps every bare `pre` under `root` in a block with a header bar; safe to call again. */
export function decorateCodeBlocks(root: ParentNode): void {
  for (const pre of root.querySelectorAll('pre')) {
    if (pre.parentElement?.classList.contains('code-block')) continue;
    const language = languageOf(pre);
    const bar = document.createElement('div');
    bar.className = 'code-toolbar';
    bar.setAttribute('role', 'toolbar');
    bar.setAttribute('aria-label', language ? `${language} code block actions` : 'Code block actions');
    bar.tabIndex = 0;
    if (language) bar.append(language);
    const wrap = document.createElement('div');
    wrap.className = 'code-block';
    pre.replaceWith(wrap);
    wrap.append(bar, pre);
  }
}

/** Builds a block's buttons on first hover or focus, and sends their clicks to `onAction`. */
export function handleCodeActions(container: HTMLElement, onAction: (action: CodeAction, code: string, language: string | undefined) => void): void {
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
      ...ACTIONS.map((a) => h('button', { type: 'button', class: 'code-action', title: a.label, 'aria-label': a.label, 'data-code-action': a.action }, icon(a.icon), h('span', { text: a.short }))),
    ),
  );
}

function languageOf(pre: Element): string | undefined {
  const code = pre.querySelector('code');
  return [...(code?.classList ?? [])].find((c) => c.startsWith('language-'))?.slice('language-'.length);
}
