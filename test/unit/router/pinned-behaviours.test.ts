// Behaviours a planted bug once slipped past: each test here fails if its behaviour breaks.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { sortCost } from '../../../src/core/catalog/catalog-index';
import type { Price } from '../../../src/core/catalog/types';
import { ProviderError } from '../../../src/core/errors';
import { CircuitBreaker } from '../../../src/core/health/circuit-breaker';
import { DEFAULT_RETRY_OPTIONS, retryDelay } from '../../../src/core/router/backoff';
import { blendedPrice, rankInPlace, type RankItem } from '../../../src/core/router/endpoint-rank';
import { ep, fail, ok } from './fakes';
import { drain, rig } from './setup';

const M = 'acme/model';
const req = { models: [M], messages: [{ role: 'user' as const, content: 'hi' }], preferences: { sort: 'price' as const } };
const price = (inputPerMTok: number, outputPerMTok = inputPerMTok): Price => ({ inputPerMTok, outputPerMTok });

/** A rig whose hosts, given with their context windows, are priced in the order given. */
const cheapestFirst = (windows: Record<string, number>) =>
  rig({ endpoints: Object.entries(windows).map(([p, contextWindow], i) => ep(p, 'm', M, { price: price(i + 1), contextWindow })) });

describe('pinned router and health behaviours', () => {
  it('an adapter that streams text and then fails without marking outputStarted is not retried', async () => {
    const r = rig({ endpoints: [ep('a', 'm', M, { price: price(1) }), ep('b', 'm', M, { price: price(2) })] });
    const err = new ProviderError({ category: 'network', provider: 'a', message: 'socket closed', outputStarted: false });
    r.adapter.script('a:m', [
      { type: 'text-delta', text: 'Hello' },
      { type: 'error', error: err },
      { type: 'finish', reason: 'error' },
    ]);
    const out = await drain(r.router.route(req));
    assert.equal(r.adapter.callsTo('a:m'), 1, 'no retry at the same host');
    assert.equal(r.adapter.callsTo('b:m'), 0, 'no fallback either: the text would be duplicated and billed twice');
    assert.equal(out.text, 'Hello');
    assert.equal(out.report.partial, true);
    assert.equal(out.real[0].outcome, 'partial');
  });

  it('after a context-length error, a host with an equal context window is skipped and a larger one serves', async () => {
    const r = cheapestFirst({ a: 8000, b: 8000, c: 16000 });
    r.adapter.script('a:m', fail('context_length', { status: 400 }));
    const out = await drain(r.router.route(req));
    assert.equal(r.adapter.callsTo('b:m'), 0);
    assert.equal(out.report.servedBy?.provider, 'c');
    const skip = out.report.attempts.find((a) => a.endpoint.provider === 'b');
    assert.equal(skip?.outcome, 'skipped');
    assert.match(skip?.reason ?? '', /not larger than 8000/);
  });

  it('the next host after retries at one host starts at retry 0, so its too-small window is still checked', async () => {
    const r = cheapestFirst({ x: 4000, a: 8000, b: 4000 });
    r.adapter.script('x:m', fail('context_length', { status: 400 }));
    // b's window is too small after x's failure, so a's 503 is retried at a before a fails on context too.
    r.adapter.script('a:m', fail('server', { status: 503, retryable: true }), fail('context_length', { status: 400 }));
    const out = await drain(r.router.route(req));
    assert.equal(r.adapter.callsTo('a:m'), 2);
    assert.equal(r.adapter.callsTo('b:m'), 0);
    const skip = out.report.attempts.find((a) => a.endpoint.provider === 'b');
    assert.equal(skip?.outcome, 'skipped');
    assert.match(skip?.reason ?? '', /not larger than 8000/);
  });

  it('a retry-after of exactly 60 s is waited, not treated as too long', async () => {
    assert.equal(
      retryDelay(0, 60_000, () => 0.5, DEFAULT_RETRY_OPTIONS),
      60_000,
    );
    const r = rig({ endpoints: [ep('a', 'm', M)] });
    r.adapter.script('a:m', fail('rate_limit', { status: 429, retryAfterMs: 60_000 }), ok('after a minute'));
    const out = await drain(r.router.route(req));
    assert.deepEqual(r.waits, [60_000]);
    assert.equal(out.text, 'after a minute');
  });

  it('the breaker trips on rate at exactly its minimum number of calls, and not one call before', () => {
    // Alternating outcomes: never a streak of 3, so only the rate rule can open it.
    const b = new CircuitBreaker();
    let t = 1_000;
    const outcomes = [false, true, false, true, false];
    for (const good of outcomes) {
      if (good) b.onSuccess(t);
      else assert.equal(b.onFailure(t), undefined, '3 failures of 5 calls: below the minimum of 6');
      t += 1_000;
    }
    assert.equal(b.state(t), 'closed');
    // Sixth call: 3 failures of 6, exactly 50%.
    const trip = new CircuitBreaker();
    let u = 1_000;
    for (const good of [true, false, true, false, true]) {
      if (good) trip.onSuccess(u);
      else trip.onFailure(u);
      u += 1_000;
    }
    assert.deepEqual(trip.onFailure(u), { from: 'closed', to: 'open' });
  });

  it('balanced: an unpriced host weighs against it, behind a priced host three times the cheapest', () => {
    const est = { errorRate: 0, demoted: false };
    const items: RankItem<string>[] = [
      { item: 'unpriced', price: blendedPrice(undefined, false), estimate: est, score: 0 },
      { item: 'triple', price: blendedPrice(price(3), false), estimate: est, score: 0 },
      { item: 'cheap', price: blendedPrice(price(1), false), estimate: est, score: 0 },
    ];
    rankInPlace(items, 'balanced');
    assert.deepEqual(
      items.map((i) => i.item),
      ['cheap', 'triple', 'unpriced'],
    );
    const two: RankItem<string>[] = [
      { item: 'unpriced', price: Infinity, estimate: est, score: 0 },
      { item: 'priced', price: blendedPrice(price(5), false), estimate: est, score: 0 },
    ];
    rankInPlace(two, 'balanced');
    assert.deepEqual(
      two.map((i) => i.item),
      ['priced', 'unpriced'],
    );
  });

  it("the catalog's cost ordering matches the router's price ordering", () => {
    const priceArb = fc.option(
      fc.record({
        inputPerMTok: fc.double({ min: 0, max: 100, noNaN: true }),
        outputPerMTok: fc.double({ min: 0, max: 400, noNaN: true }),
        requestUsd: fc.option(fc.double({ min: 0, max: 0.05, noNaN: true }), { nil: undefined }),
      }),
      { nil: undefined },
    );
    fc.assert(
      fc.property(priceArb, priceArb, (a, b) => {
        const catalog = Math.sign(sortCost({ price: a }) - sortCost({ price: b }) || 0);
        const router = Math.sign(blendedPrice(a, false) - blendedPrice(b, false) || 0);
        assert.equal(catalog, router, `catalog and router disagree on ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
      }),
    );
  });
});
