// A key echoed back in an encoded form (JSON escapes, percent-encoding, base64) is still the key.
import * as assert from 'node:assert/strict';
import { redactSecrets } from '../../../src/core/errors';
import { errorFromBody } from '../../../src/core/providers/http-error';
import { parseOpenAIErrorBody } from '../../../src/core/providers/openai/error-body';
import { MISTRAL } from '../../../src/core/providers/openai/presets';
import { assertNoKeyFragment } from './key-fragment';

// No vendor prefix, and both characters that JSON and URLs escape.
const KEY = 'plainSENT/INEL+key0123/456789abc+defGHIJ';

const jsonSlash = KEY.replace(/\//g, '\\/');
const jsonUnicode = KEY.replace(/[/+]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
const jsonUnicodeUpper = jsonUnicode.replace(/\\u([0-9a-f]{4})/g, (_m, h: string) => `\\u${h.toUpperCase()}`);
const allUnicode = [...KEY].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
const urlUpper = encodeURIComponent(KEY);
const urlLower = urlUpper.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
const urlAll = [...KEY].map((c) => `%${c.charCodeAt(0).toString(16)}`).join('');
const b64 = Buffer.from(KEY).toString('base64');
const b64url = Buffer.from(KEY).toString('base64url');
const b64shifted = Buffer.from(`user:${KEY}`).toString('base64');

const forms: Record<string, string> = { jsonSlash, jsonUnicode, jsonUnicodeUpper, allUnicode, urlUpper, urlLower, urlAll, b64, b64url };

/** No run of 8 characters of the key, in the form it was sent, survives. */
function assertGone(text: string, form: string): void {
  assert.ok(!text.includes(form), `the encoded key survived: ${text}`);
  assertNoKeyFragment(text, form, 12);
  assert.match(text, /\[redacted\]/);
}

describe('redaction of encoded keys', () => {
  for (const [name, form] of Object.entries(forms)) {
    it(`redacts the key written as ${name}`, () => {
      assertGone(redactSecrets(`upstream echoed "${form}" back`, [KEY]), form);
    });
  }

  it('redacts a key base64-encoded behind a prefix (Basic credentials)', () => {
    const out = redactSecrets(`Authorization: Basic ${b64shifted}`, [KEY]);
    assertNoKeyFragment(out, b64shifted.slice(8), 12);
  });

  it('leaves text without the key alone, and a similar key', () => {
    const other = KEY.replace('plain', 'PLAIN');
    assert.equal(redactSecrets(`hello ${other} %2F \\/`, [KEY]), `hello ${other} %2F \\/`);
  });

  it('an unparsable error body with the key JSON-escaped never reaches the message', () => {
    const err = errorFromBody(500, {}, `{"error": "bad key ${jsonSlash}"`, MISTRAL, parseOpenAIErrorBody, [KEY]);
    assertGone(err.message, jsonSlash);
  });

  it('a parsed error message quoting a URL-encoded key never reaches the message', () => {
    const body = JSON.stringify({ error: { message: `GET /v1/models?key=${urlLower} was refused`, code: 'invalid_api_key' } });
    const err = errorFromBody(401, {}, body, MISTRAL, parseOpenAIErrorBody, [KEY]);
    assert.equal(err.category, 'auth');
    assertGone(err.message, urlLower);
  });
});
