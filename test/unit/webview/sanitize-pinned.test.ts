// Pins what the sanitizer and the markdown pipeline output today for hostile input, byte for byte,
// so a faster path through DOMPurify (one call for several parts, nodes sanitized in place) cannot
// let anything more through, or take anything more away, than the string path does.
import * as assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { createSanitizer } from '../../../src/webview/shared/sanitize';
import { createMarkdownRenderer } from '../../../src/webview/shared/markdown';
import { HOSTILE_PAYLOADS } from './hostile-payloads';

const { window } = new JSDOM('<!DOCTYPE html><body></body>');
type Win = Parameters<typeof createSanitizer>[0];
const sanitize = createSanitizer(window as unknown as Win);
const render = createMarkdownRenderer(window as unknown as Win);

function serialize(fragment: DocumentFragment): string {
  const holder = window.document.createElement('div');
  holder.append(fragment);
  return holder.innerHTML;
}

/** Raw HTML, as if markdown-it had let it through: [input, html(), fragment() serialized]. */
const RAW: [string, string, string][] = [
  ['<script>window.__pwned=1</script><p>x</p>', '<p>x</p>', '<p>x</p>'],
  ['<img src=x onerror="window.__pwned=2">', '<img>', '<img>'],
  ['<img src="https://remote.example.invalid/x.png" alt="a">', '<img alt="a">', '<img alt="a">'],
  [
    '<img src="data:image/png;base64,iVBORw0KGgo=" alt="dot">',
    '<img src="data:image/png;base64,iVBORw0KGgo=" alt="dot">',
    '<img src="data:image/png;base64,iVBORw0KGgo=" alt="dot">',
  ],
  ['<img src="data:image/svg+xml;base64,PHN2Zy8+">', '<img>', '<img>'],
  ['<a href="javascript:window.__pwned=3">x</a>', '<a class="unsafe-link">x</a>', '<a class="unsafe-link">x</a>'],
  ['<a href=" JaVaScRiPt:window.__pwned=4 ">x</a>', '<a class="unsafe-link">x</a>', '<a class="unsafe-link">x</a>'],
  ['<a href="command:workbench.action.terminal.new">run</a>', '<a class="unsafe-link">run</a>', '<a class="unsafe-link">run</a>'],
  [
    '<a href="https://ok.example.invalid/a?b=1" target="_blank" onclick="x()">ok</a>',
    '<a data-href="https://ok.example.invalid/a?b=1" title="https://ok.example.invalid/a?b=1" class="md-link" role="link" tabindex="0">ok</a>',
    '<a data-href="https://ok.example.invalid/a?b=1" title="https://ok.example.invalid/a?b=1" class="md-link" role="link" tabindex="0">ok</a>',
  ],
  [
    '<a href="mailto:a@example.invalid">mail</a>',
    '<a data-href="mailto:a@example.invalid" title="mailto:a@example.invalid" class="md-link" role="link" tabindex="0">mail</a>',
    '<a data-href="mailto:a@example.invalid" title="mailto:a@example.invalid" class="md-link" role="link" tabindex="0">mail</a>',
  ],
  [
    '<a href="file:///etc/passwd">f</a><a href="data:text/html,x">d</a>',
    '<a class="unsafe-link">f</a><a class="unsafe-link">d</a>',
    '<a class="unsafe-link">f</a><a class="unsafe-link">d</a>',
  ],
  ['<svg><script>window.__pwned=5</script><circle onload="x()"/></svg><p>after</p>', '<p>after</p>', '<p>after</p>'],
  ['<svg onload="window.__pwned=6"><foreignObject><p>x</p></foreignObject></svg>', '', ''],
  ['<math><mi xlink:href="javascript:x">m</mi><mtext><img src=x onerror=y></mtext></math>', '', ''],
  [
    '<p onclick="x()" style="color:red" class="hljs evil language-ts" id="attributes">t</p>',
    '<p class="hljs language-ts">t</p>',
    '<p class="hljs language-ts">t</p>',
  ],
  [
    '<span class="hljs-keyword nowrap">k</span><span class="x y">z</span>',
    '<span class="hljs-keyword nowrap">k</span><span>z</span>',
    '<span class="hljs-keyword nowrap">k</span><span>z</span>',
  ],
  ['<div data-x="1" aria-label="y" role="button" tabindex="0">d</div>', 'd', 'd'],
  ['<form action="https://remote.example.invalid"><input name="attributes"><button>go</button></form>', 'go', 'go'],
  ['<iframe src="https://remote.example.invalid/"></iframe><object data="x"></object><embed src="x">', '', ''],
  ['<style>*{background:url(https://remote.example.invalid/)}</style><link rel="stylesheet" href="x">', '', ''],
  ['<noscript><p title="</noscript><img src=x onerror=window.__pwned=7>"></noscript>', '<p></p>', '<p></p>'],
  ['<title>t</title><meta http-equiv="refresh" content="0"><p>after</p>', '<p>after</p>', '<p>after</p>'],
  ['  \n<p>leading whitespace</p>', '  \n<p>leading whitespace</p>', '  \n<p>leading whitespace</p>'],
  ['<body onload="x()"><p>b</p></body>', '<p>b</p>', '<p>b</p>'],
  ['<template><script>x</script><p>t</p></template>', '', ''],
  ['<!-- <img src=x onerror=window.__pwned=8> --><p>c</p>', '<p>c</p>', '<p>c</p>'],
  [
    '<a href="https://ok.example.invalid/" title="t"><img src="x" alt="i"></a>',
    '<a title="https://ok.example.invalid/" data-href="https://ok.example.invalid/" class="md-link" role="link" tabindex="0"><img alt="i"></a>',
    '<a title="https://ok.example.invalid/" data-href="https://ok.example.invalid/" class="md-link" role="link" tabindex="0"><img alt="i"></a>',
  ],
  [
    '<table><tr><td class="align-right">1</td></tr></table><ol start="3" onmouseover="x"><li>l</li></ol>',
    '<table><tbody><tr><td class="align-right">1</td></tr></tbody></table><ol><li>l</li></ol>',
    '<table><tbody><tr><td class="align-right">1</td></tr></tbody></table><ol><li>l</li></ol>',
  ],
  [
    '<pre><code class="hljs language-ts"><span class="hljs-string">"a"</span></code></pre>',
    '<pre><code class="hljs language-ts"><span class="hljs-string">"a"</span></code></pre>',
    '<pre><code class="hljs language-ts"><span class="hljs-string">"a"</span></code></pre>',
  ],
  ['<p>unclosed <b>bold <i>ital', '<p>unclosed <b>bold <i>ital</i></b></p>', '<p>unclosed <b>bold <i>ital</i></b></p>'],
  ['no tags at all & an ampersand', 'no tags at all & an ampersand', 'no tags at all &amp; an ampersand'],
  ['', '', ''],
];

/** Each hostile markdown payload's rendered fragment, serialized. */
const MARKDOWN: Record<string, string> = {
  'script tag': '<p>&lt;script&gt;window.__pwned=1&lt;/script&gt;</p>\n',
  'img onerror': '<p>&lt;img src=x onerror="window.__pwned=2"&gt;</p>\n',
  'javascript link': '<p>[click](javascript:window.__pwned=3)</p>\n',
  'javascript link, entity-encoded': '<p>[click](javascript:window.__pwned=4)</p>\n',
  'javascript link, mixed case and spaces': '<p>[click]( JaVaScRiPt:window.__pwned=5 )</p>\n',
  'svg with script': '<p>&lt;svg&gt;&lt;script&gt;window.__pwned=6&lt;/script&gt;&lt;/svg&gt;</p>\n',
  'svg onload': '<p>&lt;svg onload="window.__pwned=7"&gt;&lt;/svg&gt;</p>\n',
  'remote image': '<p><span class="blocked-image" title="Remote image not loaded">[image: tracker]</span></p>\n',
  'remote image, reference style': '<p><span class="blocked-image" title="Remote image not loaded">[image: t]</span></p>\n',
  iframe:
    '<p>&lt;iframe src="<a data-href="https://remote.example.invalid/" title="https://remote.example.invalid/" class="md-link" role="link" tabindex="0">https://remote.example.invalid/</a>"&gt;&lt;/iframe&gt;</p>\n',
  'data URL link': '<p>[x](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD05PC9zY3JpcHQ+)</p>\n',
  'data URL svg image': '<p>![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9IndpbmRvdy5fX3B3bmVkPTEwIi8+)</p>\n',
  'HTML entities': '<p>&lt;script&gt;window.__pwned=11&lt;/script&gt; &lt;img src=x onerror=window.__pwned=11&gt;</p>\n',
  'link title breakout':
    '<p><a title="https://ok.example.invalid" data-href="https://ok.example.invalid" class="md-link" role="link" tabindex="0">a</a></p>\n',
  'autolink javascript': '<p>&lt;javascript:window.__pwned=13&gt;</p>\n',
  'vbscript link': '<p>[x](vbscript:msgbox(14))</p>\n',
  'command URI link': '<p><a class="unsafe-link">run</a></p>\n',
  'file URI link': '<p>[secrets](file:///etc/passwd)</p>\n',
  'style tag':
    '<p>&lt;style&gt;body{background:url(<a data-href="https://remote.example.invalid/x" title="https://remote.example.invalid/x" class="md-link" role="link" tabindex="0">https://remote.example.invalid/x</a>)}&lt;/style&gt;</p>\n',
  'object/embed':
    '<p>&lt;object data="<a data-href="https://remote.example.invalid/x.swf" title="https://remote.example.invalid/x.swf" class="md-link" role="link" tabindex="0">https://remote.example.invalid/x.swf</a>"&gt;&lt;/object&gt;&lt;embed src="x.swf"&gt;</p>\n',
  'form with action':
    '<p>&lt;form action="<a data-href="https://remote.example.invalid" title="https://remote.example.invalid" class="md-link" role="link" tabindex="0">https://remote.example.invalid</a>"&gt;&lt;button&gt;go&lt;/button&gt;&lt;/form&gt;</p>\n',
  'meta refresh':
    '<p>&lt;meta http-equiv="refresh" content="0;url=<a data-href="https://remote.example.invalid" title="https://remote.example.invalid" class="md-link" role="link" tabindex="0">https://remote.example.invalid</a>"&gt;</p>\n',
  'fenced html is only text':
    '<pre><code class="hljs language-html"><span class="hljs-tag">&lt;<span class="hljs-name">img</span> <span class="hljs-attr">src</span>=<span class="hljs-string">x</span> <span class="hljs-attr">onerror</span>=<span class="hljs-string">"window.__pwned=23"</span>&gt;</span>\n</code></pre>\n',
  'fence info breakout': '<pre><code class="hljs">code\n</code></pre>\n',
  'nested link and image':
    '<p>[<span class="blocked-image" title="Remote image not loaded">[image: a]</span>](javascript:window.__pwned=25)</p>\n',
  'math-like unicode escapes': '<p><a class="unsafe-link">x</a></p>\n',
  'reference link javascript': '<p>[x][j]</p>\n<p>[j]: javascript:window.__pwned=27</p>\n',
  'linkified bare URL':
    '<p>see www.remote.example.invalid/path and <a data-href="https://remote.example.invalid" title="https://remote.example.invalid" class="md-link" role="link" tabindex="0">https://remote.example.invalid</a></p>\n',
};
describe('sanitizer: hostile HTML is pinned to what it output before', () => {
  for (const [dirty, html, fragment] of RAW) {
    it(`sanitizes ${JSON.stringify(dirty.slice(0, 60))}`, () => {
      assert.equal(sanitize.html(dirty), html);
      assert.equal(serialize(sanitize.fragment(dirty)), fragment);
    });
  }
});

describe('markdown pipeline: hostile markdown is pinned to what it output before', () => {
  it('pins every payload', () => {
    assert.deepEqual(Object.keys(MARKDOWN).sort(), HOSTILE_PAYLOADS.map((p) => p.name).sort());
  });
  for (const p of HOSTILE_PAYLOADS) {
    it(`renders: ${p.name}`, () => {
      assert.equal(serialize(render.fragment(p.markdown)), MARKDOWN[p.name]);
    });
  }
});
