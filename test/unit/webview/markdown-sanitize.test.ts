import * as assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { createMarkdownRenderer } from '../../../src/webview/shared/markdown';
import { HOSTILE_PAYLOADS } from './hostile-payloads';

const { window } = new JSDOM('<!DOCTYPE html><body></body>');
const render = createMarkdownRenderer(window as unknown as Parameters<typeof createMarkdownRenderer>[0]);

/** Parses rendered HTML and returns every element, for structural checks. */
function elementsOf(html: string): Element[] {
  const host = window.document.createElement('div');
  host.innerHTML = html;
  return [...host.querySelectorAll('*')];
}

describe('markdown pipeline: hostile payloads', () => {
  it('has at least 20 payloads', () => {
    assert.ok(HOSTILE_PAYLOADS.length >= 20);
  });

  for (const p of HOSTILE_PAYLOADS) {
    it(`neutralizes: ${p.name}`, () => {
      const html = render.html(p.markdown);
      // The views append the fragment form; it must be exactly as safe as the string form.
      const fragment = render.fragment(p.markdown);
      const holder = window.document.createElement('div');
      holder.append(fragment);
      assert.equal(holder.innerHTML, html);
      for (const el of [...elementsOf(html), ...holder.querySelectorAll('*')]) {
        const tag = el.tagName.toLowerCase();
        assert.ok(
          !['script', 'iframe', 'svg', 'style', 'object', 'embed', 'form', 'meta', 'button', 'input', 'link', 'base'].includes(tag),
          `${tag} survived in ${html}`,
        );
        assert.equal(el.hasAttribute('href'), false, `href survived in ${html}`);
        for (const attr of [...el.attributes]) {
          assert.ok(!attr.name.startsWith('on'), `${attr.name} survived in ${html}`);
          assert.ok(!/^\s*(javascript|vbscript|command|file|data:text)/i.test(attr.value), `${attr.name}=${attr.value} survived`);
          if (attr.name === 'src') assert.match(attr.value, /^data:image\/(png|gif|jpe?g|webp);base64,/);
        }
        if (el.hasAttribute('data-href')) assert.match(el.getAttribute('data-href')!, /^(https?:|mailto:)/);
      }
    });
  }
});

describe('markdown pipeline: ordinary output', () => {
  it('renders headings, lists, emphasis and tables', () => {
    const html = render.html('# Title\n\n- one\n- **two**\n\n| a | b |\n|---|---|\n| 1 | 2 |');
    assert.match(html, /<h1>Title<\/h1>/);
    assert.match(html, /<li><strong>two<\/strong><\/li>/);
    assert.match(html, /<td>2<\/td>/);
  });

  it('aligns table columns with classes, never inline styles the CSP would block', () => {
    const html = render.html('| Name | Typical | Mid |\n|:--|--:|:-:|\n| a | 1 | x |');
    assert.doesNotMatch(html, /style=/);
    const cells = elementsOf(html).filter((e) => e.localName === 'th' || e.localName === 'td');
    assert.deepEqual(
      cells.map((c) => c.className),
      ['align-left', 'align-right', 'align-center', 'align-left', 'align-right', 'align-center'],
    );
    assert.doesNotMatch(render.html('<td class="align-right">x</td>'), /<td/, 'the class cannot be smuggled in as raw HTML');
  });

  it('keeps short inline code on one line and lets long inline code wrap', () => {
    const html = render.html('Send `Retry-After` or `a-very-long-identifier-that-would-never-fit-in-a-narrow-sidebar`');
    const codes = elementsOf(html).filter((e) => e.localName === 'code');
    assert.deepEqual(
      codes.map((c) => c.className),
      ['nowrap', ''],
    );
  });

  it('highlights a known language and tags the fence with its language', () => {
    const html = render.html('```ts\nconst x: number = 1;\n```');
    assert.match(html, /<pre><code class="hljs language-ts">/);
    assert.match(html, /<span class="hljs-keyword">const<\/span>/);
  });

  it('escapes code in an unknown language instead of guessing', () => {
    const html = render.html('```zzz\n<b>x</b>\n```');
    assert.match(html, /&lt;b&gt;x&lt;\/b&gt;/);
  });

  it('moves safe links to data-href so a click cannot navigate', () => {
    const html = render.html('[docs](https://example.com/a?b=1)');
    const a = elementsOf(html).find((e) => e.tagName === 'A')!;
    assert.equal(a.getAttribute('data-href'), 'https://example.com/a?b=1');
    assert.equal(a.hasAttribute('href'), false);
    assert.equal(a.getAttribute('role'), 'link');
  });

  it('replaces a remote image by its alt text', () => {
    const html = render.html('![chart](https://example.com/c.png)');
    assert.doesNotMatch(html, /<img/);
    assert.match(html, /\[image: chart\]/);
  });

  it('keeps an inline raster data image', () => {
    const html = render.html('![dot](data:image/png;base64,iVBORw0KGgo=)');
    assert.match(html, /<img src="data:image\/png;base64,iVBORw0KGgo=" alt="dot">/);
  });

  it('does not turn quotes into typographic ones', () => {
    assert.match(render.html('"quoted" -- text'), /"quoted" -- text/);
  });
});

describe('markdown pipeline: cost', () => {
  it('sanitizes ordinary output without cloning any node', () => {
    // DOMPurify deep-copies everything out of a parse root it does not allow; that copy is pure waste.
    const { window: w } = new JSDOM('<!DOCTYPE html><body></body>');
    let clones = 0;
    const clone = w.Node.prototype.cloneNode;
    w.Node.prototype.cloneNode = function (this: Node, deep?: boolean) {
      clones++;
      return clone.call(this, deep);
    };
    const r = createMarkdownRenderer(w as unknown as Parameters<typeof createMarkdownRenderer>[0]);
    const holder = w.document.createElement('div');
    holder.append(r.fragment('# T\n\nA *b* [c](https://example.com)\n\n```ts\nconst x = 1;\n```\n\n- one\n- two'));
    assert.equal(clones, 0);
    assert.equal(holder.querySelectorAll('p, li, pre, h1, a, span').length > 6, true);
  });
});
