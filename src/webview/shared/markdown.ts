// Model output → safe HTML: markdown-it (raw HTML off) → highlight.js in fences → DOMPurify.
import MarkdownIt from 'markdown-it';
import { highlightCode } from './highlight';
import { createSanitizer, type Sanitizer } from './sanitize';
import type { WindowLike } from 'dompurify';

/** Options of one render: the text ends inside a code fence that has not closed yet. */
export interface RenderOptions {
  openFence?: boolean;
}

/** Renders markdown text to sanitized HTML, as a string or as nodes. */
export interface MarkdownRenderer {
  /** Sanitized HTML as a string. */
  html(text: string): string;
  /** Sanitized nodes ready to append; what the views use, as it skips a serialize and re-parse. */
  fragment(text: string, options?: RenderOptions): DocumentFragment;
}

const SHORT_CODE = 24;
const SAFE_IMAGE = /^data:image\/(png|gif|jpe?g|webp);base64,/i;

/** Creates the renderer; the window is the webview's own, or jsdom's in tests. */
export function createMarkdownRenderer(window: WindowLike): MarkdownRenderer {
  const sanitize: Sanitizer = createSanitizer(window);
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });
  const escape = md.utils.escapeHtml;

  md.renderer.rules.fence = (tokens, idx, _options, env?: Record<string, unknown>) => {
    const token = tokens[idx];
    const lang = (token.info || '').trim().split(/\s+/)[0] ?? '';
    const code = token.content;
    // A fence still open ends the text, so it is the last fence; it is drawn again next frame.
    const open = env?.openFence === true && !tokens.slice(idx + 1).some((t) => t.type === 'fence');
    const body = (open ? undefined : highlightCode(code, lang)) ?? escape(code);
    const safeLang = /^[\w+#.-]{1,40}$/.test(lang) ? lang : '';
    const cls = safeLang ? ` class="hljs language-${safeLang}"` : ' class="hljs"';
    return `<pre><code${cls}>${body}</code></pre>\n`;
  };

  // markdown-it aligns cells with style="text-align:…", which the CSP blocks (one console error per
  // cell) and the sanitizer strips; a class carries the alignment instead.
  for (const rule of ['th_open', 'td_open'] as const) {
    md.renderer.rules[rule] = (tokens, idx, options, _env, self) => {
      const token = tokens[idx];
      const align = /text-align:\s*(left|center|right)/.exec(String(token.attrGet('style') ?? ''))?.[1];
      if (token.attrs) token.attrs = token.attrs.filter(([name]) => name !== 'style');
      if (align) token.attrJoin('class', `align-${align}`);
      return self.renderToken(tokens, idx, options);
    };
  }

  // A short code span ("Retry-After") reads as one word and must not be split at its hyphen; a long
  // one (a path) may wrap, or it would overflow a narrow sidebar.
  md.renderer.rules.code_inline = (tokens, idx) => {
    const content = tokens[idx].content;
    const cls = content.length <= SHORT_CODE && !/\s/.test(content) ? ' class="nowrap"' : '';
    return `<code${cls}>${escape(content)}</code>`;
  };

  // A remote image would be a request leaving the machine; show its alt text instead.
  md.renderer.rules.image = (tokens, idx) => {
    const token = tokens[idx];
    const src = String(token.attrGet('src') ?? '');
    const alt = String(token.children ? md.renderer.renderInlineAsText(token.children, md.options, {}) : token.content);
    if (SAFE_IMAGE.test(src)) return `<img src="${escape(src)}" alt="${escape(alt)}">`;
    return `<span class="blocked-image" title="Remote image not loaded">[image: ${escape(alt || 'untitled')}]</span>`;
  };

  return {
    html: (text) => sanitize.html(md.render(text, {})),
    fragment: (text, options = {}) => sanitize.fragment(md.render(text, { openFence: options.openFence })),
  };
}
