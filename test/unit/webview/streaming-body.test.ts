import * as assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { createMarkdownRenderer } from '../../../src/webview/shared/markdown';
import { groupBlocks, stableBoundary, StreamingBody } from '../../../src/webview/shared/streaming-body';

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

/** Runs `fn` with a jsdom document as the global one (StreamingBody creates elements through it). */
function withBody(
  fn: (body: StreamingBody, root: HTMLElement, render: ReturnType<typeof createMarkdownRenderer>, doc: Document) => void,
): void {
  const dom = new JSDOM('<!DOCTYPE html><body><div id=r></div></body>');
  const g = globalThis as unknown as { document?: Document };
  const prev = g.document;
  g.document = dom.window.document;
  try {
    const render = createMarkdownRenderer(dom.window as never);
    const root = dom.window.document.getElementById('r') as unknown as HTMLElement;
    fn(new StreamingBody(root, render.fragment, () => {}), root, render, dom.window.document);
  } finally {
    g.document = prev;
  }
}

describe('StreamingBody', () => {
  it('renders a stream delta by delta to the same HTML as one full render', () => {
    withBody((body, root, render, doc) => {
      const text = '# Title\n\nSome *text* here.\n\n```ts\nconst x = 1;\n\nconst y = 2;\n```\n\n- a\n- b\n\nThe end.';
      let sofar = '';
      for (const ch of text.match(/[\s\S]{1,3}/g)!) {
        sofar += ch;
        body.update(sofar);
      }
      const full = doc.createElement('div');
      full.innerHTML = render.html(text);
      assert.equal(root.textContent, full.textContent);
      assert.equal(root.querySelectorAll('pre code.language-ts').length, 1);
      assert.equal(root.querySelectorAll('li').length, 2);
    });
  });

  it('starts over when the text no longer begins with what it committed', () => {
    withBody((body, root) => {
      body.update('first para\n\nsecond');
      body.update('other para\n\nsecond para');
      assert.deepEqual(
        [...root.querySelectorAll('p')].map((p) => p.textContent),
        ['other para', 'second para'],
      );
    });
  });

  it('makes a group skippable off screen only once a whole group follows it', () => {
    withBody((body, root) => {
      let text = '';
      for (let i = 0; i < 60; i++) {
        text += `para ${i}\n\n`;
        body.update(text);
      }
      assert.equal(root.querySelectorAll('p').length, 60);
      assert.equal(root.querySelectorAll('.md-group').length, 1, 'the two newest groups must not be skippable yet');
      assert.equal(root.querySelector('.md-group')!.childElementCount, 24);
    });
  });

  it('groups the blocks of one large commit, so a flush of many blocks is not laid out whole', () => {
    withBody((body, root) => {
      const paras = Array.from({ length: 100 }, (_, i) => `para ${i}`);
      body.update(`${paras.join('\n\n')}\n\ntail`);
      const groups = [...root.firstElementChild!.children];
      assert.deepEqual(
        groups.map((g) => [g.className, g.childElementCount]),
        [
          ['md-group', 24],
          ['md-group', 24],
          ['md-group', 24],
          ['', 24],
          ['', 4],
        ],
      );
      assert.deepEqual(
        [...root.querySelectorAll('p')].map((p) => p.textContent),
        [...paras, 'tail'],
      );
    });
  });
});

describe('groupBlocks', () => {
  it('wraps the top-level blocks of a long render in groups, in order, and leaves a short one alone', () => {
    withBody((_body, _root, render, doc) => {
      const long = groupBlocks(render.fragment(Array.from({ length: 50 }, (_, i) => `p${i}`).join('\n\n')));
      const holder = doc.createElement('div');
      holder.append(long);
      assert.deepEqual(
        [...holder.children].map((g) => g.className),
        ['md-group', 'md-group', 'md-group'],
      );
      assert.deepEqual(
        [...holder.querySelectorAll('p')].map((p) => p.textContent),
        Array.from({ length: 50 }, (_, i) => `p${i}`),
      );
      const short = groupBlocks(render.fragment('one\n\ntwo'));
      assert.equal(short.querySelectorAll('.md-group').length, 0);
    });
  });
});
