// The catalog's read-only views: the endpoint of a pinned id it does not list, picker rows, a model's
// hosts with prices, and how long a made endpoint may be reused.
import * as assert from 'node:assert/strict';
import { buildIndex } from '../../../src/core/catalog/catalog-index';
import { hostPrices, listingOf, synthesizeEndpoint } from '../../../src/core/catalog/catalog-views';
import { emptyCache } from '../../../src/core/catalog/disk-cache';
import type { GenaiModel } from '../../../src/core/catalog/genai-prices-schema';
import { PinnedMemo } from '../../../src/core/catalog/pinned-memo';
import { book, listed, orModel, sources } from './index-sources';

const MODEL = 'acme/widget-7b';
const LLAMA = 'meta-llama/llama-3.3-70b-instruct';
const AT = Date.UTC(2026, 10, 25, 12);
const datedRow: GenaiModel = {
  id: 'snap',
  match: { starts_with: 'snap' },
  context_window: 64_000,
  prices: [
    { prices: { input_mtok: 1, output_mtok: 1 } },
    { constraint: { start_date: '2027-01-01' }, prices: { input_mtok: 2, output_mtok: 2 } },
  ],
};

describe('catalog views', () => {
  const idx = buildIndex(
    sources({
      providerModels: new Map([
        ['together', [{ id: MODEL, displayName: 'W', contextWindow: 8_000 }]],
        ['groq', listed(MODEL)],
      ]),
      overrides: [{ provider: 'together', model: MODEL, inputPerMTok: 1, outputPerMTok: 1 }],
    }),
  );

  it('a pinned spelling takes the price and context of its own host’s endpoint, not another host’s', () => {
    const groq = synthesizeEndpoint(idx, book({}), {}, { provider: 'groq', modelId: 'ACME/Widget-7B' }, AT);
    assert.deepEqual([groq.endpoint.canonicalModel, groq.endpoint.price, groq.endpoint.source], [MODEL, undefined, 'live']);
    const together = synthesizeEndpoint(idx, book({ together: [datedRow] }), {}, { provider: 'together', modelId: 'ACME/Widget-7B' }, AT);
    assert.deepEqual([together.endpoint.price?.inputPerMTok, together.endpoint.contextWindow], [1, 8_000]);
    assert.equal(together.validUntil, Infinity, 'its price is the sibling’s, which the index keeps current');
  });

  it('an unknown id is unpriced, of unknown capabilities, from bundled data, and never expires', () => {
    const made = synthesizeEndpoint(idx, book({}), { dataPolicy: 'no-training' }, { provider: 'my-vllm', modelId: 'q' }, AT);
    assert.deepEqual(made.endpoint, {
      canonicalModel: 'my-vllm/q',
      provider: 'my-vllm',
      modelId: 'q',
      price: undefined,
      contextWindow: undefined,
      capabilities: { images: false, reasoning: false, tools: false, unknown: true },
      dataPolicy: 'no-training',
      source: 'bundled',
    });
    assert.equal(made.validUntil, Infinity);
  });

  it('an id the vendor table prices by rule is valid until its price changes; a local one is free and never expires', () => {
    const snap = synthesizeEndpoint(idx, book({ openai: [datedRow] }), {}, { provider: 'openai', modelId: 'snap-1' }, AT);
    assert.deepEqual([snap.endpoint.price?.inputPerMTok, snap.endpoint.contextWindow, snap.validUntil], [1, 64_000, Date.UTC(2027, 0, 1)]);
    const local = synthesizeEndpoint(idx, book({ ollama: [datedRow] }), { local: true }, { provider: 'ollama', modelId: 'snap-1' }, AT);
    assert.deepEqual([local.endpoint.price, local.validUntil], [{ inputPerMTok: 0, outputPerMTok: 0 }, Infinity]);
  });

  it('picker rows are sorted by model and show the model’s capabilities, not its cheapest host’s', () => {
    const withOr = buildIndex(
      sources({
        openrouterModels: [orModel(LLAMA, 0.1, 0.1, { supported_parameters: ['tools', 'reasoning'] }), orModel('aaa/first', 1, 1)],
        providerModels: new Map([['together', listed(MODEL)]]),
      }),
    );
    const rows = listingOf(withOr);
    assert.deepEqual(
      rows.map((r) => r.model),
      [...rows.map((r) => r.model)].sort(),
    );
    assert.equal(rows[0].model, 'aaa/first');
    const llama = rows.find((r) => r.model === LLAMA)!;
    assert.equal(llama.hosts[0], 'openrouter');
    assert.deepEqual(llama.capabilities, { images: false, reasoning: false, tools: true });
  });

  it('a model’s hosts with prices: direct ones, then none through OpenRouter until fetched', () => {
    const direct = idx.byModel.get(MODEL)!;
    assert.deepEqual(hostPrices(direct, emptyCache(), MODEL), [
      {
        provider: 'together',
        modelId: MODEL,
        price: { inputPerMTok: 1, outputPerMTok: 1, cacheReadPerMTok: undefined, cacheWritePerMTok: undefined },
        contextWindow: 8_000,
      },
      { provider: 'groq', modelId: MODEL, price: undefined, contextWindow: undefined },
    ]);
  });
});

describe('pinned endpoint memo', () => {
  const idx = buildIndex(sources());
  const prices = book({});
  const maker = () => {
    let made = 0;
    return {
      count: () => made,
      make:
        (validUntil = Infinity) =>
        () => ({ endpoint: { made: ++made } as never, validUntil }),
    };
  };

  it('makes an id again once its price may have changed, exactly at that instant', () => {
    const memo = new PinnedMemo();
    const m = maker();
    memo.get(idx, prices, 'k', 0, m.make(100));
    memo.get(idx, prices, 'k', 99, m.make(100));
    assert.equal(m.count(), 1);
    memo.get(idx, prices, 'k', 100, m.make(100));
    assert.equal(m.count(), 2);
  });

  it('makes ids again for a new price book', () => {
    const memo = new PinnedMemo();
    const m = maker();
    memo.get(idx, prices, 'k', 0, m.make());
    memo.get(idx, book({}), 'k', 0, m.make());
    assert.equal(m.count(), 2);
  });

  it('remembers at most a thousand ids', () => {
    const memo = new PinnedMemo();
    const m = maker();
    for (let i = 0; i < 999; i++) memo.get(idx, prices, `k${i}`, 0, m.make());
    memo.get(idx, prices, 'k0', 0, m.make());
    assert.equal(m.count(), 999, 'under the bound, every id is remembered');
    memo.get(idx, prices, 'k999', 0, m.make());
    memo.get(idx, prices, 'k0', 0, m.make());
    assert.equal(m.count(), 1_001, 'at the bound, the memo starts over');
  });
});
