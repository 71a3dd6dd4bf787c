import * as assert from 'node:assert/strict';
import { rateLimitRetryHint } from '../../../src/core/http/rate-limit';

describe('rateLimitRetryHint (a 429 without retry-after)', () => {
  it('waits for the exhausted window, not the soonest one', () => {
    const h = {
      'x-ratelimit-remaining-requests': '0',
      'x-ratelimit-reset-requests': '20s',
      'x-ratelimit-remaining-tokens': '900',
      'x-ratelimit-reset-tokens': '250ms',
    };
    assert.equal(rateLimitRetryHint(h, 'openai'), 20_000);
  });

  it('takes the latest reset when several windows are at zero, and the soonest when none is', () => {
    assert.equal(
      rateLimitRetryHint(
        {
          'x-ratelimit-remaining-requests': '0',
          'x-ratelimit-reset-requests': '2s',
          'x-ratelimit-remaining-tokens': '0',
          'x-ratelimit-reset-tokens': '1m30s',
        },
        'openai',
      ),
      90_000,
    );
    assert.equal(
      rateLimitRetryHint(
        { 'x-ratelimit-remaining-requests': '3', 'x-ratelimit-reset-requests': '2s', 'x-ratelimit-reset-tokens': '1m' },
        'openai',
      ),
      2000,
    );
  });

  it("reads Anthropic's RFC 3339 reset times against the clock", () => {
    const now = Date.parse('2026-11-25T12:00:00Z');
    const h = {
      'anthropic-ratelimit-requests-remaining': '40',
      'anthropic-ratelimit-requests-reset': '2026-11-25T12:00:01Z',
      'anthropic-ratelimit-output-tokens-remaining': '0',
      'anthropic-ratelimit-output-tokens-reset': '2026-11-25T12:00:45Z',
    };
    assert.equal(rateLimitRetryHint(h, 'anthropic', now), 45_000);
  });

  it('gives no hint without reset headers or for a scheme without them', () => {
    assert.equal(rateLimitRetryHint({ 'x-ratelimit-remaining-requests': '0' }, 'openai'), undefined);
    assert.equal(rateLimitRetryHint({ 'x-ratelimit-reset-requests': '2s' }, 'none'), undefined);
  });
});
