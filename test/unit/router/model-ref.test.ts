// A model reference names one provider's model only when its prefix is a configured provider.
import * as assert from 'node:assert/strict';
import { parseModelRef } from '../../../src/core/router/model-ref';

const providers = new Set(['groq', 'openrouter']);
const isProvider = (id: string) => providers.has(id);

describe('parseModelRef', () => {
  it('a known provider before the first colon pins the rest as that provider’s model id', () => {
    assert.deepEqual(parseModelRef('openrouter:meta-llama/llama-3.1-8b:free', isProvider), {
      kind: 'pinned',
      provider: 'openrouter',
      modelId: 'meta-llama/llama-3.1-8b:free',
    });
  });

  it('a leading colon, an unknown prefix or a prefix with a slash stays canonical', () => {
    for (const ref of [':groq', 'nope:x', 'meta-llama/llama-3.1-8b:free', 'groq']) {
      assert.deepEqual(parseModelRef(ref, isProvider), { kind: 'canonical', model: ref });
    }
  });

  it('a provider id is never looked up with a slash in it', () => {
    const asked: string[] = [];
    parseModelRef('a/b:c', (id) => (asked.push(id), true));
    assert.deepEqual(asked, []);
  });
});
