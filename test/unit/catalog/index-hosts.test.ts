// Which of a host's ids a routed request is sent to, when one host lists a model under several
// ids, and what each source adds to an endpoint it shares with another. Sources built by hand.
import * as assert from 'node:assert/strict';
import { buildIndex } from '../../../src/core/catalog/catalog-index';
import type { GenaiModel } from '../../../src/core/catalog/genai-prices-schema';
import { book, listed, orModel, row, sources } from './index-sources';

const MODEL = 'acme/widget-7b';
const LLAMA = 'meta-llama/llama-3.3-70b-instruct';
/** Prices only the upper-case spelling: regex matching is case-sensitive. */
const UPPER_ONLY: GenaiModel = { id: 'acme-price-row', match: { regex: '^ACME/' }, prices: { input_mtok: 1, output_mtok: 2 } };

/** The id of `provider` in the model's routing list. */
function routedId(idx: ReturnType<typeof buildIndex>, model: string, provider: string): string | undefined {
  return idx.byModel.get(model)?.find((e) => e.provider === provider)?.modelId;
}

describe('catalog index: one endpoint per host and model', () => {
  it('sends to the priced spelling of a model rather than an unpriced one, whichever the host lists first', () => {
    for (const ids of [
      ['acme/widget-7b', 'ACME/Widget-7B'],
      ['ACME/Widget-7B', 'acme/widget-7b'],
    ]) {
      const idx = buildIndex(
        sources({ prices: book({ together: [UPPER_ONLY] }), providerModels: new Map([['together', listed(...ids)]]) }),
      );
      assert.equal(routedId(idx, MODEL, 'together'), 'ACME/Widget-7B', ids.join(' then '));
      assert.equal(idx.byModel.get(MODEL)?.length, 1);
      assert.ok(idx.byKey.has('together:acme/widget-7b'), 'the other spelling can still be pinned');
    }
  });

  it('sends to the id the user priced over one priced by the data set, whichever is listed first', () => {
    const override = { provider: 'together', model: 'Acme/Widget-7b', inputPerMTok: 5, outputPerMTok: 5 };
    for (const ids of [
      ['ACME/Widget-7B', 'Acme/Widget-7b'],
      ['Acme/Widget-7b', 'ACME/Widget-7B'],
    ]) {
      const idx = buildIndex(
        sources({
          prices: book({ together: [UPPER_ONLY] }),
          providerModels: new Map([['together', listed(...ids)]]),
          overrides: [override],
        }),
      );
      assert.equal(routedId(idx, MODEL, 'together'), 'Acme/Widget-7b', ids.join(' then '));
    }
  });

  it('between two unpriced spellings, keeps the one the host lists first', () => {
    for (const ids of [
      ['acme/widget-7b', 'Acme/Widget-7b'],
      ['Acme/Widget-7b', 'acme/widget-7b'],
    ]) {
      const idx = buildIndex(sources({ providerModels: new Map([['together', listed(...ids)]]) }));
      assert.equal(routedId(idx, MODEL, 'together'), ids[0]);
    }
  });

  it('sends to the curated id of a host, even unpriced, over another id it lists with a price', () => {
    const pricedOther: GenaiModel = { id: 'llama-row', match: { equals: LLAMA }, prices: { input_mtok: 0.1, output_mtok: 0.1 } };
    // Listed too, so neither is a bundled-only row the host dropped.
    const both = buildIndex(
      sources({ prices: book({ groq: [pricedOther] }), providerModels: new Map([['groq', listed(LLAMA, 'llama-3.3-70b-versatile')]]) }),
    );
    assert.equal(routedId(both, LLAMA, 'groq'), 'llama-3.3-70b-versatile');
    assert.equal(both.byKey.get(`groq:${LLAMA}`)?.price?.inputPerMTok, 0.1);
    // Listed after the curated id, unpriced: still the curated one.
    const later = buildIndex(sources({ providerModels: new Map([['groq', listed(LLAMA)]]) }));
    assert.equal(routedId(later, LLAMA, 'groq'), 'llama-3.3-70b-versatile');
  });

  it('keeps a curated id its host does not list, and drops a bundled-only row the host no longer lists', () => {
    const idx = buildIndex(
      sources({ prices: book({ groq: [row('old-model', 1, 1)] }), providerModels: new Map([['groq', listed('other-model')]]) }),
    );
    assert.equal(routedId(idx, LLAMA, 'groq'), 'llama-3.3-70b-versatile');
    assert.equal(idx.byModel.has('groq/old-model'), false);
    assert.equal(idx.byKey.get('groq:old-model')?.price?.inputPerMTok, 1, 'still priced when pinned');
    // Without a list of its own, a host's bundled rows are its models.
    const offline = buildIndex(sources({ prices: book({ groq: [row('old-model', 1, 1)] }) }));
    assert.equal(routedId(offline, 'groq/old-model', 'groq'), 'old-model');
  });

  it('routes to a model the user priced for a host whose own list does not have it', () => {
    const idx = buildIndex(
      sources({
        providerModels: new Map([['together', listed('acme/other')]]),
        overrides: [{ provider: 'together', model: 'acme/private-ft', inputPerMTok: 1, outputPerMTok: 1 }],
      }),
    );
    assert.equal(routedId(idx, 'acme/private-ft', 'together'), 'acme/private-ft');
    assert.equal(idx.facts.get('acme/private-ft')?.displayName, 'acme/private-ft');
  });
});

describe('catalog index: what each source adds', () => {
  it('a host id the vendor table matches by rule is priced from it, with the table’s context window', () => {
    const rule: GenaiModel = {
      id: 'llama-3.3-70b',
      match: { starts_with: 'llama-3.3-70b' },
      context_window: 131_072,
      prices: { input_mtok: 0.59, output_mtok: 0.79 },
    };
    const idx = buildIndex(sources({ prices: book({ groq: [rule] }) }));
    const groq = idx.byKey.get('groq:llama-3.3-70b-versatile');
    assert.deepEqual([groq?.price?.inputPerMTok, groq?.contextWindow, groq?.source], [0.59, 131_072, 'bundled']);
    assert.equal(routedId(idx, LLAMA, 'groq'), 'llama-3.3-70b-versatile');
  });

  it('names a model from the price table, falls back to its id, and a host’s listing never renames a curated model', () => {
    const idx = buildIndex(
      sources({
        prices: book({ together: [row(MODEL, 1, 1, { name: 'Widget 7B' }), row('acme/gadget', 1, 1)] }),
        providerModels: new Map([['groq', [{ id: 'llama-3.3-70b-versatile', displayName: 'Llama (Groq)' }]]]),
      }),
    );
    assert.equal(idx.facts.get(MODEL)?.displayName, 'Widget 7B');
    assert.equal(idx.byKey.get(`together:${MODEL}`)?.source, 'bundled');
    assert.equal(idx.facts.get('acme/gadget')?.displayName, 'acme/gadget');
    assert.equal(idx.facts.get(LLAMA)?.displayName, 'Llama 3.3 70B Instruct');
  });

  it('skips deprecated rows', () => {
    const idx = buildIndex(sources({ prices: book({ together: [row(MODEL, 1, 1, { deprecated: true })] }) }));
    assert.equal(idx.byKey.has(`together:${MODEL}`), false);
    assert.equal(idx.byModel.has(MODEL), false);
  });

  it('a dated price row makes the index valid until that date, also when it prices a curated host', () => {
    const dated = (id: string, match: GenaiModel['match']): GenaiModel => ({
      id,
      match,
      prices: [
        { prices: { input_mtok: 1, output_mtok: 1 } },
        { constraint: { start_date: '2027-01-01' }, prices: { input_mtok: 2, output_mtok: 2 } },
      ],
    });
    assert.equal(buildIndex(sources({ prices: book({ together: [dated(MODEL, { equals: MODEL })] }) })).validUntil, Date.UTC(2027, 0, 1));
    const curated = buildIndex(sources({ prices: book({ groq: [dated('row', { starts_with: 'llama-3.3-70b' })] }) }));
    assert.equal(curated.validUntil, Date.UTC(2027, 0, 1));
  });

  it('OpenRouter’s listing says what its own endpoint supports; the model keeps its curated capabilities', () => {
    const idx = buildIndex(
      sources({
        openrouterModels: [
          orModel(LLAMA, 0.1, 0.3, { name: 'Meta: Llama 3.3', supported_parameters: ['tools', 'reasoning', 'structured_outputs'] }),
        ],
        providerModels: new Map([['together', listed('meta-llama/Llama-3.3-70B-Instruct-Turbo')]]),
      }),
    );
    assert.deepEqual(idx.byKey.get(`openrouter:${LLAMA}`)?.capabilities, {
      images: false,
      reasoning: true,
      tools: true,
      structuredOutput: true,
    });
    const curatedCaps = { images: false, reasoning: false, tools: true };
    assert.deepEqual(idx.facts.get(LLAMA)?.capabilities, curatedCaps);
    assert.deepEqual(idx.byKey.get('together:meta-llama/Llama-3.3-70B-Instruct-Turbo')?.capabilities, curatedCaps);
    assert.equal(idx.facts.get(LLAMA)?.displayName, 'Meta: Llama 3.3', 'OpenRouter names models for every host');
  });

  it('OpenRouter’s listing names a new model and reports its context from the top host when it gives none itself', () => {
    const idx = buildIndex(
      sources({
        openrouterModels: [
          orModel(MODEL, 1, 1, {
            name: 'Acme: Widget',
            context_length: null,
            top_provider: { context_length: 16_000, max_completion_tokens: 4_000 },
            supported_parameters: ['tools'],
          }),
        ],
      }),
    );
    const f = idx.facts.get(MODEL);
    assert.deepEqual([f?.displayName, f?.contextWindow, f?.capabilities?.tools], ['Acme: Widget', 16_000, true]);
    const e = idx.byKey.get(`openrouter:${MODEL}`);
    assert.deepEqual([e?.contextWindow, e?.maxOutputTokens], [16_000, 4_000]);
  });

  it('a field a later source does not know keeps the earlier value', () => {
    const idx = buildIndex(
      sources({
        prices: book({ openrouter: [row(MODEL, 1, 1, { context_window: 32_000 })] }),
        openrouterModels: [orModel(MODEL, 2, 2, { context_length: null })],
      }),
    );
    const e = idx.byKey.get(`openrouter:${MODEL}`);
    assert.deepEqual([e?.contextWindow, e?.price?.inputPerMTok, e?.source], [32_000, 2, 'live']);
  });

  it('of two overrides for one endpoint, the later entry wins', () => {
    const idx = buildIndex(
      sources({
        providerModels: new Map([['together', listed(MODEL)]]),
        overrides: [
          { provider: 'together', model: MODEL, inputPerMTok: 1, outputPerMTok: 1 },
          { provider: 'together', model: MODEL, inputPerMTok: 2, outputPerMTok: 2 },
        ],
      }),
    );
    assert.equal(idx.byKey.get(`together:${MODEL}`)?.price?.inputPerMTok, 2);
  });

  it('an override naming the canonical model prices the host’s endpoint and adds none under that name', () => {
    const idx = buildIndex(
      sources({
        providerModels: new Map([['mistral', listed('mistral-large-2411')]]),
        overrides: [{ provider: 'mistral', model: 'mistralai/mistral-large-2411', inputPerMTok: 1, outputPerMTok: 3 }],
      }),
    );
    assert.equal(idx.byKey.get('mistral:mistral-large-2411')?.price?.outputPerMTok, 3);
    assert.equal(idx.byKey.has('mistral:mistralai/mistral-large-2411'), false);
  });

  it('an upstream host’s price never replaces a host’s own price, and a host listed without a price changes nothing', () => {
    const idx = buildIndex(
      sources({
        prices: book({ together: [row(MODEL, 0.5, 0.5)] }),
        upstream: new Map([
          [MODEL, [{ hostName: 'Together', price: { inputPerMTok: 0.2, outputPerMTok: 0.2 } }]],
          [LLAMA, [{ hostName: 'Fireworks' }]],
        ]),
      }),
    );
    assert.deepEqual(
      [idx.byKey.get(`together:${MODEL}`)?.price?.inputPerMTok, idx.byKey.get(`together:${MODEL}`)?.source],
      [0.5, 'bundled'],
    );
    const fw = idx.byKey.get('fireworks:accounts/fireworks/models/llama-v3p3-70b-instruct');
    assert.deepEqual([fw?.price, fw?.source], [undefined, 'bundled']);
  });
});
