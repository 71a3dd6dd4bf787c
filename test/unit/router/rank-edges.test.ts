// The order hosts of one model are tried in, at the edges of the `balanced` weights and of the
// single-figure strategies.
import * as assert from 'node:assert/strict';
import type { EndpointEstimate } from '../../../src/core/health/types';
import { PRIOR_TTFT_MS, rankInPlace, type RankItem } from '../../../src/core/router/endpoint-rank';
import type { SortStrategy } from '../../../src/core/router/types';

const host = (item: string, price: number, estimate: Partial<EndpointEstimate> = {}): RankItem<string> => ({
  item,
  price,
  estimate: { errorRate: 0, demoted: false, ...estimate },
  score: 0,
});
const rank = (strategy: SortStrategy, ...items: RankItem<string>[]) => {
  rankInPlace(items, strategy);
  return items.map((i) => i.item);
};

describe('rankInPlace: balanced', () => {
  it('next to a free local host, a paid host counts as ten times the price, not infinitely more', () => {
    // Paid: 0.5 × 10 + 0.3 × 1 = 5.3; free but 20× slower: 0.5 × 1 + 0.3 × 10 = 3.5.
    assert.deepEqual(rank('balanced', host('paid', 2, { ttftMs: 100 }), host('free', 0, { ttftMs: 2000 })), ['free', 'paid']);
    // The free host 40× slower still counts as ten times slower at most: 0.5 + 3 = 3.5 < 5.3.
    assert.deepEqual(rank('balanced', host('paid', 2, { ttftMs: 100 }), host('free', 0, { ttftMs: 4000 })), ['free', 'paid']);
  });

  it('two free hosts are ranked by speed alone', () => {
    assert.deepEqual(rank('balanced', host('slow', 0, { ttftMs: 900 }), host('fast', 0, { ttftMs: 300 })), ['fast', 'slow']);
  });

  it('caps a ratio at ten, so a very slow cheap host can still beat a dear fast one', () => {
    // cheap: 0.5 × 1 + 0.3 × min(10, 30) = 3.5; dear: 0.5 × 8 + 0.3 × 1 = 4.3.
    assert.deepEqual(rank('balanced', host('dear', 8, { ttftMs: 100 }), host('cheap', 1, { ttftMs: 3000 })), ['cheap', 'dear']);
  });

  it('weighs price 0.5 against latency 0.3: twice the price loses to twice as slow', () => {
    // twice the price: 0.5 × 2 + 0.3 = 1.3; twice as slow: 0.5 + 0.3 × 2 = 1.1.
    assert.deepEqual(rank('balanced', host('dear', 2, { ttftMs: 100 }), host('slow', 1, { ttftMs: 200 })), ['slow', 'dear']);
    // 1.4 × the price (1.0) beats 2 × as slow (1.1).
    assert.deepEqual(rank('balanced', host('slow', 1, { ttftMs: 200 }), host('dear', 1.4, { ttftMs: 100 })), ['dear', 'slow']);
  });

  it('weighs errors as 0.2 × (1 + 9 × error rate)', () => {
    // 10% errors cost 0.18: more than 1.3 × the price (0.15), less than 1.4 × (0.2).
    assert.deepEqual(rank('balanced', host('flaky', 1, { errorRate: 0.1 }), host('dear', 1.3)), ['dear', 'flaky']);
    assert.deepEqual(rank('balanced', host('dearer', 1.4), host('flaky', 1, { errorRate: 0.1 })), ['flaky', 'dearer']);
  });

  it('an unmeasured host counts as the prior time to first token', () => {
    assert.deepEqual(rank('balanced', host('unmeasured', 1), host('measured', 1, { ttftMs: PRIOR_TTFT_MS + 1 })), [
      'unmeasured',
      'measured',
    ]);
    assert.deepEqual(rank('balanced', host('measured', 1, { ttftMs: PRIOR_TTFT_MS - 1 }), host('unmeasured', 1)), [
      'measured',
      'unmeasured',
    ]);
  });
});

describe('rankInPlace: single-figure strategies', () => {
  it('latency: the lowest time to first token first, unmeasured hosts at the prior', () => {
    assert.deepEqual(rank('latency', host('a', 1, { ttftMs: 1600 }), host('b', 9, {}), host('c', 5, { ttftMs: 1400 })), ['c', 'b', 'a']);
  });

  it('throughput: the most tokens a second first, unmeasured hosts at the prior', () => {
    assert.deepEqual(rank('throughput', host('a', 1, { tokensPerSec: 40 }), host('b', 9, {}), host('c', 5, { tokensPerSec: 60 })), [
      'c',
      'b',
      'a',
    ]);
  });

  it('price: unpriced hosts after every priced one, in catalog order', () => {
    assert.deepEqual(rank('price', host('u1', Infinity), host('dear', 1e9), host('u2', Infinity), host('cheap', 0)), [
      'cheap',
      'dear',
      'u1',
      'u2',
    ]);
  });

  it('a demoted host goes after all others whatever its score', () => {
    assert.deepEqual(rank('price', host('cheap', 0, { demoted: true }), host('dear', 9), host('mid', 5)), ['mid', 'dear', 'cheap']);
    assert.deepEqual(rank('price', host('dear', 9, { demoted: true }), host('cheap', 0, { demoted: true })), ['cheap', 'dear']);
  });
});

describe('rankInPlace: ratios are to the best host, wherever it is listed', () => {
  it('the cheapest host sets the price baseline even when listed first', () => {
    // cheap: 0.5 × 1 + 0.3 × 3 = 1.4; dear: 0.5 × 10 (20×, capped) + 0.3 × 1 = 5.3.
    assert.deepEqual(rank('balanced', host('cheap', 1, { ttftMs: 4500 }), host('dear', 20, { ttftMs: 1500 })), ['cheap', 'dear']);
  });

  it('the fastest host sets the latency baseline even when listed first', () => {
    // fast: 0.5 × 3 + 0.3 × 1 = 1.8; slow: 0.5 × 1 + 0.3 × 10 (20×, capped) = 3.5.
    assert.deepEqual(rank('balanced', host('fast', 3, { ttftMs: 100 }), host('slow', 1, { ttftMs: 2000 })), ['fast', 'slow']);
  });

  it('an unpriced host counts as four times the cheapest: ahead of one five times the price', () => {
    assert.deepEqual(rank('balanced', host('cheap', 1), host('five', 5), host('unpriced', Infinity)), ['cheap', 'unpriced', 'five']);
  });
});
