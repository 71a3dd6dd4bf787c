import * as assert from 'node:assert/strict';
import { ProviderError } from '../../../src/core/errors';
import { toTransportError } from '../../../src/core/http/client';

describe('toTransportError (what a failed socket tells the router)', () => {
  it('reports each undici timeout as a retryable timeout that names the phase and the host', () => {
    const cases: [string, RegExp][] = [
      ['UND_ERR_CONNECT_TIMEOUT', /^Connecting timed out \(openai\)\.$/],
      ['UND_ERR_HEADERS_TIMEOUT', /^No response before the first-byte timeout \(openai\)\.$/],
      ['UND_ERR_BODY_TIMEOUT', /^The stream went silent longer than the idle timeout \(openai\)\.$/],
    ];
    for (const [code, message] of cases) {
      const e = toTransportError(Object.assign(new Error('x'), { code }), 'openai', false);
      assert.equal(e.category, 'timeout', code);
      assert.equal(e.retryable, true, code);
      assert.equal(e.code, code);
      assert.match(e.message, message);
    }
  });

  it('finds the code on the cause, as fetch-style errors carry it', () => {
    const e = toTransportError({ message: 'fetch failed', cause: { code: 'UND_ERR_CONNECT_TIMEOUT' } }, 'groq', false);
    assert.equal(e.category, 'timeout');
    assert.equal(e.code, 'UND_ERR_CONNECT_TIMEOUT');
  });

  it('reads every form of abort as a cancellation that is never retried', () => {
    const aborts: unknown[] = [
      Object.assign(new Error('aborted'), { name: 'AbortError' }),
      { code: 'UND_ERR_ABORTED' },
      { code: 'ABORT_ERR' },
      { cause: { code: 'UND_ERR_ABORTED' } },
    ];
    for (const a of aborts) {
      const e = toTransportError(a, 'openai', true);
      assert.equal(e.category, 'cancelled');
      assert.equal(e.retryable, false);
      assert.equal(e.outputStarted, true);
      assert.equal(e.message, 'Request cancelled.');
    }
  });

  it('reports other failures as retryable network errors naming the code, else the message', () => {
    const reset = toTransportError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), 'mistral', true);
    assert.equal(reset.category, 'network');
    assert.equal(reset.retryable, true);
    assert.equal(reset.outputStarted, true);
    assert.equal(reset.code, 'ECONNRESET');
    assert.equal(reset.message, 'Network error talking to mistral: ECONNRESET.');
    assert.equal(
      toTransportError(new Error('other side closed'), 'mistral', false).message,
      'Network error talking to mistral: other side closed.',
    );
    assert.equal(toTransportError({}, 'mistral', false).message, 'Network error talking to mistral: unknown.');
    assert.equal(toTransportError(undefined, 'mistral', false).category, 'network');
  });

  it('keeps a typed error as it is, marking output started when either side knows it', () => {
    const typed = new ProviderError({ category: 'rate_limit', provider: 'openai', message: 'slow down', retryAfterMs: 60_000 });
    assert.equal(toTransportError(typed, 'other', false), typed);
    const marked = toTransportError(typed, 'other', true);
    assert.equal(marked.outputStarted, true);
    assert.equal(marked.retryAfterMs, 60_000);
    assert.equal(marked.provider, 'openai');
    const started = typed.withOutputStarted(true);
    assert.equal(toTransportError(started, 'openai', false).outputStarted, true);
  });
});
