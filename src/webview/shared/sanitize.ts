// DOMPurify, configured for model output. Even though markdown-it runs with html:false, the
// sanitizer is the line of defence: only markdown's own tags survive, links lose their href (the
// host opens them after a scheme check), and no image may point anywhere but a data: raster.
import createDOMPurify, { type Config, type DOMPurify, type WindowLike } from 'dompurify';

const ALLOWED_TAGS = [
  'a',
  'b',
  'blockquote',
  'br',
  'code',
  'del',
  'em',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'i',
  'img',
  'li',
  'ol',
  'p',
  'pre',
  's',
  'span',
  'strong',
  'sub',
  'sup',
  'table',
  'tbody',
  'td',
  'th',
  'thead',
  'tr',
  'ul',
  // The parse root. Left out, DOMPurify treats the root as a disallowed element and deep-clones all
  // of the content out of it on every call. A parsed fragment has no other body element: the parser
  // drops nested <body> tags, and the root itself is never returned.
  'body',
];
const ALLOWED_ATTR = ['href', 'title', 'alt', 'src', 'class', 'start'];

/** Schemes a link may open with; the host checks again before opening. */
const LINK_SCHEME = /^(https?:|mailto:)/i;
/** Only inline raster images: they cause no request and cannot run script. */
const SAFE_IMAGE = /^data:image\/(png|gif|jpe?g|webp);base64,[a-z0-9+/=\s]+$/i;
const SAFE_CLASS_NAME = String.raw`(?:hljs[\w-]*|language-[\w+#.-]{1,40}|blocked-image|unsafe-link|md-link|nowrap|align-(?:left|center|right))`;
const SAFE_CLASS = new RegExp(`^${SAFE_CLASS_NAME}$`);
const SAFE_CLASS_LIST = new RegExp(`^${SAFE_CLASS_NAME}(?: ${SAFE_CLASS_NAME})*$`);

/** Turns untrusted HTML into safe HTML, as a string or as nodes ready to append. */
export interface Sanitizer {
  /** Safe HTML to assign to innerHTML. */
  html(dirty: string): string;
  /** Safe nodes, owned by an inert document until appended: no serialize and re-parse round trip. */
  fragment(dirty: string): DocumentFragment;
  /**
   * Safe nodes for each part, from one parse and one DOMPurify pass, as `fragment` gives for each.
   * A part that leaves a paragraph or formatting open is sanitized on its own instead; markdown-it's
   * output closes all it opens. (One left an open table could still move it into the next part:
   * every node is sanitized all the same.)
   */
  fragments(parts: readonly string[]): DocumentFragment[];
}

/** Creates a sanitizer bound to a window (the webview's, or jsdom's in tests). */
export function createSanitizer(window: WindowLike): Sanitizer {
  const config = {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    ALLOW_UNKNOWN_PROTOCOLS: false,
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|data:image\/(?:png|gif|jpe?g|webp);base64,)/i,
    RETURN_TRUSTED_TYPE: false,
  };
  // One instance per output kind, each configured once: a config passed with every call is parsed
  // again on every call, and a stream sanitizes twice a frame.
  const toHtml = configured(window, config);
  const toFragment = configured(window, { ...config, RETURN_DOM_FRAGMENT: true });
  const fragment = (dirty: string) => toFragment.sanitize(dirty) as unknown as DocumentFragment;
  return {
    html: (dirty) => toHtml.sanitize(dirty) as unknown as string,
    fragment,
    fragments: (parts) =>
      parts.length === 1 ? [fragment(parts[0])] : (splitAt(fragment(parts.join(SPLIT)), parts.length) ?? parts.map(fragment)),
  };
}

// Between parts sanitized together: an element DOMPurify keeps as it is, with a value no content
// can guess. Each call of DOMPurify creates a document to parse into, and a stream sanitizes the
// blocks it commits and its redrawn tail in every frame. An inline element: the parser nests it
// in whatever a part left open, paragraphs and formatting the next part would inherit included,
// and a separator not at the top level sends every part through DOMPurify on its own.
const SPLIT_TITLE = `sb-split-${Math.random().toString(36).slice(2)}`;
const SPLIT = `<span title="${SPLIT_TITLE}"></span>`;

/** The nodes between separators, or undefined if the separators are not all at the top level. */
function splitAt(sanitized: DocumentFragment, count: number): DocumentFragment[] | undefined {
  const isSplit = (n: Node) =>
    n.nodeType === 1 && (n as Element).localName === 'span' && (n as Element).getAttribute('title') === SPLIT_TITLE;
  const top = [...sanitized.childNodes];
  if (top.filter(isSplit).length !== count - 1) return undefined;
  // The first part stays where it is: moving nodes out of the parse's document has a cost per node.
  const out = [sanitized];
  for (const node of top) {
    if (isSplit(node)) {
      node.remove();
      out.push(sanitized.ownerDocument.createDocumentFragment());
    } else if (out.length > 1) out[out.length - 1].append(node);
  }
  return out;
}

function configured(window: WindowLike, config: Config): DOMPurify {
  const purify = createDOMPurify(window);
  purify.setConfig(config);
  purify.addHook('afterSanitizeAttributes', (node) => {
    const el = node as Element;
    if (el.nodeType !== 1) return;
    const cls = el.getAttribute('class');
    // Runs on every highlighted token, so the common all-safe case writes nothing.
    if (cls !== null && !SAFE_CLASS_LIST.test(cls)) {
      const kept = cls.split(/\s+/).filter((c) => SAFE_CLASS.test(c));
      if (kept.length) el.setAttribute('class', kept.join(' '));
      else el.removeAttribute('class');
    }
    const tag = el.localName;
    if (tag === 'a') neuterLink(el);
    else if (tag === 'img') {
      const src = el.getAttribute('src') ?? '';
      if (!SAFE_IMAGE.test(src)) el.removeAttribute('src');
    } else if (el.hasAttribute('src')) el.removeAttribute('src');
  });
  return purify;
}

/** Links never navigate by themselves: the URL moves to data-href and a click asks the host. */
function neuterLink(a: Element): void {
  const href = a.getAttribute('href') ?? '';
  a.removeAttribute('href');
  a.removeAttribute('target');
  if (LINK_SCHEME.test(href.trim())) {
    a.setAttribute('data-href', href.trim());
    a.setAttribute('title', href.trim());
    a.setAttribute('class', 'md-link');
    a.setAttribute('role', 'link');
    a.setAttribute('tabindex', '0');
  } else {
    a.setAttribute('class', 'unsafe-link');
  }
}
