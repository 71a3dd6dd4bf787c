import * as assert from 'node:assert/strict';
import { decodeHTMLStrict as oracle } from 'entities';
import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import { decodeHTMLStrict } from '../../../src/webview/shared/html-entities';

/** Runs `fn` with a jsdom document as the global one, as the webview's is. */
function withDocument(fn: () => void): void {
  const g = globalThis as unknown as { document?: Document };
  const prev = g.document;
  g.document = new JSDOM('<!DOCTYPE html><body></body>').window.document;
  try {
    fn();
  } finally {
    g.document = prev;
  }
}

// Names markdown-it can meet: common ones, legacy ones (decoded by a browser even without `;`),
// two-code-point ones and near misses.
const NAMES = [
  'amp',
  'lt',
  'gt',
  'quot',
  'apos',
  'nbsp',
  'copy',
  'reg',
  'trade',
  'hellip',
  'mdash',
  'ndash',
  'semi',
  'AMP',
  'Amp',
  'not',
  'notin',
  'notx',
  'ampx',
  'ampsemi',
  'ltfoo',
  'copyx',
  'NotEqualTilde',
  'nvlt',
  'fjlig',
  'ThickSpace',
  'eacute',
  'Eacute',
  'auml',
  'aumlx',
  'bogus',
  'x',
  'script',
  'lt1',
  'amp0',
];

describe('decodeHTMLStrict (the webview bundle in place of entities)', () => {
  it('decodes like the entities package markdown-it uses, for names of every kind', () => {
    withDocument(() => {
      for (const name of NAMES) assert.equal(decodeHTMLStrict(`&${name};`), oracle(`&${name};`), name);
    });
  });

  it('agrees with it on random names built from real ones', () => {
    withDocument(() => {
      fc.assert(
        fc.property(fc.constantFrom(...NAMES), fc.stringMatching(/^[a-zA-Z0-9]{0,4}$/), (name, extra) => {
          const ref = `&${name}${extra};`;
          assert.equal(decodeHTMLStrict(ref), oracle(ref));
        }),
      );
    });
  });

  it('leaves anything that is not one named reference alone, markup included', () => {
    withDocument(() => {
      for (const s of ['&amp', 'amp;', '&#38;', '&<b>x</b>;', '&lt;&gt;', '&a;']) assert.equal(decodeHTMLStrict(s), s);
    });
  });
});
