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
  return {
    html: (dirty) => toHtml.sanitize(dirty) as unknown as string,
    fragment: (dirty) => toFragment.sanitize(dirty) as unknown as DocumentFragment,
  };
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
