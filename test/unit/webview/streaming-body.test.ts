import * as assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { createMarkdownRenderer } from '../../../src/webview/shared/markdown';
import { stableBoundary, StreamingBody } from '../../../src/webview/chat/streaming-body';

describe('stableBoundary', () => {
  it('commits up to the last blank line outside a fence', () => {
    const t = 'para one\n\npara two\n\npartial';
    assert.equal(t.slice(0, stableBoundary(t, 0)), 'para one\n\npara two\n\n');
  });

  it('never cuts inside an open code fence', () => {
    const t = 'intro\n\n```ts\nconst a = 1;\n\nconst b = 2;\n';
    assert.equal(t.slice(0, stableBoundary(t, 0)), 'intro\n\n');
    const closed = `${t}\`\`\`\n\nafter`;
    assert.equal(closed.slice(0, stableBoundary(closed, 0)), `${t}\`\`\`\n\n`);
  });

  it('does not treat a fence of another character as closing', () => {
    const t = '~~~\n```\n\nstill code\n';
    assert.equal(stableBoundary(t, 0), 0);
  });
});

describe('StreamingBody', () => {
  it('renders a stream delta by delta to the same HTML as one full render', () => {
    const dom = new JSDOM('<!DOCTYPE html><body><div id=r></div></body>');
    const g = globalThis as unknown as { document?: Document };
    const prev = g.document;
    g.document = dom.window.document;
    try {
      const render = createMarkdownRenderer(dom.window as never);
      const root = dom.window.document.getElementById('r') as unknown as HTMLElement;
      const body = new StreamingBody(root, render.fragment, () => {});
      const text = '# Title\n\nSome *text* here.\n\n```ts\nconst x = 1;\n\nconst y = 2;\n```\n\n- a\n- b\n\nThe end.';
      let sofar = '';
      for (const ch of text.match(/[\s\S]{1,3}/g)!) {
        sofar += ch;
        body.update(sofar);
      }
      const full = dom.window.document.createElement('div');
      full.innerHTML = render.html(text);
      assert.equal(root.textContent, full.textContent);
      assert.equal(root.querySelectorAll('pre code.language-ts').length, 1);
      assert.equal(root.querySelectorAll('li').length, 2);
    } finally {
      g.document = prev;
    }
  });
});
