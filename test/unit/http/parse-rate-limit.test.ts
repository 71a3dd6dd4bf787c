import * as assert from 'node:assert/strict';
import { parseDuration, parseRateLimit, rateLimitRetryHint } from '../../../src/core/http/rate-limit';

describe('parseRateLimit (headroom shown per host)', () => {
  it('reads all four OpenAI-style counters and the soonest reset', () => {
    const snap = parseRateLimit(
      {
        'x-ratelimit-limit-requests': '500',
        'x-ratelimit-remaining-requests': '499',
        'x-ratelimit-limit-tokens': '30000',
        'x-ratelimit-remaining-tokens': '29000',
        'x-ratelimit-reset-requests': '6m0s',
        'x-ratelimit-reset-tokens': '1.5s',
      },
      'openai',
    );
    assert.deepEqual(snap, { requestsLimit: 500, requestsRemaining: 499, tokensLimit: 30000, tokensRemaining: 29000, resetMs: 1500 });
  });

  it('reads Anthropic counters and reset times against the clock, the soonest winning', () => {
    const now = Date.parse('2026-11-25T12:00:00Z');
    const snap = parseRateLimit(
      {
        'anthropic-ratelimit-requests-limit': '50',
        'anthropic-ratelimit-requests-remaining': '49',
        'anthropic-ratelimit-tokens-limit': '80000',
        'anthropic-ratelimit-tokens-remaining': '70000',
        'anthropic-ratelimit-requests-reset': '2026-11-25T12:00:30Z',
        'anthropic-ratelimit-tokens-reset': '2026-11-25T12:00:10Z',
        'anthropic-ratelimit-input-tokens-reset': '2026-11-25T12:00:20Z',
        'anthropic-ratelimit-output-tokens-reset': '2026-11-25T12:00:40Z',
      },
      'anthropic',
      now,
    );
    assert.deepEqual(snap, { requestsLimit: 50, requestsRemaining: 49, tokensLimit: 80000, tokensRemaining: 70000, resetMs: 10_000 });
  });

  it('falls back to the input-token window when Anthropic sends no combined token counters', () => {
    const snap = parseRateLimit(
      { 'anthropic-ratelimit-input-tokens-limit': '40000', 'anthropic-ratelimit-input-tokens-remaining': '100' },
      'anthropic',
    );
    assert.deepEqual(snap, { requestsLimit: undefined, requestsRemaining: undefined, tokensLimit: 40000, tokensRemaining: 100 });
  });

  it('counts a reset already past as zero and ignores a reset it cannot read', () => {
    const now = Date.parse('2026-11-25T12:00:00Z');
    const past = parseRateLimit({ 'anthropic-ratelimit-requests-reset': '2026-11-25T11:59:00Z' }, 'anthropic', now);
    assert.equal(past?.resetMs, 0);
    const garbled = parseRateLimit(
      { 'anthropic-ratelimit-requests-remaining': '3', 'anthropic-ratelimit-requests-reset': 'soon' },
      'anthropic',
      now,
    );
    assert.equal(garbled?.requestsRemaining, 3);
    assert.equal(garbled?.resetMs, undefined);
  });

  it('drops a counter that is not a finite number instead of showing NaN', () => {
    const snap = parseRateLimit({ 'x-ratelimit-remaining-requests': 'abc', 'x-ratelimit-limit-requests': '10' }, 'openai');
    assert.equal(snap?.requestsRemaining, undefined);
    assert.equal(snap?.requestsLimit, 10);
  });

  it('gives nothing when no header is present, or for a host without such headers', () => {
    assert.equal(parseRateLimit({ 'content-type': 'text/event-stream' }, 'openai'), undefined);
    assert.equal(parseRateLimit({ 'content-type': 'text/event-stream' }, 'anthropic'), undefined);
    assert.equal(parseRateLimit({ 'x-ratelimit-remaining-requests': '5' }, 'none'), undefined);
  });
});

describe('parseDuration (OpenAI reset durations)', () => {
  it('adds hours, minutes, seconds and milliseconds', () => {
    assert.equal(parseDuration('1h2m3.5s'), 3_600_000 + 120_000 + 3500);
    assert.equal(parseDuration('250ms'), 250);
    assert.equal(parseDuration('6m0s'), 360_000);
    assert.equal(parseDuration('2h'), 7_200_000);
  });

  it('reads a bare number as seconds and rejects what is neither', () => {
    assert.equal(parseDuration('7'), 7000);
    assert.equal(parseDuration('0.5'), 500);
    assert.equal(parseDuration('later'), undefined);
    assert.equal(parseDuration(''), undefined);
    assert.equal(parseDuration(undefined), undefined);
  });
});

describe('rateLimitRetryHint edge cases', () => {
  it('ignores a window without a reset time even when it is exhausted', () => {
    const h = { 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-remaining-tokens': '5', 'x-ratelimit-reset-tokens': '3s' };
    assert.equal(rateLimitRetryHint(h, 'openai'), 3000);
  });

  it('treats an unreadable remaining count as unknown, not as exhausted', () => {
    const h = {
      'x-ratelimit-remaining-requests': 'n/a',
      'x-ratelimit-reset-requests': '30s',
      'x-ratelimit-remaining-tokens': '10',
      'x-ratelimit-reset-tokens': '2s',
    };
    assert.equal(rateLimitRetryHint(h, 'openai'), 2000);
  });

  it('waits at least zero for an Anthropic reset already past, and reads the input-token window', () => {
    const now = Date.parse('2026-11-25T12:00:00Z');
    const h = {
      'anthropic-ratelimit-input-tokens-remaining': '0',
      'anthropic-ratelimit-input-tokens-reset': '2026-11-25T11:59:00Z',
      'anthropic-ratelimit-requests-remaining': '9',
      'anthropic-ratelimit-requests-reset': '2026-11-25T12:00:05Z',
    };
    assert.equal(rateLimitRetryHint(h, 'anthropic', now), 0);
  });

  it('takes the soonest Anthropic reset when no window is at zero', () => {
    const now = Date.parse('2026-11-25T12:00:00Z');
    const h = {
      'anthropic-ratelimit-tokens-remaining': '500',
      'anthropic-ratelimit-tokens-reset': '2026-11-25T12:00:08Z',
      'anthropic-ratelimit-requests-reset': '2026-11-25T12:00:03Z',
    };
    assert.equal(rateLimitRetryHint(h, 'anthropic', now), 3000);
  });
});

describe('rate-limit headers of other schemes', () => {
  it('reads nothing for a host without rate-limit headers, even if it sends Anthropic-named ones', () => {
    const h = { 'anthropic-ratelimit-requests-remaining': '0', 'anthropic-ratelimit-requests-reset': '2026-11-25T12:00:05Z' };
    assert.equal(parseRateLimit(h, 'none'), undefined);
    assert.equal(rateLimitRetryHint(h, 'none', Date.parse('2026-11-25T12:00:00Z')), undefined);
  });

  it('reads each Anthropic window on its own', () => {
    const now = Date.parse('2026-11-25T12:00:00Z');
    for (const k of ['requests', 'tokens', 'input-tokens', 'output-tokens']) {
      const h = { [`anthropic-ratelimit-${k}-remaining`]: '0', [`anthropic-ratelimit-${k}-reset`]: '2026-11-25T12:00:07Z' };
      assert.equal(parseRateLimit(h, 'anthropic', now)?.resetMs, 7000, k);
      assert.equal(rateLimitRetryHint(h, 'anthropic', now), 7000, k);
    }
  });

  it('reads fractional seconds with more than one decimal', () => {
    assert.equal(parseDuration('1.25s'), 1250);
  });
});
