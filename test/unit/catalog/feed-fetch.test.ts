// What the catalog asks each feed for, and what a failing feed tells the user: each failure must
// name the feed and the reason, and never replace the last good data (the catalog keeps it).
import * as assert from 'node:assert/strict';
import type { HttpRequest, HttpResponse, HttpTransport } from '../../../src/core/http/client';
import {
  fetchOpenRouterInto,
  fetchPricesInto,
  fetchProviderModelsInto,
  type FetchTarget,
} from '../../../src/core/catalog/catalog-fetchers';
import { emptyCache } from '../../../src/core/catalog/disk-cache';
import { fetchJson } from '../../../src/core/catalog/fetch-json';
import { fetchOpenRouterHosts, fetchPriceBook } from '../../../src/core/catalog/live-sources';
import { openrouterFeedBase } from '../../../src/core/catalog/openrouter-feed-source';
import type { ModelInfo } from '../../../src/core/types';
import { SIM_LLAMA_HOSTS, SIM_OR_MODELS, SIM_PRICE_DATA } from '../../sim/openrouter-catalog';

const BASE = 'https://feed.test/api/v1';

/** Answers every request with `status` and `body`, and keeps what was asked and whether the body was discarded. */
function transport(status: number, body: unknown): HttpTransport & { asked: HttpRequest[]; dumped: number } {
  const t = {
    asked: [] as HttpRequest[],
    dumped: 0,
    send: async (req: HttpRequest): Promise<HttpResponse> => {
      t.asked.push(req);
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      return {
        status,
        headers: {},
        body: (async function* () {})(),
        text: async () => text,
        dump: async () => void t.dumped++,
      };
    },
  };
  return t;
}

const target = (): FetchTarget => ({ cache: emptyCache(), now: () => 1_000 });

describe('catalog feeds: requests and failures', () => {
  it('asks for JSON with a GET, attributed to the feed', async () => {
    const http = transport(200, { ok: true });
    assert.deepEqual(await fetchJson(http, `${BASE}/models`, 'openrouter', 1024), { ok: true });
    assert.deepEqual(
      http.asked.map((r) => [r.method, r.url, r.headers.accept, r.provider]),
      [['GET', `${BASE}/models`, 'application/json', 'openrouter']],
    );
  });

  it('a non-200 answer is an error naming the feed, status and path, and its body is discarded', async () => {
    const http = transport(503, { error: 'down' });
    await assert.rejects(fetchJson(http, `${BASE}/models?x=1`, 'openrouter', 1024), {
      message: 'openrouter: HTTP 503 from /api/v1/models',
    });
    assert.equal(http.dumped, 1);
  });

  it('a body that is not JSON is an error, not an empty list', async () => {
    await assert.rejects(fetchJson(transport(200, '<html>'), `${BASE}/models`, 'prices', 1024), {
      message: 'prices: response is not JSON (or exceeded 1024 bytes)',
    });
  });

  it('OpenRouter’s list: a body of the wrong shape or mostly invalid entries fails with its reason', async () => {
    const t = target();
    await assert.rejects(fetchOpenRouterInto(t, transport(200, { models: [] }), BASE), {
      message: 'openrouter: /models is not {data: [...]}',
    });
    await assert.rejects(fetchOpenRouterInto(t, transport(200, { data: [{ id: 1 }, { id: 2 }, SIM_OR_MODELS[0]] }), BASE), {
      message: 'openrouter: /models has 2 invalid of 3 entries; keeping the last good list',
    });
    assert.equal(t.cache.openrouter, undefined, 'nothing stored');
  });

  it('OpenRouter’s list is stored with its fetch time; skipped entries are counted in the report', async () => {
    const t = target();
    const all = await fetchOpenRouterInto(t, transport(200, { data: SIM_OR_MODELS }), BASE);
    assert.equal(all, `${SIM_OR_MODELS.length} models`);
    const some = await fetchOpenRouterInto(t, transport(200, { data: [...SIM_OR_MODELS, { id: 42 }] }), BASE);
    assert.equal(some, `${SIM_OR_MODELS.length} models, 1 invalid skipped`);
    assert.deepEqual([t.cache.openrouter?.fetchedAt, t.cache.openrouter?.models.length], [1_000, SIM_OR_MODELS.length]);
  });

  it('a model’s hosts: the id must be author/slug, and the body must list hosts', async () => {
    const http = transport(200, { data: { id: 'a/b', endpoints: SIM_LLAMA_HOSTS } });
    await assert.rejects(fetchOpenRouterHosts(http, BASE, 'no-slug'), { message: 'hosts: "no-slug" is not an author/slug id' });
    await assert.rejects(fetchOpenRouterHosts(http, BASE, '/slug'), { message: 'hosts: "/slug" is not an author/slug id' });
    assert.equal(http.asked.length, 0, 'nothing is fetched for a bad id');
    assert.equal((await fetchOpenRouterHosts(http, BASE, 'a/b')).length, SIM_LLAMA_HOSTS.length);
    assert.equal(http.asked[0].provider, 'openrouter');
    await assert.rejects(fetchOpenRouterHosts(transport(200, { data: [] }), BASE, 'a/b'), {
      message: 'openrouter: the endpoints of a/b are not {data: {id, endpoints: [...]}}',
    });
    await assert.rejects(fetchOpenRouterHosts(transport(200, { data: { id: 'a/b', endpoints: [{ x: 1 }] } }), BASE, 'a/b'), {
      message: 'openrouter: 1 invalid host entries for a/b',
    });
  });

  it('a model no host serves has an empty host list, not a failure', async () => {
    assert.deepEqual(await fetchOpenRouterHosts(transport(200, { data: { id: 'a/b', endpoints: [] } }), BASE, 'a/b'), []);
  });

  it('the price data set: nonsense fails and keeps the current prices; a good one is stored and counted', async () => {
    const bad = transport(200, { prices: 'n/a' });
    await assert.rejects(fetchPriceBook(bad, 'https://prices.test/data.json'), {
      message: 'prices: the data set did not validate; keeping the current prices',
    });
    assert.equal(bad.asked[0].provider, 'prices');
    const t = target();
    const { message } = await fetchPricesInto(t, transport(200, SIM_PRICE_DATA), 'https://prices.test/data.json');
    assert.equal(message, '3 priced models');
    assert.deepEqual(Object.keys(t.cache.prices!.byProvider).sort(), ['anthropic', 'groq']);
  });

  it('a host’s model list keeps only entries with an id, named by their id when unnamed', async () => {
    const t = target();
    const list = [{ id: 'a', displayName: 'A' }, { id: 'b' }, { id: '' }, null, { displayName: 'no id' }] as unknown as ModelInfo[];
    assert.equal(await fetchProviderModelsInto(t, async () => list, 'groq'), '2 models');
    assert.deepEqual(t.cache.providerModels.groq, {
      fetchedAt: 1_000,
      models: [
        { id: 'a', displayName: 'A', contextWindow: undefined, maxOutputTokens: undefined },
        { id: 'b', displayName: 'b', contextWindow: undefined, maxOutputTokens: undefined },
      ],
    });
    await assert.rejects(
      fetchProviderModelsInto(t, async () => ({ data: [] }) as unknown as ModelInfo[], 'groq'),
      { message: 'groq: model list is not an array' },
    );
  });
});

describe('where the OpenRouter feed is read from', () => {
  it('nowhere when off, the enabled provider’s base URL on auto, else the URL the setting names', () => {
    const provider = { baseUrl: 'https://openrouter.ai/api/v1' };
    assert.equal(openrouterFeedBase('off', provider), undefined);
    assert.equal(openrouterFeedBase('auto', provider), 'https://openrouter.ai/api/v1');
    assert.equal(openrouterFeedBase('auto', undefined), undefined);
    assert.equal(openrouterFeedBase('https://mirror.test/api/v1', undefined), 'https://mirror.test/api/v1');
  });
});
