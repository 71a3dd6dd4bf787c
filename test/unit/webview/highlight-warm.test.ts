import * as assert from 'node:assert/strict';
import hljs from 'highlight.js/lib/core';
import { warmHighlighter } from '../../../src/webview/shared/highlight';

/** Whether highlight.js has compiled a grammar (it does so on first use, and marks it). */
const compiled = (lang: string) => !!(hljs.getLanguage(lang) as { isCompiled?: boolean } | undefined)?.isCompiled;

describe('warmHighlighter', () => {
  it('compiles each grammar ahead of use, one per idle period', () => {
    const idle: (() => void)[] = [];
    warmHighlighter((cb) => idle.push(cb), ['kotlin', 'php']);
    assert.equal(idle.length, 1, 'one grammar per idle period');
    assert.ok(!compiled('kotlin') && !compiled('php'));
    idle.shift()!();
    assert.ok(compiled('kotlin') && !compiled('php'));
    idle.shift()!();
    assert.ok(compiled('php'));
    assert.equal(idle.length, 0);
  });
});
