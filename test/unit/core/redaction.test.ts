// The secret scrubber every message passes through: vendor key shapes, known keys, and the
// order of redacting and cutting.
import * as assert from 'node:assert/strict';
import { ProviderError, redactAndClip, redactError, redactSecrets } from '../../../src/core/errors';
import { assertNoKeyFragment } from './key-fragment';

// Built from parts so no scanner mistakes the fixtures for real keys.
const body = (n: number) => 'A1b2C3d4E5f6G7h8J9k0L1m2N3p4Q5r6S7t8U9v0W1x2Y3z4A5b6C7d8E9f0G1h2J3k4L5m6N7p8Q9r0'.slice(0, n);

describe('redactSecrets', () => {
  const shapes: Record<string, string> = {
    'Groq gsk_': `gsk_${body(52)}`,
    'xAI xai-': `xai-${body(80)}`,
    'Cerebras csk-': `csk-${body(48).toLowerCase()}`,
    'Fireworks fw_': `fw_${body(24)}`,
    'Perplexity pplx-': `pplx-${body(48)}`,
    'Hugging Face hf_': `hf_${body(34)}`,
    'Together tgp_v1_': `tgp_v1_${body(43)}`,
    'NVIDIA nvapi-': `nvapi-${body(30)}-${body(33)}`,
    'OpenAI sk-proj-': `sk-proj-${body(48)}`,
    'Anthropic sk-ant-': `sk-ant-api03-${body(80)}`,
    'OpenRouter sk-or-v1-': `sk-or-v1-${body(64).toLowerCase()}`,
    'DeepSeek sk-': `sk-${body(32).toLowerCase()}`,
    'Gemini AIza': `AIza${body(35)}`,
  };
  for (const [name, key] of Object.entries(shapes)) {
    it(`catches an unknown ${name} key by its shape`, () => {
      const out = redactSecrets(`Incorrect API key provided: ${key}. Check your settings.`);
      assertNoKeyFragment(out, key);
      assert.match(out, /provided: \[redacted\]\. Check/);
    });
  }

  it('leaves ordinary words, model ids and request ids alone', () => {
    const text =
      'xai-grok-beta and fw_llama-v3p1-8b-instruct failed; csk-rollout risk-free task-123 ' +
      'request id req_011CSHoEeqs5C35K2UUqLMTG, api key: malformed, sklearn hf_hub gsk_short';
    assert.equal(redactSecrets(text), text);
  });

  it('redacts a labelled key value of any shape', () => {
    const out = redactSecrets(`header x-api-key: Zq7${body(29)} and "api_key":"${body(20)}"`);
    assert.ok(!out.includes(body(20)));
    assert.match(out, /x-api-key: \[redacted\]/);
  });

  it('redacts a labelled value however the label is spaced or written, and only when it has a digit', () => {
    assert.equal(redactSecrets('apikey: abcd1234efgh'), 'apikey: [redacted]');
    assert.equal(redactSecrets('api_key = abcd1234efgh'), 'api_key = [redacted]');
    assert.equal(redactSecrets('api_key: placeholder.'), 'api_key: placeholder.');
  });

  it('redacts a Bearer token of eight characters and more, whole, and leaves a shorter word after Bearer alone', () => {
    assert.equal(redactSecrets('Authorization: Bearer a1b2c3d4'), 'Authorization: Bearer [redacted]');
    assert.equal(redactSecrets('authorization: bearer  a.b_c~d+e/f=g-h rest'), 'authorization: bearer  [redacted] rest');
    assert.equal(redactSecrets('Bearer a1b2c3d, Bearer realm'), 'Bearer a1b2c3d, Bearer realm');
  });

  it('redacts known keys of four characters and more, and ignores shorter placeholders', () => {
    assert.equal(redactSecrets('use k9x2 here', ['k9x2']), 'use [redacted] here');
    assert.equal(redactSecrets('a b ok', ['a', 'ok']), 'a b ok');
  });

  it('redacts the longer of two overlapping known keys whole', () => {
    const long = `plain${body(20)}`;
    const out = redactSecrets(`got ${long}`, [long.slice(0, 9), long]);
    assert.equal(out, 'got [redacted]');
  });
});

describe('redactAndClip', () => {
  it('leaves no fragment of a key the cut falls inside', () => {
    const key = `plainKEY${body(30)}`;
    const text = `${'x'.repeat(110)}${key} tail`;
    const out = redactAndClip(text, 120, [key]);
    assertNoKeyFragment(out, key);
    assert.ok(out.endsWith('…'));
  });

  it('keeps short text as it is', () => {
    assert.equal(redactAndClip('short', 120), 'short');
  });

  it('cuts text longer than the limit to the limit and marks the cut; text of exactly the limit stays whole', () => {
    assert.equal(redactAndClip('abcdefghij', 10), 'abcdefghij');
    assert.equal(redactAndClip('abcdefghijk', 10), 'abcdefghij…');
  });
});

describe('redactError', () => {
  it('returns the same error when nothing is secret, a scrubbed copy otherwise', () => {
    const clean = new ProviderError({ category: 'server', provider: 'p', message: 'boom', status: 500 });
    assert.equal(redactError(clean, ['secretkey1']), clean);
    const dirty = new ProviderError({ category: 'server', provider: 'p', message: 'boom secretkey1', status: 500, code: 'x' });
    const r = redactError(dirty, ['secretkey1']);
    assert.equal(r.message, 'boom [redacted]');
    assert.equal(r.status, 500);
    assert.equal(r.code, 'x');
  });
});
