// Links in rendered markdown carry data-href only (the sanitizer removed href), so a webview never
// navigates: a click (or Enter) asks the host, which opens http(s) links and refuses anything else.

/** Sends the data-href of any link clicked (or activated with Enter) inside `root` to `open`. */
export function delegateLinks(root: HTMLElement, open: (href: string) => void): void {
  const activate = (e: Event) => {
    const a = (e.target as Element).closest?.('a');
    if (!a) return;
    e.preventDefault();
    const href = a.getAttribute('data-href');
    if (href) open(href);
  };
  root.addEventListener('click', activate);
  root.addEventListener('keydown', (e: KeyboardEvent) => e.key === 'Enter' && activate(e));
}
