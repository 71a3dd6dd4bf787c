// Tiny DOM helpers: the webview builds its UI from plain elements (no framework to ship).

type Child = Node | string | null | undefined | false;

/** Attributes for {@link h}; `on*` keys take listeners, `class`/`text` are shortcuts. */
type Attrs = Record<string, string | number | boolean | EventListener | undefined | null>;

/** Creates an element with attributes, listeners and children. Text is always set as text, never HTML. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.slice(2).toLowerCase(), v);
    else if (k === 'class') el.className = String(v);
    else if (k === 'text') el.textContent = String(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, ...children);
  return el;
}

/** Appends children, skipping empty ones. */
function append(parent: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
}

/** A codicon glyph; decorative, so hidden from screen readers (the button carries the label). */
export function icon(name: string): HTMLSpanElement {
  return h('span', { class: `codicon codicon-${name}`, 'aria-hidden': 'true' });
}

/** An icon button with an accessible label and a tooltip. */
export function iconButton(name: string, label: string, onClick: (e: MouseEvent) => void, attrs: Attrs = {}): HTMLButtonElement {
  return h(
    'button',
    { class: 'icon-button', type: 'button', title: label, 'aria-label': label, onclick: onClick as EventListener, ...attrs },
    icon(name),
  );
}

/** Removes every child of an element. */
export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}
