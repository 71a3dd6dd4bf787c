import * as assert from 'node:assert/strict';
import { onOwnLines } from '../../../../src/app/chat/insertion';

describe('onOwnLines', () => {
  it('puts a line inserted at the start of a code line on its own line', () => {
    assert.equal(onOwnLines('const x = 1;', '', 'export function add() {'), 'const x = 1;\n');
    assert.equal(onOwnLines('const x = 1;', '  ', 'return a;'), 'const x = 1;\n');
  });

  it('keeps a one-liner inline when the cursor is inside a line', () => {
    assert.equal(onOwnLines('a + b', 'return ', ';'), 'a + b');
  });

  it('separates a multi-line block from code on both sides', () => {
    assert.equal(onOwnLines('if (x) {\n  y();\n}', 'foo();', 'bar();'), '\nif (x) {\n  y();\n}\n');
  });

  it('leaves text alone on an empty line or at the end of a line', () => {
    assert.equal(onOwnLines('if (x) {\n  y();\n}', '', ''), 'if (x) {\n  y();\n}');
    assert.equal(onOwnLines('done\n', '', 'next'), 'done\n', 'a trailing newline is not doubled');
  });
});
