import * as assert from 'node:assert/strict';
import { ModelCatalog } from '../../../src/core/catalog/model-catalog';
import type { Endpoint, Price } from '../../../src/core/catalog/types';
import { costBreakdown, effectiveRates, priceOf } from '../../../src/core/pricing/price-of';
import { emptyUsage, type Usage } from '../../../src/core/types';

function usage(u: Partial<Usage>): Usage {
  return { ...emptyUsage(), ...u };
}

function endpoint(price: Price | undefined): Pick<Endpoint, 'price'> {
  return { price };
}

const close = (a: number | undefined, b: number): void => assert.ok(a !== undefined && Math.abs(a - b) < 1e-12, `${a} ≠ ${b}`);

describe('priceOf', () => {
  // A fixed moment at 20:00 UTC: DeepSeek's off-peak window, and after every dated price change we rely on.
  const offPeak = Date.UTC(2026, 10, 25, 20, 0, 0);
  let catalog: ModelCatalog;
  before(async () => {
    catalog = await ModelCatalog.create({ clock: { now: () => offPeak } });
  });

  it('OpenAI: cached_tokens are part of prompt_tokens and billed at the cached rate', () => {
    const e = catalog.pinned('openai', 'gpt-4o');
    assert.deepEqual([e.price?.inputPerMTok, e.price?.outputPerMTok, e.price?.cacheReadPerMTok], [2.5, 10, 1.25]);
    const c = priceOf(usage({ inputTokens: 10_000, cacheReadTokens: 8_000, outputTokens: 500 }), e);
    // 2,000 × $2.50 + 8,000 × $1.25 + 500 × $10, per million.
    close(c.usd, (2_000 * 2.5 + 8_000 * 1.25 + 500 * 10) / 1e6);
    assert.equal(c.status, 'exact');
  });

  it('OpenAI: reasoning tokens are inside output and billed once at the output rate', () => {
    const e = catalog.pinned('openai', 'o4-mini');
    const out = e.price!.outputPerMTok;
    const withReasoning = priceOf(usage({ inputTokens: 1_000, outputTokens: 3_000, reasoningTokens: 2_500 }), e);
    const plain = priceOf(usage({ inputTokens: 1_000, outputTokens: 3_000 }), e);
    assert.equal(withReasoning.usd, plain.usd);
    close(withReasoning.usd, (1_000 * e.price!.inputPerMTok + 3_000 * out) / 1e6);
  });

  it('Anthropic: cache writes at 1.25× and reads at 0.1× as the price table states', () => {
    const e = catalog.pinned('anthropic', 'claude-sonnet-4-5-20250929');
    assert.equal(e.canonicalModel, 'anthropic/claude-sonnet-4.5');
    assert.deepEqual([e.price?.inputPerMTok, e.price?.cacheWritePerMTok, e.price?.cacheReadPerMTok], [3, 3.75, 0.3]);
    // Adapter-normalized: input 10,000 = 1,000 fresh + 4,000 written + 5,000 read.
    const c = priceOf(usage({ inputTokens: 10_000, cacheWriteTokens: 4_000, cacheReadTokens: 5_000, outputTokens: 200 }), e);
    close(c.usd, (1_000 * 3 + 4_000 * 3.75 + 5_000 * 0.3 + 200 * 15) / 1e6);
  });

  it('Anthropic: the long-context tier reprices the whole request above 200k input tokens', () => {
    const e = catalog.pinned('anthropic', 'claude-sonnet-4-5');
    const c = priceOf(usage({ inputTokens: 250_000, cacheReadTokens: 50_000, outputTokens: 1_000 }), e);
    close(c.usd, (200_000 * 6 + 50_000 * 0.6 + 1_000 * 22.5) / 1e6);
    const under = priceOf(usage({ inputTokens: 200_000, outputTokens: 1_000 }), e);
    close(under.usd, (200_000 * 3 + 1_000 * 15) / 1e6);
  });

  it('Gemini: cached content at the cache rate, thoughts billed as output', () => {
    const e = catalog.pinned('gemini', 'gemini-2.5-flash');
    const p = e.price!;
    assert.ok(p.cacheReadPerMTok !== undefined && p.cacheReadPerMTok < p.inputPerMTok);
    // promptTokenCount 20,000 incl. cachedContentTokenCount 15,000; candidates 300 + thoughts 700 → output 1,000.
    const c = priceOf(usage({ inputTokens: 20_000, cacheReadTokens: 15_000, outputTokens: 1_000, reasoningTokens: 700 }), e);
    close(c.usd, (5_000 * p.inputPerMTok + 15_000 * p.cacheReadPerMTok! + 1_000 * p.outputPerMTok) / 1e6);
  });

  it('DeepSeek: cache-hit pricing, and peak vs off-peak rates follow the clock', async () => {
    const off = catalog.pinned('deepseek', 'deepseek-chat');
    const peakCatalog = await ModelCatalog.create({ clock: { now: () => Date.UTC(2026, 10, 25, 10, 0, 0) } });
    const peak = peakCatalog.pinned('deepseek', 'deepseek-chat');
    assert.ok(off.price!.cacheReadPerMTok! < off.price!.inputPerMTok);
    assert.ok(peak.price!.inputPerMTok > off.price!.inputPerMTok, 'peak hours cost more');
    const u = usage({ inputTokens: 100_000, cacheReadTokens: 90_000, outputTokens: 1_000 });
    close(
      priceOf(u, off).usd,
      (10_000 * off.price!.inputPerMTok + 90_000 * off.price!.cacheReadPerMTok! + 1_000 * off.price!.outputPerMTok) / 1e6,
    );
  });

  it('a distinct reasoning rate applies to reasoning tokens only', () => {
    const e = endpoint({ inputPerMTok: 1, outputPerMTok: 2, reasoningPerMTok: 5 });
    const c = priceOf(usage({ inputTokens: 0, outputTokens: 1_000, reasoningTokens: 400 }), e);
    close(c.usd, (600 * 2 + 400 * 5) / 1e6);
  });

  it('OpenRouter: the reported usage.cost wins over any computed figure', () => {
    const e = endpoint({ inputPerMTok: 3, outputPerMTok: 15 });
    const c = priceOf(usage({ inputTokens: 1_000, outputTokens: 100, providerCostUsd: 0.00123 }), e);
    assert.deepEqual(c, { usd: 0.00123, status: 'provider_reported' });
    // Even without a known price, and even for an estimate.
    assert.deepEqual(priceOf(usage({ providerCostUsd: 0.5 }), endpoint(undefined), { estimated: true }), {
      usd: 0.5,
      status: 'provider_reported',
    });
  });

  it('OpenRouter: a reported usage.cost of exactly 0 is a real $0 (a free model), not a reason to compute', () => {
    const c = priceOf(
      usage({ inputTokens: 1_000, outputTokens: 100, providerCostUsd: 0 }),
      endpoint({ inputPerMTok: 3, outputPerMTok: 15 }),
    );
    assert.deepEqual(c, { usd: 0, status: 'provider_reported' });
  });

  it('OpenRouter: a NaN, infinite or negative usage.cost is ignored and the charge is computed from the price', () => {
    const e = endpoint({ inputPerMTok: 3, outputPerMTok: 15 });
    const computed = { usd: (1_000 * 3 + 100 * 15) / 1e6, status: 'exact' };
    // JSON has no NaN or Infinity, but `1e400` parses to Infinity and a proxy can send anything.
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0.002]) {
      assert.deepEqual(priceOf(usage({ inputTokens: 1_000, outputTokens: 100, providerCostUsd: bad }), e), computed, `usage.cost ${bad}`);
      assert.deepEqual(
        priceOf(usage({ inputTokens: 1_000, providerCostUsd: bad }), endpoint(undefined)),
        { usd: undefined, status: 'unpriced' },
        `usage.cost ${bad}`,
      );
    }
  });

  it('an unknown price is unpriced, never $0', () => {
    const c = priceOf(usage({ inputTokens: 1_000, outputTokens: 100 }), endpoint(undefined));
    assert.deepEqual(c, { usd: undefined, status: 'unpriced' });
    assert.deepEqual(priceOf(usage({ inputTokens: 1 }), endpoint(undefined), { estimated: true }), { usd: undefined, status: 'unpriced' });
  });

  it('local providers are free; estimated usage is marked estimated', () => {
    assert.deepEqual(priceOf(usage({ inputTokens: 1_000_000 }), endpoint(undefined), { local: true }), { usd: 0, status: 'free' });
    const c = priceOf(usage({ inputTokens: 1_000_000 }), endpoint({ inputPerMTok: 2, outputPerMTok: 4 }), { estimated: true });
    assert.deepEqual(c, { usd: 2, status: 'estimated' });
  });

  it('with no cache price in the table, cache tokens cost the input rate (no assumed discount)', () => {
    const r = effectiveRates({ inputPerMTok: 4, outputPerMTok: 8 }, 10);
    assert.deepEqual([r.cacheRead, r.cacheWrite, r.reasoning], [4, 4, 8]);
    const c = priceOf(
      usage({ inputTokens: 1_000, cacheReadTokens: 600, cacheWriteTokens: 400 }),
      endpoint({ inputPerMTok: 4, outputPerMTok: 8 }),
    );
    close(c.usd, (1_000 * 4) / 1e6);
  });

  it('a table with a cache-read price but no cache-write price charges writes at the input rate, not the read rate', () => {
    const price: Price = { inputPerMTok: 3, outputPerMTok: 15, cacheReadPerMTok: 0.3 };
    assert.equal(effectiveRates(price, 0).cacheWrite, 3);
    const b = costBreakdown(usage({ inputTokens: 10_000, cacheWriteTokens: 4_000, cacheReadTokens: 5_000 }), price);
    close(b.cacheWriteUsd, (4_000 * 3) / 1e6);
    close(b.cacheReadUsd, (5_000 * 0.3) / 1e6);
    close(b.totalUsd, (1_000 * 3 + 4_000 * 3 + 5_000 * 0.3) / 1e6);
  });

  it('cache reads plus writes larger than the input bill no more input tokens than there are: reads first, writes up to the rest', () => {
    const price: Price = { inputPerMTok: 1, outputPerMTok: 1, cacheReadPerMTok: 0.5, cacheWritePerMTok: 2 };
    const b = costBreakdown(usage({ inputTokens: 1_000, cacheReadTokens: 800, cacheWriteTokens: 500 }), price);
    assert.equal(b.inputUsd, 0);
    close(b.cacheReadUsd, (800 * 0.5) / 1e6);
    close(b.cacheWriteUsd, (200 * 2) / 1e6);
    close(b.totalUsd, (800 * 0.5 + 200 * 2) / 1e6);
  });

  it('clamps inconsistent usage instead of billing negative or double', () => {
    const b = costBreakdown(usage({ inputTokens: 100, cacheReadTokens: 500, outputTokens: 10, reasoningTokens: 50 }), {
      inputPerMTok: 1,
      outputPerMTok: 1,
      cacheReadPerMTok: 0.5,
    });
    assert.equal(b.inputUsd, 0);
    close(b.cacheReadUsd, (100 * 0.5) / 1e6);
    assert.equal(b.outputUsd, 0);
    close(b.reasoningUsd, 10 / 1e6);
  });

  it('adds a flat per-request fee once', () => {
    const c = priceOf(usage({ inputTokens: 1_000_000 }), endpoint({ inputPerMTok: 1, outputPerMTok: 1, requestUsd: 0.005 }));
    close(c.usd, 1.005);
  });
});
