import * as assert from 'node:assert/strict';
import { ProviderError } from '../../../src/core/errors';
import { HealthBoard } from '../../../src/core/health/health-board';
import { mergePreferences } from '../../../src/core/router/preferences';
import { planRoute, type PlanContext } from '../../../src/core/router/route-plan';
import type { RoutePreferences } from '../../../src/core/router/types';
import { descriptor, ep, FakeClock, MemoryCatalog } from './fakes';

const M = 'meta/llama-70b';
const endpoints = [
  ep('groq', 'llama-70b', M, { price: { inputPerMTok: 0.6, outputPerMTok: 0.8 }, dataPolicy: 'no-training', contextWindow: 128_000 }),
  ep('together', 'llama-70b-turbo', M, { price: { inputPerMTok: 0.9, outputPerMTok: 0.9 }, dataPolicy: 'trains', contextWindow: 128_000 }),
  ep('fireworks', 'llama-v3-70b', M, { price: { inputPerMTok: 0.2, outputPerMTok: 0.2 }, contextWindow: 32_000 }),
  ep('ollama', 'llama3:70b', M, {}),
  ep('openai', 'gpt-4o-mini', 'openai/gpt-4o-mini', { price: { inputPerMTok: 0.15, outputPerMTok: 0.6 } }),
];
const descriptors = new Map(['groq', 'together', 'fireworks', 'openai'].map((id) => [id, descriptor(id)]));
descriptors.set('ollama', descriptor('ollama', { local: true }));

function ctx(extra: Partial<PlanContext> = {}): PlanContext {
  return {
    catalog: new MemoryCatalog(endpoints),
    descriptorOf: (id) => descriptors.get(id),
    hasKey: () => true,
    isKeyBad: () => false,
    ...extra,
  };
}
const order = (models: string[], prefs: RoutePreferences = {}, c: Partial<PlanContext> = {}) =>
  planRoute({ models }, mergePreferences(prefs), ctx(c)).candidates.map((x) => x.endpoint.provider);

describe('planRoute', () => {
  it('sorts by blended price, local hosts first (free)', () => {
    assert.deepEqual(order([M], { sort: 'price' }), ['ollama', 'fireworks', 'groq', 'together']);
  });

  it('sorts by measured latency and throughput, falling back to priors for unknown hosts', () => {
    const clock = new FakeClock();
    const health = new HealthBoard({ clock });
    health.recordSuccess({ provider: 'together', modelId: 'llama-70b-turbo' }, { ttftMs: 200, tokensPerSec: 300 });
    health.recordSuccess({ provider: 'groq', modelId: 'llama-70b' }, { ttftMs: 900, tokensPerSec: 800 });
    assert.deepEqual(order([M], { sort: 'latency' }, { health }).slice(0, 2), ['together', 'groq']);
    assert.deepEqual(order([M], { sort: 'throughput' }, { health }).slice(0, 2), ['groq', 'together']);
  });

  it('balanced weighs price against latency', () => {
    const health = new HealthBoard({ clock: new FakeClock() });
    // fireworks is 3x cheaper than groq but 10x slower: latency costs it more than price saves.
    health.recordSuccess({ provider: 'fireworks', modelId: 'llama-v3-70b' }, { ttftMs: 5000 });
    health.recordSuccess({ provider: 'groq', modelId: 'llama-70b' }, { ttftMs: 150 });
    health.recordSuccess({ provider: 'ollama', modelId: 'llama3:70b' }, { ttftMs: 6000 });
    const got = order([M], { sort: 'balanced' }, { health });
    assert.ok(got.indexOf('groq') < got.indexOf('fireworks'), got.join());
  });

  it('applies only, ignore, the workspace allow-list and data policy, with reasons', () => {
    const plan = planRoute(
      { models: [M] },
      mergePreferences({ allowedProviders: ['groq', 'together', 'ollama'] }, {}, { ignore: ['together'], noTraining: true }),
      ctx(),
    );
    assert.deepEqual(plan.candidates.map((c) => c.endpoint.provider).sort(), ['groq', 'ollama']);
    const why = Object.fromEntries(plan.skipped.map((s) => [s.endpoint.provider, s.code]));
    assert.deepEqual(why, { together: 'ignore', fireworks: 'not-allowed' });
    assert.deepEqual(order([M], { only: ['fireworks'] }), ['fireworks']);
  });

  it('skips hosts over the max price and hosts with an unknown price, but not local ones', () => {
    const plan = planRoute({ models: [M] }, mergePreferences({ maxPrice: { inputPerMTok: 0.7 } }), ctx());
    assert.deepEqual(plan.candidates.map((c) => c.endpoint.provider).sort(), ['fireworks', 'groq', 'ollama']);
    assert.equal(plan.skipped[0].code, 'max-price');
  });

  it('skips providers without a key (keyless local ones stay) and providers with a rejected key', () => {
    const plan = planRoute({ models: [M] }, mergePreferences(), ctx({ hasKey: (p) => p !== 'groq', isKeyBad: (p) => p === 'together' }));
    const why = Object.fromEntries(plan.skipped.map((s) => [s.endpoint.provider, s.reason]));
    assert.equal(why.groq, 'no key');
    assert.match(why.together, /rejected/);
    assert.ok(plan.candidates.some((c) => c.endpoint.provider === 'ollama'));
  });

  it('keeps the order of a fallback list, expands pinned models and never plans an endpoint twice', () => {
    const plan = planRoute({ models: ['openai/gpt-4o-mini', 'groq:llama-70b', M] }, mergePreferences({ sort: 'price' }), ctx());
    assert.deepEqual(
      plan.candidates.map((c) => c.key),
      ['openai:gpt-4o-mini', 'groq:llama-70b', 'ollama:llama3:70b', 'fireworks:llama-v3-70b', 'together:llama-70b-turbo'],
    );
    assert.equal(plan.skipped.find((s) => s.key === 'groq:llama-70b')?.code, 'duplicate');
  });

  it('treats model ids with colons as canonical unless the prefix is a provider', () => {
    const plan = planRoute({ models: ['meta-llama/llama-3.1-8b:free', 'nope:x'] }, mergePreferences(), ctx());
    assert.deepEqual(plan.unknownModels, ['meta-llama/llama-3.1-8b:free', 'nope:x']);
  });

  it('appends comparable models only when opted in, marked as such', () => {
    const prefs = { comparableModels: { 'openai/gpt-4o-mini': [M] } };
    assert.equal(planRoute({ models: ['openai/gpt-4o-mini'] }, mergePreferences(prefs), ctx()).candidates.length, 1);
    const plan = planRoute({ models: ['openai/gpt-4o-mini'] }, mergePreferences(prefs, { allowComparableFallback: true }), ctx());
    assert.equal(plan.candidates.length, 5);
    assert.equal(plan.candidates[1].comparableOf, 'openai/gpt-4o-mini');
  });

  it('skips hosts behind an open breaker, and with none left uses the one reopening first as the probe', () => {
    const clock = new FakeClock();
    const health = new HealthBoard({ clock });
    const net = new ProviderError({ category: 'network', provider: 'groq', message: 'down' });
    for (let i = 0; i < 3; i++) health.recordFailure({ provider: 'groq', modelId: 'llama-70b' }, net);
    const plan = planRoute({ models: ['groq:llama-70b', 'openai/gpt-4o-mini'] }, mergePreferences(), ctx({ health, now: clock.now() }));
    assert.deepEqual(
      plan.candidates.map((c) => c.key),
      ['openai:gpt-4o-mini'],
    );
    assert.match(plan.skipped[0].reason, /circuit open; next probe in 30 s/);
    const alone = planRoute({ models: ['groq:llama-70b'] }, mergePreferences(), ctx({ health }));
    assert.equal(alone.candidates[0].lastResort, true);
  });

  it('moves a host low on rate-limit headroom below the others, before it returns a 429', () => {
    const health = new HealthBoard({ clock: new FakeClock() });
    health.recordRateLimit({ provider: 'ollama', modelId: 'llama3:70b' }, { requestsLimit: 100, requestsRemaining: 3, resetMs: 60_000 });
    assert.deepEqual(order([M], { sort: 'price' }, { health }), ['fireworks', 'groq', 'together', 'ollama']);
  });

  it('puts the conversation affinity endpoint first in its group while it is healthy', () => {
    assert.equal(order([M], { sort: 'price' }, { affinityKey: 'together:llama-70b-turbo' })[0], 'together');
  });
});
