// Code blocks get a header bar naming their language, in the chat and in compare alike.

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

export function languageOf(pre: Element): string | undefined {
  const code = pre.querySelector('code');
  return [...(code?.classList ?? [])].find((c) => c.startsWith('language-'))?.slice('language-'.length);
}
