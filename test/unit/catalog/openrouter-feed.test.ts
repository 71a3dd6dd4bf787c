// OpenRouter's feed sets the price of every model reached through it: a per-token string read
// wrongly is a price off by a million, and "varies" read as free under-charges every request.
import * as assert from 'node:assert/strict';
import { z } from 'zod';
import {
  capabilitiesFromOr,
  priceFromOr,
  upstreamFromOr,
  validateEntries,
  type OrEndpoint,
} from '../../../src/core/catalog/openrouter-feed';

describe('OpenRouter feed conversion', () => {
  it('reads per-token decimal strings or numbers as USD per million tokens, without float noise', () => {
    assert.deepEqual(priceFromOr({ prompt: '0.000003', completion: '0.000015' }), { inputPerMTok: 3, outputPerMTok: 15 });
    assert.deepEqual(priceFromOr({ prompt: 0.00000015, completion: '0.0000006' }), { inputPerMTok: 0.15, outputPerMTok: 0.6 });
    assert.deepEqual(priceFromOr({ prompt: '0', completion: '0' }), { inputPerMTok: 0, outputPerMTok: 0 }, 'a free model is $0');
  });

  it('has no price when the prompt or completion price is missing, empty, negative ("varies") or not a number', () => {
    for (const bad of [undefined, null, '', '-1', -1, 'abc', 'Infinity']) {
      assert.equal(priceFromOr({ prompt: bad, completion: '0.000001' }), undefined, `prompt ${String(bad)}`);
      assert.equal(priceFromOr({ prompt: '0.000001', completion: bad }), undefined, `completion ${String(bad)}`);
    }
  });

  it('keeps cache, reasoning and per-request prices only when they are real', () => {
    const base = { prompt: '0.000001', completion: '0.000002' };
    assert.deepEqual(
      priceFromOr({
        ...base,
        input_cache_read: '0.0000001',
        input_cache_write: '0.00000125',
        internal_reasoning: '0.000004',
        request: '0.005',
      }),
      { inputPerMTok: 1, outputPerMTok: 2, cacheReadPerMTok: 0.1, cacheWritePerMTok: 1.25, reasoningPerMTok: 4, requestUsd: 0.005 },
    );
    // A cache read that is free is a real price; reasoning at 0 means "billed as output", a request fee of 0 is none.
    assert.deepEqual(priceFromOr({ ...base, input_cache_read: '0', internal_reasoning: '0', request: '0' }), {
      inputPerMTok: 1,
      outputPerMTok: 2,
      cacheReadPerMTok: 0,
    });
    for (const bad of ['-1', 'n/a', null, '']) {
      assert.deepEqual(
        priceFromOr({ ...base, input_cache_read: bad, input_cache_write: bad, internal_reasoning: bad, request: bad }),
        { inputPerMTok: 1, outputPerMTok: 2 },
        String(bad),
      );
    }
    assert.deepEqual(priceFromOr({ ...base, request: 0.02 }), { inputPerMTok: 1, outputPerMTok: 2, requestUsd: 0.02 });
  });

  it('reads capabilities from the supported parameters and input modalities', () => {
    const none = { images: false, reasoning: false, tools: false, structuredOutput: false };
    assert.deepEqual(capabilitiesFromOr({ supported_parameters: null, architecture: null }), none);
    assert.deepEqual(capabilitiesFromOr({ architecture: { input_modalities: null } }), none);
    assert.deepEqual(
      capabilitiesFromOr({
        supported_parameters: ['tools', 'reasoning', 'structured_outputs'],
        architecture: { input_modalities: ['text', 'image'] },
      }),
      { images: true, reasoning: true, tools: true, structuredOutput: true },
    );
    assert.deepEqual(capabilitiesFromOr({ supported_parameters: ['include_reasoning', 'response_format'] }), {
      ...none,
      reasoning: true,
      structuredOutput: true,
    });
    assert.deepEqual(
      capabilitiesFromOr({ supported_parameters: ['temperature'], architecture: { input_modalities: ['text', 'audio'] } }),
      none,
    );
  });

  it('converts an upstream host entry, nulls read as absent', () => {
    const e: OrEndpoint = {
      provider_name: 'Groq',
      tag: 'groq',
      context_length: 131_072,
      max_completion_tokens: 32_768,
      pricing: { prompt: '0.00000059', completion: '0.00000079' },
      quantization: 'fp8',
      uptime_last_30m: 99.5,
    };
    assert.deepEqual(upstreamFromOr(e), {
      hostName: 'Groq',
      tag: 'groq',
      price: { inputPerMTok: 0.59, outputPerMTok: 0.79 },
      contextWindow: 131_072,
      maxOutputTokens: 32_768,
      quantization: 'fp8',
      uptimeLast30m: 99.5,
    });
    const bare = upstreamFromOr({
      provider_name: 'Together',
      tag: null,
      context_length: null,
      max_completion_tokens: null,
      pricing: { prompt: '-1', completion: '-1' },
      quantization: null,
      uptime_last_30m: null,
    });
    assert.deepEqual(bare, {
      hostName: 'Together',
      tag: undefined,
      price: undefined,
      contextWindow: undefined,
      maxOutputTokens: undefined,
      quantization: undefined,
      uptimeLast30m: undefined,
    });
  });

  it('keeps the valid entries of a feed and calls it nonsense only when none, or fewer than half, are valid', () => {
    const schema = z.object({ id: z.string() });
    assert.deepEqual(validateEntries([{ id: 'a' }, { id: 1 }, { id: 'b' }], schema), {
      ok: [{ id: 'a' }, { id: 'b' }],
      dropped: 1,
      nonsense: false,
    });
    assert.equal(validateEntries([{ id: 'a' }, { id: 1 }], schema).nonsense, false, 'half valid is still a feed');
    assert.equal(validateEntries([{ id: 'a' }, { id: 1 }, { x: 2 }], schema).nonsense, true);
    assert.equal(validateEntries([], schema).nonsense, true);
    assert.equal(validateEntries([{ id: 2 }], schema).nonsense, true);
  });
});
