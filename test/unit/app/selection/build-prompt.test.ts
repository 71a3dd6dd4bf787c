import * as assert from 'node:assert/strict';
import { applyTemplate, buildSelectionPrompt, type SelectionContext } from '../../../../src/app/selection/build-prompt';

const ctx: SelectionContext = {
  text: 'function add(a, b) {\n  return a - b;\n}\n\n',
  languageId: 'javascript',
  path: 'src/math.js',
  startLine: 10,
  endLine: 12,
};

describe('selection prompts', () => {
  it('sends the code with its file path, language and line range', () => {
    const p = buildSelectionPrompt('Explain this.', ctx);
    assert.equal(
      p,
      'Explain this.\n\nFrom `src/math.js` (lines 10-12, javascript):\n\n```javascript\nfunction add(a, b) {\n  return a - b;\n}\n```',
    );
  });

  it('says "line" for a one-line selection', () => {
    assert.match(buildSelectionPrompt('x', { ...ctx, startLine: 3, endLine: 3 }), /\(line 3, javascript\)/);
  });

  it('uses a fence longer than any backtick run in the code', () => {
    assert.match(buildSelectionPrompt('x', { ...ctx, text: 'a ```` b' }), /`````javascript\na ```` b\n`````$/);
    const p = buildSelectionPrompt('x', { ...ctx, text: 'md = "```js"' });
    assert.match(p, /````javascript\nmd = "```js"\n````$/);
  });

  it('fills template placeholders and appends the code when the template omits it', () => {
    const a = applyTemplate('Review {{file}} ({{language}}, {{lines}}):\n{{selection}}', ctx);
    assert.equal(a.includesSelection, true);
    assert.equal(a.prompt, `Review src/math.js (javascript, 10-12):\n${ctx.text}`);
    const b = applyTemplate('Translate to TypeScript.', ctx);
    assert.equal(b.includesSelection, false);
    assert.match(b.prompt, /^Translate to TypeScript\.\n\nFrom `src\/math\.js`/);
  });
});
