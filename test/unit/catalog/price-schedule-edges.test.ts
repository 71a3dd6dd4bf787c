// Time-of-day prices to the second: a window read a second off bills a request at the wrong rate.
import * as assert from 'node:assert/strict';
import { priceAt, toPrice, type PriceSchedule } from '../../../src/core/catalog/price-schedule';

const window = (start: string, end: string): PriceSchedule => [
  { prices: { input_mtok: 1, output_mtok: 1 } },
  { constraint: { start_time: start, end_time: end }, prices: { input_mtok: 2, output_mtok: 2 } },
];
const inputAt = (s: PriceSchedule, iso: string) => priceAt(s, new Date(iso))?.inputPerMTok;

describe('price schedule edges', () => {
  it('a window starting on a second applies from that second, to the millisecond', () => {
    const s = window('16:30:30Z', '17:00:00Z');
    assert.equal(inputAt(s, '2026-03-01T16:30:29.999Z'), 1);
    assert.equal(inputAt(s, '2026-03-01T16:30:30.000Z'), 2);
    assert.equal(inputAt(s, '2026-03-01T16:30:30.500Z'), 2);
    assert.equal(inputAt(s, '2026-03-01T16:59:59.999Z'), 2);
    assert.equal(inputAt(s, '2026-03-01T17:00:00.000Z'), 1);
  });

  it('a window ending on a second excludes that second', () => {
    const s = window('08:00:00Z', '08:00:45Z');
    assert.equal(inputAt(s, '2026-03-01T08:00:44.999Z'), 2);
    assert.equal(inputAt(s, '2026-03-01T08:00:45.000Z'), 1);
  });

  it('an empty window never applies', () => {
    const s = window('08:00:00Z', '08:00:00Z');
    for (const t of ['07:59:59', '08:00:00', '12:00:00', '23:59:59']) assert.equal(inputAt(s, `2026-03-01T${t}Z`), 1, t);
  });

  it('a time with anything before or after it is unreadable and never applies', () => {
    for (const [start, end] of [
      ['x08:00', '12:00'],
      ['08:00', '12:00 tomorrow'],
      ['08:00:00+01:00', '12:00'],
    ])
      assert.equal(inputAt(window(start, end), '2026-03-01T10:00:00Z'), 1, `${start}–${end}`);
  });

  it('long-context tiers come out in ascending order whatever order the data lists them in', () => {
    const p = toPrice({
      input_mtok: {
        base: 1,
        tiers: [
          { start: 500_000, price: 3 },
          { start: 200_000, price: 2 },
        ],
      },
      output_mtok: 4,
    });
    assert.deepEqual(p?.tiers, [
      { aboveInputTokens: 200_000, inputPerMTok: 2 },
      { aboveInputTokens: 500_000, inputPerMTok: 3 },
    ]);
  });
});
