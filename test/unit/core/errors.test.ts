// The error value every layer passes on: how an HTTP status is categorised, whether it may be
// retried, how long a host asks us to wait, and what the user is told to do about it.
import * as assert from 'node:assert/strict';
import { adviceFor, categoryForStatus, parseRetryAfter, ProviderError, type ErrorCategory } from '../../../src/core/errors';

const headers =
  (h: Record<string, string>) =>
  (name: string): string | undefined =>
    h[name];

describe('categoryForStatus', () => {
  it('maps each status a host sends to what the user can do about it', () => {
    const cases: [number, ErrorCategory][] = [
      [401, 'auth'],
      [402, 'payment'],
      [403, 'permission'],
      [404, 'not_found'],
      [408, 'timeout'],
      [413, 'context_length'],
      [429, 'rate_limit'],
      [503, 'overloaded'],
      [529, 'overloaded'],
      [500, 'server'],
      [502, 'server'],
      [599, 'server'],
      [400, 'bad_request'],
      [422, 'bad_request'],
      [499, 'bad_request'],
      [399, 'protocol'],
      [200, 'protocol'],
    ];
    for (const [status, category] of cases) assert.equal(categoryForStatus(status), category, `status ${status}`);
  });
});

describe('ProviderError', () => {
  it('is retryable by default only for transient categories', () => {
    const transient: ErrorCategory[] = ['rate_limit', 'overloaded', 'server', 'network', 'timeout'];
    const final: ErrorCategory[] = ['auth', 'permission', 'not_found', 'bad_request', 'context_length', 'content_policy'];
    for (const category of [...final, 'cancelled', 'protocol', 'budget', 'payment'] as ErrorCategory[]) {
      assert.equal(new ProviderError({ category, provider: 'p', message: 'm' }).retryable, false, category);
    }
    for (const category of transient) assert.equal(new ProviderError({ category, provider: 'p', message: 'm' }).retryable, true, category);
  });

  it('keeps a retryable flag set where it was made, either way', () => {
    assert.equal(new ProviderError({ category: 'server', provider: 'p', message: 'm', retryable: false }).retryable, false);
    assert.equal(new ProviderError({ category: 'bad_request', provider: 'p', message: 'm', retryable: true }).retryable, true);
  });

  it('marks output as not started unless told, and carries every field it was built with', () => {
    const cause = new Error('socket hang up');
    const e = new ProviderError({
      category: 'rate_limit',
      provider: 'groq',
      message: 'slow down',
      status: 429,
      retryAfterMs: 1500,
      code: 'rate_limit_exceeded',
      cause,
    });
    assert.equal(e.name, 'ProviderError');
    assert.ok(e instanceof Error);
    assert.equal(e.outputStarted, false);
    assert.equal(e.cause, cause);
    assert.deepEqual(
      [e.category, e.provider, e.message, e.status, e.retryAfterMs, e.code],
      ['rate_limit', 'groq', 'slow down', 429, 1500, 'rate_limit_exceeded'],
    );
    assert.equal('cause' in new ProviderError({ category: 'server', provider: 'p', message: 'm' }), false);
  });

  it('a copy marked as started keeps everything else, so the router never retries it', () => {
    const cause = new Error('reset');
    const e = new ProviderError({
      category: 'network',
      provider: 'openai',
      message: 'reset',
      status: 502,
      retryAfterMs: 10,
      code: 'x',
      cause,
    });
    const started = e.withOutputStarted(true);
    assert.notEqual(started, e);
    assert.equal(started.outputStarted, true);
    assert.equal(e.outputStarted, false, 'the original is unchanged');
    assert.deepEqual({ ...started.toInit(), outputStarted: false }, e.toInit());
    assert.equal(started.cause, cause);
    assert.equal(started.retryable, true);
    assert.equal(e.withOutputStarted(false), e, 'nothing to change: the same error');
    assert.equal(started.withOutputStarted(true), started);
    assert.equal(started.withOutputStarted(false).outputStarted, false);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');

  it('reads seconds, milliseconds and the Azure header, the millisecond ones first', () => {
    assert.equal(parseRetryAfter(headers({ 'retry-after': '60' }), now), 60_000);
    assert.equal(parseRetryAfter(headers({ 'retry-after': '1.5' }), now), 1500);
    assert.equal(parseRetryAfter(headers({ 'retry-after-ms': '250', 'retry-after': '60' }), now), 250);
    assert.equal(parseRetryAfter(headers({ 'x-ms-retry-after-ms': '700', 'retry-after': '60' }), now), 700);
    assert.equal(parseRetryAfter(headers({ 'retry-after-ms': '0' }), now), 0);
    assert.equal(parseRetryAfter(headers({ 'retry-after': '0' }), now), 0);
  });

  it('skips a blank or nonsense millisecond header and falls back to the next one', () => {
    assert.equal(parseRetryAfter(headers({ 'retry-after-ms': '  ', 'x-ms-retry-after-ms': '900' }), now), 900);
    assert.equal(parseRetryAfter(headers({ 'retry-after-ms': 'soon', 'retry-after': '2' }), now), 2000);
    assert.equal(parseRetryAfter(headers({ 'retry-after-ms': '-5', 'retry-after': '3' }), now), 3000);
    assert.equal(parseRetryAfter(headers({ 'retry-after-ms': 'Infinity' }), now), undefined);
  });

  it('reads an HTTP date as the time left, never negative', () => {
    assert.equal(parseRetryAfter(headers({ 'retry-after': 'Sun, 01 Mar 2026 12:00:30 GMT' }), now), 30_000);
    assert.equal(parseRetryAfter(headers({ 'retry-after': 'Sun, 01 Mar 2026 11:59:00 GMT' }), now), 0);
  });

  it('caps every form at a day', () => {
    const day = 24 * 3600 * 1000;
    assert.equal(parseRetryAfter(headers({ 'retry-after-ms': String(2 * day) }), now), day);
    assert.equal(parseRetryAfter(headers({ 'retry-after': String(3 * 86_400) }), now), day);
    assert.equal(parseRetryAfter(headers({ 'retry-after': 'Thu, 05 Mar 2026 12:00:00 GMT' }), now), day);
  });

  it('says nothing when the header is absent, blank, negative or unreadable', () => {
    assert.equal(parseRetryAfter(headers({}), now), undefined);
    assert.equal(parseRetryAfter(headers({ 'retry-after': ' ' }), now), undefined);
    assert.equal(parseRetryAfter(headers({ 'retry-after': '-1' }), now), undefined);
    assert.equal(parseRetryAfter(headers({ 'retry-after': 'later please' }), now), undefined);
  });

  it('measures a date from the current time when none is given', () => {
    const inTenMinutes = new Date(Date.now() + 600_000).toUTCString();
    const ms = parseRetryAfter(headers({ 'retry-after': inTenMinutes }));
    assert.ok(ms !== undefined && ms > 590_000 && ms <= 600_000, String(ms));
  });
});

describe('adviceFor', () => {
  const all: ErrorCategory[] = [
    'auth',
    'permission',
    'payment',
    'not_found',
    'context_length',
    'content_policy',
    'rate_limit',
    'overloaded',
    'server',
    'network',
    'timeout',
    'cancelled',
    'protocol',
    'budget',
    'bad_request',
  ];

  it('gives each category its own advice, naming the provider where one is at fault', () => {
    const advice = all.map((c) => adviceFor(c, 'Acme Cloud'));
    assert.equal(new Set(advice).size, all.length, 'no two categories share advice');
    const hostless: ErrorCategory[] = ['context_length', 'cancelled', 'budget'];
    all.forEach((c, i) => {
      assert.ok(advice[i].length > 20, c);
      assert.equal(advice[i].includes('Acme Cloud'), !hostless.includes(c), c);
    });
  });

  it('tells the user the action that fixes it', () => {
    assert.match(adviceFor('auth', 'OpenAI'), /^The OpenAI key was rejected\. .*"Switchboard: Set API Key"/);
    assert.match(adviceFor('payment', 'OpenAI'), /out of credits/);
    assert.match(adviceFor('context_length', 'OpenAI'), /larger window/);
    assert.match(adviceFor('rate_limit', 'OpenAI'), /rate-limiting/);
    assert.match(adviceFor('network', 'OpenAI'), /proxy settings and the provider's base URL/);
    assert.match(adviceFor('timeout', 'OpenAI'), /raise the timeouts/);
    assert.match(adviceFor('budget', 'OpenAI'), /budget limit was reached/);
    assert.equal(adviceFor('cancelled', 'OpenAI'), 'The request was cancelled.');
  });
});
