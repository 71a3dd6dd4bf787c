// A genai-prices data set (bundled, downloaded or cached) becomes the price book every bundled price
// comes from. A row read wrongly prices the wrong model; a feed read too leniently replaces good prices.
import * as assert from 'node:assert/strict';
import { cachedPriceBook } from '../../../src/core/catalog/catalog-fetchers';
import { findPriceEntry, priceBookFrom } from '../../../src/core/catalog/genai-source';

const flat = { input_mtok: 1, output_mtok: 2 };
const model = (id: string, match: unknown = { equals: id }) => ({ id, match, prices: flat });
const provider = (id: string, models: unknown[]) => ({ id, name: id, models });

describe('price book from a genai-prices data set', () => {
  it('keeps the providers we import under our ids, with their valid rows', () => {
    const book = priceBookFrom([
      provider('x-ai', [model('grok-4')]),
      provider('google', [model('gemini-2.5-pro')]),
      provider('some-other-vendor', [model('thing')]),
      { id: 'groq', models: [model('llama')] },
      'not a provider',
    ]);
    assert.deepEqual([...book!.byProvider.keys()], ['xai', 'gemini']);
    assert.deepEqual(
      book!.byProvider.get('xai')!.map((m) => m.id),
      ['grok-4'],
    );
    assert.equal(book!.dropped, 0);
  });

  it('drops invalid rows and counts them; as many invalid as valid is still a data set', () => {
    const book = priceBookFrom([provider('openai', [model('gpt-a'), { id: 'gpt-b' }, model('gpt-c'), { id: 7 }])]);
    assert.deepEqual(
      book!.byProvider.get('openai')!.map((m) => m.id),
      ['gpt-a', 'gpt-c'],
    );
    assert.equal(book!.dropped, 2);
  });

  it('is nonsense when it is not a list, has no row we can use, or more invalid rows than valid ones', () => {
    assert.equal(priceBookFrom({ providers: [] }), undefined);
    assert.equal(priceBookFrom([]), undefined);
    assert.equal(priceBookFrom([provider('openai', [])]), undefined);
    assert.equal(priceBookFrom([provider('openai', [model('gpt-a'), { id: 'x' }, { id: 'y' }])]), undefined);
  });

  it('reads every kind of match rule, and a rule matches only the ids it names', () => {
    const rules: [unknown, string, string][] = [
      [{ and: [{ starts_with: 'a' }, { ends_with: 'z' }] }, 'abz', 'aby'],
      [{ or: [{ equals: 'p' }, { equals: 'q' }] }, 'q', 'r'],
      [{ equals: 'exact' }, 'exact', 'exact-2'],
      [{ starts_with: 'pre' }, 'prefix', 'xpre'],
      [{ ends_with: 'fix' }, 'suffix', 'fixed'],
      [{ contains: 'mid' }, 'a-mid-b', 'a-mi-d'],
      [{ regex: '^r[0-9]$' }, 'r7', 'r77'],
    ];
    const book = priceBookFrom([
      provider(
        'openai',
        rules.map(([match], i) => model(`row-${i}`, match)),
      ),
    ])!;
    for (const [match, yes, no] of rules) {
      const only = {
        byProvider: new Map([['openai', book.byProvider.get('openai')!.filter((m) => JSON.stringify(m.match) === JSON.stringify(match))]]),
        dropped: 0,
      };
      assert.equal(only.byProvider.get('openai')!.length, 1, JSON.stringify(match));
      assert.ok(findPriceEntry(only, 'openai', yes), `${JSON.stringify(match)} matches ${yes}`);
      assert.equal(findPriceEntry(only, 'openai', no), undefined, `${JSON.stringify(match)} does not match ${no}`);
    }
  });
});

describe('finding the price row of a host’s model id', () => {
  const book = priceBookFrom([
    provider('openai', [model('gpt-4o-mini', { starts_with: 'gpt-4o' }), model('gpt-4o')]),
    provider('fireworks', [model('meta/llama-x', { equals: 'meta/llama-x' }), model('qwen3', { equals: 'qwen3' })]),
    provider('together', [model('llama-3-8b', { equals: 'llama-3-8b' })]),
  ])!;

  it('prefers the row with the id itself, in any case, over a rule that also matches', () => {
    assert.equal(findPriceEntry(book, 'openai', 'gpt-4o')?.id, 'gpt-4o');
    assert.equal(findPriceEntry(book, 'openai', 'GPT-4o')?.id, 'gpt-4o');
    assert.equal(findPriceEntry(book, 'openai', 'gpt-4o-2024-08-06')?.id, 'gpt-4o-mini', 'a rule prices a snapshot');
  });

  it('tries the id without a host’s path prefix, then its last segment', () => {
    assert.equal(findPriceEntry(book, 'fireworks', 'accounts/fireworks/models/meta/llama-x')?.id, 'meta/llama-x');
    assert.equal(findPriceEntry(book, 'together', 'meta-llama/Llama-3-8B')?.id, 'llama-3-8b');
    assert.equal(findPriceEntry(book, 'together', 'meta-llama/llama-3-70b'), undefined);
  });

  it('has nothing for a provider the book lacks', () => {
    assert.equal(findPriceEntry(book, 'groq', 'gpt-4o'), undefined);
  });
});

describe('the cached price data', () => {
  it('is read back under our provider ids, also where they differ from the data set’s', () => {
    const book = cachedPriceBook({ xai: [model('grok-4')], gemini: [model('gemini-2.5-pro')], openai: [model('gpt-4o')] });
    assert.deepEqual([...book!.byProvider.keys()].sort(), ['gemini', 'openai', 'xai']);
    assert.equal(findPriceEntry(book!, 'xai', 'grok-4')?.prices, book!.byProvider.get('xai')![0].prices);
  });
});
