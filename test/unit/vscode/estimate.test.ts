import * as assert from 'node:assert/strict';
import type { Endpoint } from '../../../src/core/catalog/types';
import { estimateSend } from '../../../src/vscode/selection/estimate';

const ep = (provider: string, price?: Endpoint['price']): Endpoint => ({ canonicalModel: 'openai/gpt-x', provider, modelId: 'gpt-x', price, capabilities: { images: false, reasoning: false, tools: false }, source: 'bundled' });
const messages = [{ role: 'user' as const, content: 'Explain this code. '.repeat(200) }];

describe('estimateSend', () => {
  it('uses the first priced host and the upper end of the range', () => {
    const e = estimateSend('openai/gpt-x', [ep('unpriced'), ep('cheap', { inputPerMTok: 3, outputPerMTok: 15 })], messages);
    assert.ok(e.inputTokens > 500 && e.inputTokens < 2000, String(e.inputTokens));
    assert.ok(e.usd !== undefined && e.usd > (e.inputTokens * 3) / 1e6, 'includes output');
    assert.ok(e.usd! < (e.inputTokens * 3 + 20_000 * 15) / 1e6);
    assert.match(e.detail, /on cheap/);
  });

  it('leaves the cost unknown without a price and calls a local host free', () => {
    assert.equal(estimateSend('m', [ep('x')], messages).usd, undefined);
    const local = estimateSend('m', [ep('ollama')], messages, (p) => p === 'ollama');
    assert.equal(local.usd, 0);
    assert.match(local.detail, /free/);
  });

  it('says when the catalog does not know the model', () => {
    assert.match(estimateSend('nope', [], messages).detail, /does not know/);
  });
});
