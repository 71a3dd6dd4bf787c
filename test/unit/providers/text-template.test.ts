// Reading a chunk by its bytes around the text must give what JSON.parse gives, or decline.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { hasAt, TextTemplate } from '../../../src/core/providers/text-template';

const chunk = (content: string) => ({
  id: 'chatcmpl-1',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'm',
  choices: [{ index: 0, delta: { content }, finish_reason: null }],
});
const contentOf = (v: unknown) => (v as ReturnType<typeof chunk>).choices[0].delta.content;

function learned(text = 'first'): TextTemplate {
  const t = new TextTemplate();
  t.learn(JSON.stringify(chunk(text)), chunk(text), (m) => chunk(m));
  return t;
}

describe('TextTemplate', () => {
  it('reads the text of a chunk that differs from the learned one only in its text', () => {
    const t = learned();
    assert.equal(t.read(JSON.stringify(chunk(' next'))), ' next');
    assert.equal(t.read(JSON.stringify(chunk(''))), '');
  });

  it('gives exactly what JSON.parse gives for any text, or declines', () => {
    const t = learned();
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('a"b', '\\', '\n', '\u0000', '\uE000\uF8FF\uE000')),
        (text) => {
          const line = JSON.stringify(chunk(text));
          const fast = t.read(line);
          if (fast !== undefined) assert.equal(fast, contentOf(JSON.parse(line)));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('never reads a changed line differently from JSON.parse (any character changed, added or removed)', () => {
    const t = learned();
    const base = JSON.stringify(chunk('a word'));
    fc.assert(
      fc.property(
        fc.nat(base.length),
        fc.nat(3),
        fc.oneof(fc.constantFrom('"', '\\', '}', ']', ',', ' ', '0', '1', 'null', ':', '\u0001', 'x', ''), fc.string({ maxLength: 3 })),
        (at, drop, insert) => {
          const line = base.slice(0, at) + insert + base.slice(at + drop);
          const fast = t.read(line);
          if (fast === undefined) return;
          const parsed = JSON.parse(line) as unknown;
          assert.deepEqual(parsed, chunk(fast), line);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('learns nothing from a chunk whose bytes are not JSON.stringify of it, and gives up after a few', () => {
    const spaced = new TextTemplate();
    spaced.learn(JSON.stringify(chunk('x'), null, 1), chunk('x'), (m) => chunk(m));
    assert.equal(spaced.read(JSON.stringify(chunk('y'))), undefined);
    const t = new TextTemplate();
    for (let i = 0; i < 3; i++) t.learn(`${JSON.stringify(chunk('x'))} `, chunk('x'), (m) => chunk(m));
    t.learn(JSON.stringify(chunk('x')), chunk('x'), (m) => chunk(m));
    assert.equal(t.read(JSON.stringify(chunk('y'))), undefined);
  });
});

describe('hasAt', () => {
  it('is startsWith at any position, and false before the start', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 4 }), fc.integer({ min: -6, max: 16 }), (s, x, at) => {
        assert.equal(hasAt(s, x, at), at >= 0 && s.startsWith(x, at));
      }),
      { numRuns: 3000 },
    );
  });
});
