// The reasoning control as an OpenAI-compatible host receives it, and the warnings a user sees
// when part of it cannot be sent.
import * as assert from 'node:assert/strict';
import { buildChatBody } from '../../../../src/core/providers/openai/build-request';
import { mapOpenAIUsage } from '../../../../src/core/providers/openai/map-usage';
import { customOpenAIProvider, type CustomOpenAIProviderInit } from '../../../../src/core/providers/openai/presets';
import type { ChatRequest, Warning } from '../../../../src/core/types';

const host = (over: Partial<CustomOpenAIProviderInit> = {}) =>
  customOpenAIProvider({ id: 'h', displayName: 'Host', baseUrl: 'http://127.0.0.1:1/v1', ...over });
const body = (req: Partial<ChatRequest>, d = host(), warnings: Warning[] = []) =>
  buildChatBody({ model: 'm', messages: [{ role: 'user', content: 'hi' }], ...req }, d, warnings);

describe('openai reasoning control', () => {
  it('a host that reasons with no named style takes reasoning_effort, with no warning', () => {
    const warnings: Warning[] = [];
    assert.equal(body({ reasoning: { effort: 'high' } }, host({ reasoning: true }), warnings).reasoning_effort, 'high');
    assert.deepEqual(warnings, []);
  });

  it('an effort host warns, by name, about a budget and about exclude it cannot send', () => {
    const warnings: Warning[] = [];
    const b = body({ reasoning: { effort: 'low', maxTokens: 500, exclude: true } }, host({ reasoningControl: 'effort' }), warnings);
    assert.equal(b.reasoning_effort, 'low');
    assert.equal(b.reasoning, undefined);
    assert.deepEqual(warnings, [
      { parameter: 'reasoning.maxTokens', message: 'Host takes an effort, not a token budget; the budget was not sent.' },
      { parameter: 'reasoning.exclude', message: 'Host cannot hide reasoning on request; exclude was not sent.' },
    ]);
  });

  it('OpenRouter style: the budget or the effort, and exclude when asked', () => {
    const or = host({ reasoningControl: 'openrouter' });
    assert.deepEqual(body({ reasoning: { effort: 'low', maxTokens: 900, exclude: true } }, or).reasoning, {
      max_tokens: 900,
      exclude: true,
    });
    assert.deepEqual(body({ reasoning: { effort: 'medium' } }, or).reasoning, { effort: 'medium' });
    assert.equal(body({ reasoning: { effort: 'medium' } }, or).reasoning_effort, undefined);
  });

  it('a host without reasoning sends nothing for it', () => {
    const b = body({ reasoning: { effort: 'high' } }, host({ reasoning: false }));
    assert.equal(b.reasoning_effort, undefined);
    assert.equal(b.reasoning, undefined);
  });
});

describe('openai usage', () => {
  it('OpenRouter cost: 0 is a free call, null is no cost at all', () => {
    assert.equal(mapOpenAIUsage({ prompt_tokens: 1, completion_tokens: 1, cost: 0 }).providerCostUsd, 0);
    assert.ok(!('providerCostUsd' in mapOpenAIUsage({ prompt_tokens: 1, completion_tokens: 1, cost: null })));
    assert.ok(!('providerCostUsd' in mapOpenAIUsage({ prompt_tokens: 1, completion_tokens: 1, cost: Number.NaN })));
  });
});
