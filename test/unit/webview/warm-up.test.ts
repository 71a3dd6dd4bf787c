import * as assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { createMarkdownRenderer } from '../../../src/webview/shared/markdown';
import { inIdlePeriods, WARM_SAMPLE, warmRenderer } from '../../../src/webview/shared/warm-up';

describe('warmRenderer', () => {
  it('renders the sample once per idle period, the given number of times', () => {
    const idle: (() => void)[] = [];
    const rendered: string[] = [];
    warmRenderer(
      (md) => rendered.push(md),
      (cb) => idle.push(cb),
      3,
    );
    assert.equal(idle.length, 1, 'nothing runs before an idle period, and one render per period');
    assert.equal(rendered.length, 0);
    while (idle.length) idle.shift()!();
    assert.deepEqual(rendered, [WARM_SAMPLE, WARM_SAMPLE, WARM_SAMPLE]);
  });

  it('has a sample that goes through the rules answers use: fences, lists, tables, links, inline code', () => {
    const dom = new JSDOM('<!DOCTYPE html><body></body>');
    const holder = dom.window.document.body;
    holder.append(createMarkdownRenderer(dom.window as never).fragment(WARM_SAMPLE));
    for (const selector of ['h2', 'ul li', 'ol li', 'blockquote', 'table td', 'a', 'p code', 'strong', 'em'])
      assert.ok(holder.querySelector(selector), `the sample renders ${selector}`);
    assert.ok(holder.querySelector('pre code.language-ts span[class^=hljs-]'), 'a highlighted TypeScript fence');
    assert.ok(holder.querySelector('pre code.language-python span[class^=hljs-]'), 'a highlighted Python fence');
  });
});

describe('inIdlePeriods', () => {
  it('runs the steps in order, each in the next idle period', () => {
    const idle: (() => void)[] = [];
    const ran: number[] = [];
    inIdlePeriods((cb) => idle.push(cb), [() => ran.push(1), () => ran.push(2)]);
    idle.shift()!();
    assert.deepEqual(ran, [1]);
    assert.equal(idle.length, 1);
    idle.shift()!();
    assert.deepEqual(ran, [1, 2]);
    assert.equal(idle.length, 0);
  });
});
