import * as assert from 'node:assert/strict';
import type { Endpoint } from '../../../../src/core/catalog/types';
import { estimateSend, needsConfirm } from '../../../../src/app/selection/estimate';

const ep = (provider: string, price?: Endpoint['price']): Endpoint => ({
  canonicalModel: 'openai/gpt-x',
  provider,
  modelId: 'gpt-x',
  price,
  capabilities: { images: false, reasoning: false, tools: false },
  source: 'bundled',
});
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

  it('counts every message it is given, so history the selection joins raises the estimate', () => {
    const alone = estimateSend('m', [ep('p', { inputPerMTok: 3, outputPerMTok: 15 })], messages);
    const history = [
      { role: 'user' as const, content: 'Earlier question. '.repeat(2000) },
      { role: 'assistant' as const, content: 'Earlier answer. '.repeat(2000) },
    ];
    const joined = estimateSend('m', [ep('p', { inputPerMTok: 3, outputPerMTok: 15 })], [...history, ...messages]);
    assert.ok(joined.inputTokens > alone.inputTokens + 5000, `${joined.inputTokens} vs ${alone.inputTokens}`);
    assert.ok(joined.usd! > alone.usd!);
  });

  it('asks above the threshold, and always when the threshold is 0', () => {
    assert.equal(needsConfirm(0.3, 0.25), true);
    assert.equal(needsConfirm(0.25, 0.25), false);
    assert.equal(needsConfirm(undefined, 0.25), false, 'an unknown price does not nag at a normal threshold');
    assert.equal(needsConfirm(0, 0), true, 'even a free local send asks at 0');
    assert.equal(needsConfirm(undefined, 0), true);
  });
});
