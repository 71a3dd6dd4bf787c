// Every encoding a body can carry a key in, through replaceKeyForms. Each test builds keys no
// earlier call has seen: the forms of a key are remembered, and a remembered key would not show
// how a new one is turned into its forms.
import * as assert from 'node:assert/strict';
import { replaceKeyForms } from '../../../src/core/key-forms';

let made = 0;
/** A key never passed before, with the characters JSON and URLs escape and a non-ASCII one. */
function freshKey(): string {
  made++;
  return `kEy${made}/SENT+Iné${made}l~0123456789abcdef`;
}
const TAG = '[k]';
const swap = (text: string, key: string) => replaceKeyForms(text, key, TAG);

const jsonUnicode = (key: string, upper = false) =>
  [...key]
    .map((c) => {
      const hex = c.codePointAt(0)!.toString(16).padStart(4, '0');
      return `\\u${upper ? hex.toUpperCase() : hex}`;
    })
    .join('');
const percentAll = (key: string, upper: boolean) =>
  [...Buffer.from(key, 'utf8')].map((b) => `%${upper ? b.toString(16).toUpperCase() : b.toString(16)}`.replace(/^%(.)$/, '%0$1')).join('');

describe('replaceKeyForms', () => {
  it('replaces the key written plainly, each time it occurs', () => {
    const key = freshKey();
    assert.equal(swap(`a ${key} b ${key}`, key), `a ${TAG} b ${TAG}`);
  });

  it('replaces the key with its slashes JSON-escaped', () => {
    const key = freshKey();
    assert.equal(swap(`"${key.replace(/\//g, '\\/')}"`, key), `"${TAG}"`);
  });

  it('replaces the key written as \\u escapes, in either case of hex digit, mixed with plain characters', () => {
    const key = freshKey();
    assert.equal(swap(`"${jsonUnicode(key)}"`, key), `"${TAG}"`);
    assert.equal(swap(`"${jsonUnicode(key, true)}"`, key), `"${TAG}"`);
    const mixed = key.slice(0, 5) + jsonUnicode(key.slice(5, 9)) + key.slice(9);
    assert.equal(swap(`x=${mixed};`, key), `x=${TAG};`);
  });

  it('replaces the key percent-encoded, in either case, its non-ASCII character byte by byte', () => {
    const key = freshKey();
    assert.equal(swap(`?key=${encodeURIComponent(key)}&x`, key), `?key=${TAG}&x`);
    assert.equal(swap(`?key=${percentAll(key, false)}&x`, key), `?key=${TAG}&x`);
    assert.equal(swap(`?key=${percentAll(key, true)}&x`, key), `?key=${TAG}&x`);
    assert.equal(swap(`a=${encodeURIComponent(key)}&b=${encodeURIComponent(key)}`, key), `a=${TAG}&b=${TAG}`, 'every occurrence');
  });

  it('replaces a key beyond the basic plane only in forms that can spell it', () => {
    made++;
    const key = `emoji${made}😀tail0123456789`;
    assert.equal(swap(`?k=${encodeURIComponent(key)}`, key), `?k=${TAG}`);
    assert.equal(swap(`[${key}]`, key), `[${TAG}]`);
  });

  it('replaces the key base64-encoded at each of the three byte alignments, in both alphabets', () => {
    for (const prefix of ['', 'u:', 'us:', 'use:']) {
      const key = freshKey();
      const std = Buffer.from(`${prefix}${key}`).toString('base64');
      const url = Buffer.from(`${prefix}${key}`).toString('base64url');
      for (const encoded of [std, url]) {
        const out = swap(`Basic ${encoded}`, key);
        assert.ok(out.includes(TAG), `${prefix || 'no prefix'}: ${out}`);
        // What is left is the prefix's own base64 and the few characters shared with the neighbouring bytes.
        assert.ok(out.length <= `Basic ${TAG}`.length + Math.ceil((prefix.length * 4) / 3) + 4, `${prefix || 'no prefix'}: ${out}`);
      }
    }
  });

  it("replaces a key whose base64 has both alphabets' special characters, written in either alphabet", () => {
    for (const prefix of ['', 'u:', 'us:']) {
      made++;
      const key = `???>>>~~~${made}???>>>~~~`;
      const std = Buffer.from(`${prefix}${key}`).toString('base64');
      const url = Buffer.from(`${prefix}${key}`).toString('base64url');
      assert.match(std, /\+.*\/|\/.*\+/);
      for (const encoded of [std, url]) assert.ok(swap(`Basic ${encoded}`, key).includes(TAG), `${prefix}: ${encoded}`);
    }
  });

  it('replaces a six-byte key whose whole base64 is eight characters', () => {
    made++;
    const key = `k${String(made).padStart(5, '0')}`;
    assert.equal(swap(`token ${Buffer.from(key).toString('base64')} end`, key), `token ${TAG} end`);
  });

  it('leaves text without the key alone, including other escapes and encodings', () => {
    const key = freshKey();
    const text = `path %2F and \\u002f and \\/ and ${Buffer.from('unrelated words here').toString('base64')}`;
    assert.equal(swap(text, key), text);
  });

  it('does not match a short key by chance inside base64 text', () => {
    made++;
    const key = `ab${made}`;
    const text = Buffer.from(`xx${key}yy and more`).toString('base64');
    assert.equal(swap(`Basic ${text}`, key), `Basic ${text}`);
  });

  it('still finds every key after many different ones', () => {
    const keys = Array.from({ length: 40 }, freshKey);
    for (const key of keys) assert.equal(swap(`"${encodeURIComponent(key)}"`, key), `"${TAG}"`);
    for (const key of keys.slice(0, 3)) assert.equal(swap(`"${jsonUnicode(key)}"`, key), `"${TAG}"`);
  });
});
