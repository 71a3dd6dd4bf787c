import * as assert from 'node:assert/strict';
import type { Endpoint } from '../../../src/core/catalog/types';
import { ASSUMED_OUTPUT_TOKENS, estimateSend } from '../../../src/vscode/selection/estimate';

const ep = (provider: string, price?: Endpoint['price']): Endpoint => ({ canonicalModel: 'a/m', provider, modelId: 'm', price, capabilities: { images: false, reasoning: false, tools: false }, source: 'bundled' });

describe('estimateSend', () => {
  it('prices input at the first priced host plus a generous output allowance', () => {
    const e = estimateSend('a/m', [ep('unpriced'), ep('cheap', { inputPerMTok: 3, outputPerMTok: 15 })], 'x'.repeat(4000));
    assert.equal(e.inputTokens, 1000);
    assert.ok(Math.abs(e.usd! - (1000 * 3 + ASSUMED_OUTPUT_TOKENS * 15) / 1e6) < 1e-12);
    assert.match(e.detail, /1,000 input tokens at \$3\.00\/M .* on cheap\./);
  });

  it('leaves the cost unknown when no host has a price', () => {
    const e = estimateSend('a/m', [ep('x')], 'hello world!');
    assert.equal(e.usd, undefined);
    assert.equal(e.inputTokens, 3);
  });
});
