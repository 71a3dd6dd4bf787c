import * as assert from 'node:assert/strict';
import {
  formatContext,
  formatMs,
  formatPerMillion,
  formatPricePair,
  formatTokens,
  formatTokensPerSecond,
  formatTokensShort,
  formatUsd,
  usdColumn,
} from '../../../src/common/format';

// One table per function: input, then the text every view shows for it.
const usdCases: [number, string][] = [
  [0, '$0.00'],
  [0.5, '$0.50'],
  [0.01, '$0.01'],
  [0.02, '$0.02'],
  [1.005, '$1.00'],
  [12.3, '$12.30'],
  [999.99, '$999.99'],
  [1234.5, '$1,235'],
  [0.0063, '$0.0063'],
  [0.00033, '$0.00033'],
  [0.000075, '$0.000075'],
  [0.0000123, '$0.000012'],
  [0.000005, '$0.000005'],
  [0.0004, '$0.0004'],
  [0.0000001, '<$0.000001'],
  [-0.25, '-$0.25'],
  [-0.00033, '-$0.00033'],
  [Number.NaN, '–'],
];

describe('shared format', () => {
  for (const [v, text] of usdCases) {
    it(`formatUsd(${v}) is ${text}`, () => assert.equal(formatUsd(v), text));
  }

  it('never writes exponent notation or a non-zero amount as $0', () => {
    for (let e = -12; e <= 6; e++) {
      for (const m of [1, 1.5, 4.99, 9.999]) {
        const t = formatUsd(m * 10 ** e);
        assert.doesNotMatch(t, /e/i, t);
        assert.notEqual(t, '$0.00');
      }
    }
  });

  it('a table column uses one precision, set by its smallest amount', () => {
    const col = usdColumn([0.02, 0.00033, 0.000075]);
    assert.deepEqual([0.02, 0.00033, 0.000075, 0].map(col), ['$0.020000', '$0.000330', '$0.000075', '$0.00']);
    const cents = usdColumn([0.5, 12, 0]);
    assert.deepEqual([0.5, 12, 0].map(cents), ['$0.50', '$12.00', '$0.00']);
    assert.deepEqual([0.0063, 0.02].map(usdColumn([0.0063, 0.02])), ['$0.0063', '$0.0200']);
  });

  const perMillion: [number, string][] = [
    [0, 'free'],
    [0.3, '$0.30'],
    [0.075, '$0.075'],
    [0.59, '$0.59'],
    [0.038, '$0.038'],
    [2.5, '$2.50'],
    [15, '$15.00'],
  ];
  for (const [v, text] of perMillion) {
    it(`formatPerMillion(${v}) is ${text}`, () => assert.equal(formatPerMillion(v), text));
  }

  it('price pairs', () => {
    assert.equal(formatPricePair(0.3, 2.5), '$0.30 / $2.50');
    assert.equal(formatPricePair(0, 0), 'free');
    assert.equal(formatPricePair(0, 1), '$0.00 / $1.00');
    assert.equal(formatPricePair(undefined, 1), 'price unknown');
  });

  const tokens: [number, string, string][] = [
    [0, '0', '0'],
    [950, '950', '950'],
    [1000, '1,000', '1k'],
    [1234, '1,234', '1.2k'],
    [12345, '12,345', '12k'],
    [999_499, '999,499', '999k'],
    [999_500, '999,500', '1M'],
    [2_500_000, '2,500,000', '2.5M'],
  ];
  for (const [n, full, short] of tokens) {
    it(`${n} tokens read ${full}, or ${short} where space is short`, () => {
      assert.equal(formatTokens(n), full);
      assert.equal(formatTokensShort(n), short);
    });
  }

  it('context windows, durations and speeds', () => {
    assert.equal(formatContext(200_000), '200k ctx');
    assert.equal(formatContext(131_072), '131k ctx');
    assert.equal(formatContext(1_048_576), '1M ctx');
    assert.equal(formatContext(undefined), '');
    assert.equal(formatMs(320.4), '320 ms');
    assert.equal(formatMs(1400), '1.4 s');
    assert.equal(formatTokensPerSecond(42.46), '42.5 tok/s');
    assert.equal(formatTokensPerSecond(123.4), '123 tok/s');
    assert.equal(formatTokensPerSecond(undefined), '– tok/s');
  });
});
