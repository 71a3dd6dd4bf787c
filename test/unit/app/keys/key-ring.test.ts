import * as assert from 'node:assert/strict';
import type { SecretStore } from '../../../../src/core/platform';
import { KeyRing, secretKeyFor, validateKeyShape } from '../../../../src/app/keys/key-ring';

class MemorySecrets implements SecretStore {
  readonly map = new Map<string, string>();
  async get(k: string) {
    return this.map.get(k);
  }
  async store(k: string, v: string) {
    this.map.set(k, v);
  }
  async delete(k: string) {
    this.map.delete(k);
  }
}

const openai = { id: 'openai', envKey: 'OPENAI_API_KEY', keyRequired: true };
const ollama = { id: 'ollama', keyRequired: false };
const SENTINEL = 'sk-test-SENTINEL-keyring-0001';

describe('KeyRing', () => {
  it('stores under the contract key, trimmed, and reads it back', async () => {
    const s = new MemorySecrets();
    const ring = new KeyRing(s, { keysFromEnvironment: () => false });
    await ring.set('openai', `  ${SENTINEL}\n`);
    assert.equal(s.map.get('switchboard.key.openai'), SENTINEL);
    assert.equal(secretKeyFor('groq'), 'switchboard.key.groq');
    assert.equal(await ring.get(openai), SENTINEL);
    assert.equal(await ring.sourceOf(openai), 'secret-storage');
  });

  it('rejects an empty key', async () => {
    const ring = new KeyRing(new MemorySecrets(), { keysFromEnvironment: () => false });
    await assert.rejects(ring.set('openai', '   '), /empty/);
  });

  it('uses environment keys only when opted in, and the stored key wins', async () => {
    const s = new MemorySecrets();
    let optIn = false;
    const env = { OPENAI_API_KEY: 'sk-test-SENTINEL-from-env-0002' };
    const ring = new KeyRing(s, { keysFromEnvironment: () => optIn, env });
    assert.equal(await ring.get(openai), undefined);
    assert.equal(await ring.sourceOf(openai), 'none');
    optIn = true;
    assert.equal(await ring.get(openai), env.OPENAI_API_KEY);
    assert.equal(await ring.sourceOf(openai), 'environment');
    assert.equal(s.map.size, 0, 'an environment key is never copied into storage');
    await ring.set('openai', SENTINEL);
    assert.equal(await ring.get(openai), SENTINEL);
  });

  it('ignores an environment key shorter than 8 characters, warning once without printing it', async () => {
    const warnings: string[] = [];
    const env = { OPENAI_API_KEY: 'dummy1' };
    const ring = new KeyRing(new MemorySecrets(), { keysFromEnvironment: () => true, env, warn: (m) => warnings.push(m) });
    assert.equal(await ring.get(openai), undefined);
    assert.equal(await ring.get(openai), undefined);
    assert.equal(await ring.sourceOf(openai), 'none');
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /OPENAI_API_KEY/);
    assert.ok(!warnings[0].includes('dummy1'));
    assert.deepEqual(ring.knownValues(), [], 'a rejected value is not remembered, so it never shreds text');
    env.OPENAI_API_KEY = 'sk-test-SENTINEL-env-long-0003';
    assert.equal(await ring.get(openai), env.OPENAI_API_KEY);
  });

  it('reports keyless providers as not needing a key and anyUsable only for real keys', async () => {
    const s = new MemorySecrets();
    const ring = new KeyRing(s, { keysFromEnvironment: () => false });
    assert.equal(await ring.sourceOf(ollama), 'not-needed');
    assert.equal(await ring.anyUsable([openai, ollama]), false);
    await ring.set('openai', SENTINEL);
    assert.equal(await ring.anyUsable([openai, ollama]), true);
    await ring.remove('openai');
    assert.equal(await ring.anyUsable([openai]), false);
  });

  it('redacts every key it has seen, even ones no pattern matches', async () => {
    const ring = new KeyRing(new MemorySecrets(), { keysFromEnvironment: () => false });
    const odd = 'plainkey-without-prefix-123';
    await ring.set('custom', odd);
    await ring.set('openai', SENTINEL);
    const text = ring.redact(`failed with ${odd} and ${SENTINEL} and Bearer abcdefghijk`);
    assert.ok(!text.includes(odd));
    assert.ok(!text.includes(SENTINEL));
    assert.ok(!text.includes('abcdefghijk'));
    assert.match(text, /\[redacted\]/);
  });

  it('tells listeners which provider changed', async () => {
    const ring = new KeyRing(new MemorySecrets(), { keysFromEnvironment: () => false });
    const seen: string[] = [];
    const sub = ring.onDidChange((id) => seen.push(id));
    await ring.set('anthropic', SENTINEL);
    await ring.remove('anthropic');
    ring.notifyExternalChange('gemini');
    sub.dispose();
    await ring.set('openai', SENTINEL);
    assert.deepEqual(seen, ['anthropic', 'anthropic', 'gemini']);
  });
});

describe('validateKeyShape', () => {
  it('accepts plausible keys and explains implausible ones', () => {
    assert.equal(validateKeyShape(SENTINEL), undefined);
    assert.match(validateKeyShape('')!, /Paste/);
    assert.match(validateKeyShape('abc def ghi jkl')!, /spaces/);
    assert.match(validateKeyShape('short')!, /short/);
    assert.match(validateKeyShape('https://api.openai.com/v1')!, /URL/);
  });
});
