import * as assert from 'node:assert/strict';
import { ProviderError } from '../../../../src/core/errors';
import { ANTHROPIC_PRESET, parseAnthropicErrorBody } from '../../../../src/core/providers/anthropic';
import { errorFromBody } from '../../../../src/core/providers/http-error';
import { TurnAccumulator } from '../../../../src/app/chat/turn-accumulator';

function acc() {
  let t = 1000;
  return new TurnAccumulator(
    { now: () => (t += 10) },
    (id) => id.toUpperCase(),
    (s) => s,
  );
}

describe('TurnAccumulator metadata', () => {
  it('merges metadata pieces from one provider (headers first, then the first chunk)', () => {
    const a = acc();
    a.apply({ type: 'response-metadata', provider: 'openrouter', requestId: 'req_1' });
    a.apply({ type: 'response-metadata', provider: 'openrouter', modelId: 'anthropic/claude-sonnet-4.5', upstreamProvider: 'Anthropic' });
    a.apply({ type: 'response-metadata', provider: 'openrouter', requestId: 'gen-2' });
    a.apply({ type: 'text-delta', text: 'hi' });
    const meta = a.result(false).meta;
    assert.equal(meta.servedModelId, 'anthropic/claude-sonnet-4.5');
    assert.equal(meta.upstreamProvider, 'Anthropic');
  });

  it('starts over when a fallback moved to another provider', () => {
    const a = acc();
    a.apply({ type: 'response-metadata', provider: 'openrouter', modelId: 'x/y', upstreamProvider: 'Groq' });
    a.apply({ type: 'response-metadata', provider: 'anthropic', requestId: 'req_2' });
    a.apply({ type: 'text-delta', text: 'hi' });
    const meta = a.result(false).meta;
    assert.equal(meta.provider, 'anthropic');
    assert.equal(meta.upstreamProvider, undefined);
    assert.equal(meta.servedModelId, undefined);
  });
});

describe('TurnAccumulator attempts', () => {
  const endpoint = (provider: string) => ({
    canonicalModel: 'acme/m',
    provider,
    modelId: 'm',
    capabilities: { images: false, reasoning: false, tools: false },
    source: 'bundled' as const,
  });
  const usage = { inputTokens: 12, outputTokens: 40, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };

  it('a stopped answer shows the streaming attempt’s counted tokens, cost and speed', () => {
    const a = acc();
    a.apply({ type: 'text-delta', text: 'word0 ' });
    a.apply({ type: 'text-delta', text: 'word1 ' });
    const attempt = {
      endpoint: endpoint('openai'),
      outcome: 'cancelled' as const,
      retry: 0,
      fallback: false,
      startedAt: 1000,
      durationMs: 500,
      ttftMs: 20,
      usage,
      usageEstimated: true,
      charge: { usd: 0.002, status: 'estimated' as const },
    };
    a.apply({ type: 'attempt', attempt });
    a.apply({ type: 'route-report', report: { attempts: [attempt], strategy: 'balanced' } });
    const meta = a.result(true).meta;
    assert.deepEqual(meta.usage, usage);
    assert.equal(meta.usageEstimated, true);
    assert.deepEqual(meta.charge, { usd: 0.002, status: 'estimated' });
    assert.equal(meta.ttftMs, 20);
    assert.equal(meta.finishReason, 'cancelled');
  });

  it('a failed try at the endpoint that then answered is a retry, not a fallback', () => {
    const a = acc();
    const failed = {
      endpoint: endpoint('openai'),
      outcome: 'failed' as const,
      retry: 0,
      fallback: false,
      startedAt: 1000,
      durationMs: 5,
      status: 503,
      reason: 'busy',
    };
    const ok = {
      endpoint: endpoint('openai'),
      outcome: 'success' as const,
      retry: 1,
      fallback: false,
      startedAt: 1100,
      durationMs: 50,
      ttftMs: 5,
      usage,
    };
    const other = {
      endpoint: endpoint('groq'),
      outcome: 'failed' as const,
      retry: 0,
      fallback: true,
      startedAt: 1050,
      durationMs: 5,
      status: 500,
      reason: 'down',
    };
    a.apply({ type: 'text-delta', text: 'hi' });
    a.apply({ type: 'route-report', report: { attempts: [failed, other, ok], servedBy: endpoint('openai'), strategy: 'balanced' } });
    assert.deepEqual(
      (a.result(false).meta.fallbacks ?? []).map((f) => f.provider),
      ['groq'],
    );
  });

  it('a no-route error from the router is Switchboard’s, with its own hint and no provider advice', () => {
    const a = acc();
    a.apply({
      type: 'error',
      error: new ProviderError({
        category: 'auth',
        provider: 'switchboard',
        message: 'No endpoint can serve acme/m. openai:m: no key. Set a key with "Switchboard: Set API Key".',
        retryable: false,
      }),
    });
    const err = a.result(false).error!;
    assert.match(err.message, /^Switchboard: No endpoint can serve/);
    assert.equal(err.advice, undefined, 'not "The switchboard key was rejected"');
  });

  it('names the provider once and gives its advice once', () => {
    const a = new TurnAccumulator(
      { now: () => 0 },
      () => 'Anthropic',
      (s) => s,
    );
    // As the router passes it on: its own sentence after the provider's advice.
    const e = errorFromBody(503, {}, 'upstream connect error', ANTHROPIC_PRESET, parseAnthropicErrorBody);
    a.apply({
      type: 'error',
      error: new ProviderError({ ...e.toInit(), message: `${e.message} Gave up after 2 attempts (the maximum).` }),
    });
    const err = a.result(false).error!;
    const shown = `${err.message} ${err.advice ?? ''}`;
    assert.equal(shown.split('Anthropic').length - 1, 2, `${shown}: once in the message, once in the advice`);
    assert.match(
      err.message,
      /^Anthropic returned HTTP 503 with an unrecognised body: upstream connect error\. Gave up after 2 attempts \(the maximum\)\.$/,
    );
    assert.ok(err.advice && !err.message.includes(err.advice), 'the advice is not repeated in the message');
  });
});

describe('TurnAccumulator timings under a clock step', () => {
  it('measures the turn on the monotonic clock when the wall clock steps back 3 s', () => {
    const clock = {
      wall: 1_700_000_000_000,
      mono: 100,
      now() {
        return this.wall;
      },
      monotonic() {
        return this.mono;
      },
    };
    const a = new TurnAccumulator(
      clock,
      (id) => id,
      (s) => s,
    );
    clock.wall += 40;
    clock.mono += 40;
    a.apply({ type: 'text-delta', text: 'hi' });
    clock.wall -= 3000;
    clock.mono += 10;
    const meta = a.result(false).meta;
    assert.equal(meta.ttftMs, 40);
    assert.equal(meta.durationMs, 50);
  });

  it('clamps and drops bad numbers from a provider instead of showing them', () => {
    const logged: string[] = [];
    const a = new TurnAccumulator(
      { now: () => 0 },
      (id) => id,
      (s) => s,
      (m) => logged.push(m),
    );
    const endpoint = {
      canonicalModel: 'acme/m',
      provider: 'openai',
      modelId: 'm',
      capabilities: { images: false, reasoning: false, tools: false },
      source: 'bundled' as const,
    };
    const usage = { inputTokens: -5, outputTokens: 1e15, cacheReadTokens: Number.NaN, cacheWriteTokens: 0, reasoningTokens: 2 };
    const attempt = {
      endpoint,
      outcome: 'success' as const,
      retry: 0,
      fallback: false,
      startedAt: 0,
      durationMs: -2990,
      ttftMs: -4,
      usage,
      charge: { usd: -0.5, status: 'exact' as const },
    };
    a.apply({ type: 'text-delta', text: 'hi' });
    a.apply({ type: 'route-report', report: { attempts: [attempt], servedBy: endpoint, strategy: 'balanced' } });
    const meta = a.result(false).meta;
    assert.deepEqual(meta.usage, { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 2 });
    assert.equal(meta.ttftMs, 0, 'the provider-side figure is dropped for the one measured here');
    assert.equal(meta.charge?.usd, undefined);
    assert.ok(logged.some((l) => /inputTokens/.test(l)) && logged.some((l) => /ttftMs/.test(l)), logged.join('\n'));
  });
});
