// How the catalog merges its sources into the hosts a request may go to, cheapest first. Each case
// is a price a user would be charged or a host that would be tried, from sources built by hand.
import * as assert from 'node:assert/strict';
import { buildIndex, sortCost, type ProviderTraits } from '../../../src/core/catalog/catalog-index';
import type { UpstreamHost } from '../../../src/core/catalog/openrouter-feed';
import { blendedPrice, rankInPlace, type RankItem } from '../../../src/core/router/endpoint-rank';
import { listed, sources } from './index-sources';

/** A model no curated entry or bundled price table knows, so only the sources given here speak. */
const MODEL = 'acme/widget-7b';

describe('catalog index', () => {
  it('orders hosts by a 3:1 input:output blend plus the per-request fee spread over a thousand requests; unpriced last', () => {
    assert.equal(sortCost({ price: { inputPerMTok: 1, outputPerMTok: 5 } }), 2);
    assert.equal(sortCost({ price: { inputPerMTok: 4, outputPerMTok: 0, requestUsd: 0.001 } }), 4);
    assert.equal(sortCost({ price: undefined }), Number.POSITIVE_INFINITY);
  });

  it('lists a host’s own models, unpriced until a price is known, and a local host’s as free', () => {
    const traits = (p: string): ProviderTraits => (p === 'ollama' ? { local: true } : {});
    const idx = buildIndex(
      sources({
        providerModels: new Map([
          ['together', listed(MODEL)],
          ['ollama', [{ id: 'widget:7b', displayName: 'Widget local', contextWindow: 8_192 }]],
        ]),
        traits,
      }),
    );
    const together = idx.byKey.get(`together:${MODEL}`);
    assert.equal(together?.price, undefined);
    assert.equal(together?.source, 'live');
    assert.equal(idx.facts.get(MODEL)?.displayName, MODEL, 'an empty display name falls back to the id');
    const local = idx.byKey.get('ollama:widget:7b');
    assert.deepEqual(local?.price, { inputPerMTok: 0, outputPerMTok: 0 });
    assert.equal(local?.contextWindow, 8_192);
    assert.equal(idx.facts.get(local!.canonicalModel)?.displayName, 'Widget local');
  });

  it('prices a direct host from what OpenRouter reports for that host, without overriding a price it has', () => {
    const host = (hostName: string, inputPerMTok: number): UpstreamHost => ({ hostName, price: { inputPerMTok, outputPerMTok: 1 } });
    const idx = buildIndex(
      sources({
        providerModels: new Map([
          ['together', listed(MODEL)],
          ['groq', listed(MODEL)],
          ['fireworks', listed(MODEL)],
        ]),
        upstream: new Map([[MODEL, [host('Together', 0.2), host('Groq', 0.3), { hostName: 'Fireworks' }, host('Some Cloud', 0.01)]]]),
        overrides: [{ provider: 'groq', model: MODEL, inputPerMTok: 0.9, outputPerMTok: 0.9 }],
      }),
    );
    assert.deepEqual(idx.byKey.get(`together:${MODEL}`)?.price, { inputPerMTok: 0.2, outputPerMTok: 1 });
    assert.equal(idx.byKey.get(`together:${MODEL}`)?.source, 'live');
    assert.equal(idx.byKey.get(`groq:${MODEL}`)?.price?.inputPerMTok, 0.9, 'the user’s override is not replaced');
    assert.equal(idx.byKey.get(`fireworks:${MODEL}`)?.price, undefined, 'a host without a price prices nothing');
    assert.deepEqual(
      idx.byModel.get(MODEL)?.map((e) => e.provider),
      ['together', 'groq', 'fireworks'],
    );
  });

  it('a user override prices a listed host, and creates the endpoint of a model no source lists', () => {
    const idx = buildIndex(
      sources({
        providerModels: new Map([['together', listed(MODEL)]]),
        overrides: [
          { provider: 'together', model: MODEL, inputPerMTok: 2, outputPerMTok: 6, cacheReadPerMTok: 0.5 },
          { provider: 'mistral', model: 'mistral-private-1', inputPerMTok: 1, outputPerMTok: 3 },
        ],
      }),
    );
    const t = idx.byKey.get(`together:${MODEL}`);
    assert.deepEqual(t?.price, { inputPerMTok: 2, outputPerMTok: 6, cacheReadPerMTok: 0.5, cacheWritePerMTok: undefined });
    assert.equal(t?.source, 'override');
    const m = idx.byKey.get('mistral:mistral-private-1');
    assert.equal(m?.source, 'override');
    assert.equal(m?.canonicalModel, 'mistralai/mistral-private-1');
    assert.equal(idx.byModel.get('mistralai/mistral-private-1')?.[0].price?.outputPerMTok, 3);
  });

  it('hosts of equal cost are ordered by name, and the model’s context window is its largest host’s', () => {
    const price = { inputPerMTok: 1, outputPerMTok: 1 };
    const idx = buildIndex(
      sources({
        providerModels: new Map([
          ['together', [{ id: MODEL, displayName: 'Widget', contextWindow: 32_000 }]],
          ['fireworks', [{ id: MODEL, displayName: 'Widget', contextWindow: 128_000 }]],
          ['groq', [{ id: MODEL, displayName: 'Widget' }]],
        ]),
        overrides: ['together', 'fireworks', 'groq'].map((provider) => ({ provider, model: MODEL, ...price })),
      }),
    );
    assert.deepEqual(
      idx.byModel.get(MODEL)?.map((e) => e.provider),
      ['fireworks', 'groq', 'together'],
    );
    assert.equal(idx.facts.get(MODEL)?.contextWindow, 128_000);
  });

  it('takes the data policy of a host from its provider’s traits', () => {
    const idx = buildIndex(
      sources({
        providerModels: new Map([['together', listed(MODEL)]]),
        traits: (p) => (p === 'together' ? { dataPolicy: 'no-training' } : {}),
      }),
    );
    assert.equal(idx.byKey.get(`together:${MODEL}`)?.dataPolicy, 'no-training');
  });

  it('lists a model’s hosts in the order the router ranks them by price, ties by name', () => {
    const hosts: [string, number, number][] = [
      ['together', 1, 9],
      ['novita', 3, 1],
      ['fireworks', 2, 2],
      ['cerebras', 0.5, 0.5],
      ['groq', 2.5, 2.5],
    ];
    const idx = buildIndex(
      sources({
        providerModels: new Map([...hosts.map(([p]) => [p, listed(MODEL)] as const), ['deepinfra', listed(MODEL)]]),
        overrides: hosts.map(([provider, inputPerMTok, outputPerMTok]) => ({ provider, model: MODEL, inputPerMTok, outputPerMTok })),
      }),
    );
    const catalogOrder = idx.byModel.get(MODEL)!.map((e) => e.provider);
    assert.deepEqual(catalogOrder, ['cerebras', 'fireworks', 'groq', 'novita', 'together', 'deepinfra']);
    // The router ranks the catalog's list by price; its stable sort must not move any host.
    const est = { errorRate: 0, demoted: false };
    const items: RankItem<string>[] = [...idx.byModel.get(MODEL)!]
      .reverse()
      .map((e) => ({ item: e.provider, price: blendedPrice(e.price, false), estimate: est, score: 0 }));
    rankInPlace(items, 'price');
    assert.deepEqual(items.map((i) => i.item).slice(0, 2), catalogOrder.slice(0, 2));
    assert.deepEqual(
      items.map((i) => i.item).filter((p) => p !== 'groq' && p !== 'novita'),
      catalogOrder.filter((p) => p !== 'groq' && p !== 'novita'),
      'equal-cost hosts aside, the router’s price order from any start is the catalog’s',
    );
  });

  it('with nothing dated in its sources, the index never needs rebuilding', () => {
    assert.equal(buildIndex(sources({ providerModels: new Map([['together', listed(MODEL)]]) })).validUntil > Date.UTC(2100, 0), true);
  });
});
