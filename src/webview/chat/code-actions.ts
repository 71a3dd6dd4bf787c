// Toolbars on rendered code blocks: Copy, Insert at cursor, Apply to selection (host shows a diff).
import { h, icon } from '../shared/dom';

/** What a code block button asks the host to do. */
export type CodeAction = 'copy' | 'insert' | 'apply';

/** Wraps every `pre` in `root` with a toolbar; safe to call again after a re-render. */
export function decorateCodeBlocks(root: HTMLElement, onAction: (action: CodeAction, code: string, language: string | undefined) => void): void {
  for (const pre of root.querySelectorAll<HTMLPreElement>('pre')) {
    if (pre.parentElement?.classList.contains('code-block')) continue;
    const code = pre.querySelector('code');
    const language = [...(code?.classList ?? [])].find((c) => c.startsWith('language-'))?.slice('language-'.length);
    const text = () => code?.textContent ?? pre.textContent ?? '';
    const button = (action: CodeAction, name: string, label: string) =>
      h('button', { type: 'button', class: 'code-action', title: label, 'aria-label': label, 'data-code-action': action, onclick: () => onAction(action, text(), language) }, icon(name), h('span', { text: label.split(' ')[0] }));
    const bar = h(
      'div',
      { class: 'code-toolbar', role: 'toolbar', 'aria-label': 'Code block actions' },
      h('span', { class: 'code-lang', text: language ?? '' }),
      button('copy', 'copy', 'Copy'),
      button('insert', 'insert', 'Insert at cursor'),
      button('apply', 'diff', 'Apply to selection'),
    );
    const wrap = h('div', { class: 'code-block' });
    pre.replaceWith(wrap);
    wrap.append(bar, pre);
  }
}
