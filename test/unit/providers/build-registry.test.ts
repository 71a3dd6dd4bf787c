import * as assert from 'node:assert/strict';
import { buildRegistry, customDescriptor, presetDescriptors } from '../../../src/core/providers/build-registry';

describe('buildRegistry', () => {
  it('lists the big three first and every preset has a unique id', () => {
    const ids = presetDescriptors().map((d) => d.id);
    assert.deepEqual(ids.slice(0, 3), ['openai', 'anthropic', 'gemini']);
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(ids.includes('openrouter') && ids.includes('ollama'));
  });

  it('applies base-URL overrides and drops disabled presets', () => {
    const r = buildRegistry({
      providers: { openai: { baseUrl: 'http://127.0.0.1:9/v1' }, gemini: { enabled: false } },
      customProviders: [],
    });
    assert.equal(r.get('openai')?.baseUrl, 'http://127.0.0.1:9/v1');
    assert.equal(r.get('gemini'), undefined);
    assert.ok(r.get('anthropic')!.baseUrl.startsWith('https://'));
  });

  it('adds custom providers of each family with the right adapter', () => {
    const r = buildRegistry({
      providers: {},
      customProviders: [
        { id: 'vllm', displayName: 'vLLM', family: 'openai', baseUrl: 'http://127.0.0.1:8000/v1', keyRequired: false },
        { id: 'corp-claude', displayName: 'Corp Claude', family: 'anthropic', baseUrl: 'https://gw.example/anthropic' },
      ],
    });
    assert.equal(r.get('vllm')?.keyRequired, false);
    assert.equal(r.adapterFor(r.get('vllm')!.family).family, 'openai');
    const corp = r.get('corp-claude')!;
    assert.equal(corp.family, 'anthropic');
    assert.equal(corp.envKey, undefined, 'a custom endpoint never reads the vendor env key');
    assert.equal(r.adapterFor(corp.family).family, 'anthropic');
  });

  it('a keyless custom Gemini endpoint sends no key header', () => {
    const d = customDescriptor({ id: 'g', displayName: 'G', family: 'gemini', baseUrl: 'http://127.0.0.1:1', keyRequired: false });
    assert.deepEqual(d.auth, { kind: 'none' });
  });
});

describe('custom endpoints and the registry', () => {
  it('a custom endpoint needs a key unless told otherwise, and sends it the vendor way', () => {
    const d = customDescriptor({ id: 'c', displayName: 'C', family: 'anthropic', baseUrl: 'https://gw.example' });
    assert.equal(d.keyRequired, true);
    assert.deepEqual(d.auth, { kind: 'header', header: 'x-api-key' });
    assert.equal(d.keyUrl, undefined);
    const g = customDescriptor({ id: 'g', displayName: 'G', family: 'gemini', baseUrl: 'https://gw.example' });
    assert.equal(g.rateLimitScheme, 'none');
    assert.equal(customDescriptor({ id: 'o', displayName: 'O', family: 'openai', baseUrl: 'https://gw.example/v1' }).keyRequired, true);
  });

  it('a custom Responses endpoint is an OpenAI-style host on the Responses wire', () => {
    const d = customDescriptor({ id: 'r', displayName: 'R', family: 'responses', baseUrl: 'https://gw.example/v1', keyRequired: false });
    assert.equal(d.family, 'responses');
    assert.equal(d.displayName, 'R');
    assert.equal(d.baseUrl, 'https://gw.example/v1');
    assert.equal(d.keyRequired, false);
    assert.equal(buildRegistry({ providers: {}, customProviders: [] }).adapterFor('responses').family, 'responses');
  });

  it('a custom endpoint with a preset id replaces it; overrides apply to custom ones too', () => {
    const r = buildRegistry({
      providers: { mine: { baseUrl: 'https://moved.example/v1' } },
      customProviders: [
        { id: 'openai', displayName: 'My OpenAI', family: 'openai', baseUrl: 'https://proxy.example/v1' },
        { id: 'mine', displayName: 'Mine', family: 'openai', baseUrl: 'https://mine.example/v1' },
      ],
    });
    assert.equal(r.get('openai')?.displayName, 'My OpenAI');
    assert.equal(r.get('mine')?.baseUrl, 'https://moved.example/v1');
    assert.equal(r.list().filter((d) => d.id === 'openai').length, 1);
    assert.equal(r.list().length, presetDescriptors().length + 1);
    assert.deepEqual(
      r
        .withOverrides({})
        .list()
        .map((d) => d.id),
      r.list().map((d) => d.id),
    );
  });
});
