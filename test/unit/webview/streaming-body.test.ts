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

describe('StreamingBody while a code block streams', () => {
  it('shows an open fence as plain code and highlights it once its closing fence arrives', () => {
    withBody((body, root) => {
      body.update('Intro\n\n```ts\nconst x = 1;\n');
      assert.equal(root.querySelector('pre code')!.textContent, 'const x = 1;\n');
      assert.equal(root.querySelector('pre code')!.className, 'hljs language-ts');
      assert.equal(root.querySelectorAll('pre code span').length, 0, 'an open fence is re-rendered every frame: no highlighting yet');
      body.update('Intro\n\n```ts\nconst x = 1;\n```');
      assert.ok(root.querySelector('pre code .hljs-keyword'), 'a closed fence is highlighted, even before its line ends');
      body.update('Intro\n\n```ts\nconst x = 1;\n```\n\nAfter');
      assert.ok(root.querySelector('pre code .hljs-keyword'));
    });
  });

  it('highlights a fence the answer ended without closing once the stream is finished', () => {
    withBody((body, root) => {
      body.update('Intro\n\n```ts\nconst x = 1;\n');
      assert.equal(root.querySelectorAll('pre code span').length, 0);
      body.finish('Intro\n\n```ts\nconst x = 1;\n');
      assert.ok(root.querySelector('pre code .hljs-keyword'), 'a full render highlights an unclosed fence, and so must the kept body');
    });
  });

  it('highlights closed fences in the unfinished tail and leaves only the open one plain', () => {
    withBody((body, root) => {
      body.update('```ts\nconst a = 1;\n```\ntext\n```ts\nconst b = 2;\n');
      const codes = [...root.querySelectorAll('pre code')];
      assert.equal(codes.length, 2);
      assert.ok(codes[0].querySelector('.hljs-keyword'));
      assert.equal(codes[1].querySelectorAll('span').length, 0);
    });
  });

  it('moves a flush of many blocks into the page with one insertion per group', () => {
    withBody((body, root, _render, doc) => {
      body.update('first\n\n');
      const win = doc.defaultView as unknown as { MutationObserver: typeof MutationObserver };
      const records: MutationRecord[] = [];
      const observer = new win.MutationObserver((r) => records.push(...r));
      observer.observe(root.firstElementChild!, { childList: true, subtree: true });
      body.update(`first\n\n${Array.from({ length: 30 }, (_, i) => `para ${i}`).join('\n\n')}\n\n`);
      records.push(...observer.takeRecords());
      observer.disconnect();
      const added = records.reduce((n, r) => n + r.addedNodes.length, 0);
      assert.ok(records.length <= 3, `${records.length} insertions for ${added} nodes`);
      assert.equal(root.querySelectorAll('p').length, 31);
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
