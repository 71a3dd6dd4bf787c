import * as assert from 'node:assert/strict';
import { matches } from '../../../src/core/catalog/genai-prices-schema';
import { activePriceMap, nextPriceChange, priceAt, toPrice, type PriceSchedule } from '../../../src/core/catalog/price-schedule';

const at = (iso: string) => new Date(iso);

describe('toPrice', () => {
  it('maps every price key, with tiers merged by threshold and sorted', () => {
    const p = toPrice({
      input_mtok: { base: 3, tiers: [{ start: 200_000, price: 6 }] },
      output_mtok: { base: 15, tiers: [{ start: 200_000, price: 22.5 }] },
      cache_read_mtok: {
        base: 0.3,
        tiers: [
          { start: 500_000, price: 0.9 },
          { start: 200_000, price: 0.6 },
        ],
      },
      cache_write_mtok: 3.75,
      output_reasoning_mtok: 20,
      requests_kcount: 5,
    });
    assert.deepEqual(p, {
      inputPerMTok: 3,
      outputPerMTok: 15,
      cacheReadPerMTok: 0.3,
      cacheWritePerMTok: 3.75,
      reasoningPerMTok: 20,
      requestUsd: 0.005,
      tiers: [
        { aboveInputTokens: 200_000, inputPerMTok: 6, outputPerMTok: 22.5, cacheReadPerMTok: 0.6 },
        { aboveInputTokens: 500_000, cacheReadPerMTok: 0.9 },
      ],
    });
  });

  it('has no price without both input and output, and no fee or tiers when none are given', () => {
    assert.equal(toPrice({ input_mtok: 1 }), undefined);
    assert.equal(toPrice({ output_mtok: 1 }), undefined);
    assert.deepEqual(toPrice({ input_mtok: 0, output_mtok: 0, requests_kcount: 0 }), { inputPerMTok: 0, outputPerMTok: 0 });
  });
});

describe('activePriceMap and priceAt', () => {
  const dated: PriceSchedule = [
    { prices: { input_mtok: 1, output_mtok: 2 } },
    { constraint: { start_date: '2026-01-01' }, prices: { input_mtok: 3, output_mtok: 4 } },
  ];

  it('a dated price applies from midnight UTC of its date on', () => {
    assert.equal(priceAt(dated, at('2025-12-31T23:59:59.999Z'))?.inputPerMTok, 1);
    assert.equal(priceAt(dated, at('2026-01-01T00:00:00.000Z'))?.inputPerMTok, 3);
  });

  it('scans from the end: the last matching entry wins; with none matching, the first applies', () => {
    const s: PriceSchedule = [
      { constraint: { start_date: '2030-01-01' }, prices: { input_mtok: 9, output_mtok: 9 } },
      { constraint: { start_date: '2025-01-01' }, prices: { input_mtok: 5, output_mtok: 5 } },
      { constraint: { start_date: '2026-01-01' }, prices: { input_mtok: 7, output_mtok: 7 } },
    ];
    assert.equal(activePriceMap(s, at('2026-06-01T00:00:00Z')).input_mtok, 7);
    assert.equal(activePriceMap(s, at('2025-06-01T00:00:00Z')).input_mtok, 5);
    assert.equal(activePriceMap(s, at('2020-01-01T00:00:00Z')).input_mtok, 9);
    assert.equal(activePriceMap({ input_mtok: 1 }, at('2020-01-01T00:00:00Z')).input_mtok, 1);
  });

  it('a daily window includes its start and excludes its end, also across midnight', () => {
    const day: PriceSchedule = [
      { prices: { input_mtok: 1, output_mtok: 1 } },
      { constraint: { start_time: '16:30:00Z', end_time: '00:30:00Z' }, prices: { input_mtok: 0.5, output_mtok: 0.5 } },
    ];
    assert.equal(priceAt(day, at('2026-03-01T16:29:59Z'))?.inputPerMTok, 1);
    assert.equal(priceAt(day, at('2026-03-01T16:30:00Z'))?.inputPerMTok, 0.5);
    assert.equal(priceAt(day, at('2026-03-02T00:29:59.500Z'))?.inputPerMTok, 0.5);
    assert.equal(priceAt(day, at('2026-03-02T00:30:00Z'))?.inputPerMTok, 1);
    const noon: PriceSchedule = [
      { prices: { input_mtok: 1, output_mtok: 1 } },
      { constraint: { start_time: '08:00', end_time: '12:00+00:00' }, prices: { input_mtok: 2, output_mtok: 2 } },
    ];
    assert.equal(priceAt(noon, at('2026-03-01T07:59:59Z'))?.inputPerMTok, 1);
    assert.equal(priceAt(noon, at('2026-03-01T08:00:00Z'))?.inputPerMTok, 2);
    assert.equal(priceAt(noon, at('2026-03-01T11:59:59Z'))?.inputPerMTok, 2);
    assert.equal(priceAt(noon, at('2026-03-01T12:00:00Z'))?.inputPerMTok, 1);
  });

  it('an unreadable time never matches', () => {
    const bad: PriceSchedule = [
      { prices: { input_mtok: 1, output_mtok: 1 } },
      { constraint: { start_time: 'noon', end_time: '13:00' }, prices: { input_mtok: 2, output_mtok: 2 } },
    ];
    assert.equal(priceAt(bad, at('2026-03-01T12:30:00Z'))?.inputPerMTok, 1);
  });
});

describe('nextPriceChange', () => {
  it('is the nearest future date or daily boundary, Infinity for a flat price', () => {
    const t = at('2026-03-01T10:00:00Z');
    assert.equal(nextPriceChange({ input_mtok: 1 }, t), Infinity);
    const s: PriceSchedule = [
      { prices: { input_mtok: 1, output_mtok: 1 } },
      { constraint: { start_date: '2026-03-05' }, prices: { input_mtok: 2, output_mtok: 2 } },
      { constraint: { start_date: '2026-01-01' }, prices: { input_mtok: 3, output_mtok: 3 } },
      { constraint: { start_time: '16:30:00Z', end_time: '00:30:00Z' }, prices: { input_mtok: 4, output_mtok: 4 } },
      { constraint: { start_time: 'bad', end_time: 'bad' }, prices: { input_mtok: 5, output_mtok: 5 } },
    ];
    assert.equal(nextPriceChange(s, t), Date.parse('2026-03-01T16:30:00Z'));
    assert.equal(nextPriceChange(s, at('2026-03-01T16:30:00Z')), Date.parse('2026-03-02T00:30:00Z'), 'a boundary reached now is not next');
    assert.equal(nextPriceChange(s.slice(0, 3), t), Date.parse('2026-03-05T00:00:00Z'));
    assert.equal(nextPriceChange(s.slice(0, 3), at('2026-03-05T00:00:00Z')), Infinity);
  });
});

describe('matches', () => {
  it('follows genai-prices: case-insensitive except regex, and/or nest, a bad regex matches nothing', () => {
    assert.equal(matches({ equals: 'GPT-4o' }, 'gpt-4o'), true);
    assert.equal(matches({ equals: 'gpt-4o' }, 'gpt-4o-mini'), false);
    assert.equal(matches({ starts_with: 'Claude-' }, 'claude-3'), true);
    assert.equal(matches({ starts_with: 'claude-' }, 'x-claude-3'), false);
    assert.equal(matches({ ends_with: '-Latest' }, 'gemini-latest'), true);
    assert.equal(matches({ ends_with: '-latest' }, 'latest-gemini'), false);
    assert.equal(matches({ contains: 'Mini' }, 'gpt-4o-mini-2024'), true);
    assert.equal(matches({ contains: 'nano' }, 'gpt-4o'), false);
    assert.equal(matches({ regex: '^gpt-4o$' }, 'gpt-4o'), true);
    assert.equal(matches({ regex: '^GPT' }, 'gpt-4o'), false);
    assert.equal(matches({ regex: '(' }, 'gpt-4o'), false);
    assert.equal(matches({ or: [{ equals: 'a' }, { equals: 'b' }] }, 'b'), true);
    assert.equal(matches({ or: [{ equals: 'a' }, { equals: 'b' }] }, 'c'), false);
    assert.equal(matches({ and: [{ starts_with: 'a' }, { ends_with: 'z' }] }, 'abz'), true);
    assert.equal(matches({ and: [{ starts_with: 'a' }, { ends_with: 'z' }] }, 'aby'), false);
  });
});
