// A refused call as the user sees it: the category the router acts on, when to retry, and a
// message that says what came back (a vendor message, a proxy's HTML page, garbage or nothing).
import * as assert from 'node:assert/strict';
import type { HttpResponse } from '../../../src/core/http/client';
import { errorFromBody, errorFromResponse, type ErrorBodyParser } from '../../../src/core/providers/http-error';
import { HOST, KEY } from './stream-driver-harness';

/** Reads `{"msg": …, "kind": …, "wait": …}`, the way a family's parser reads its envelope. */
const parse: ErrorBodyParser = (body) => {
  const b = body as { msg?: string; kind?: 'context_length'; wait?: number };
  return b.msg === undefined && b.kind === undefined
    ? undefined
    : { message: b.msg, code: 'vendor_code', category: b.kind, retryAfterMs: b.wait };
};
const fromBody = (status: number, text: string, headers: Record<string, string> = {}) =>
  errorFromBody(status, headers, text, HOST, parse, [KEY]);
const detail = (m: string) => m.slice(0, m.indexOf('. ') + 1);

describe('errors from a refused call', () => {
  it("a vendor's message is quoted, its code and category kept, the key scrubbed", () => {
    const e = fromBody(400, JSON.stringify({ msg: `prompt too long for ${KEY}`, kind: 'context_length' }));
    assert.equal(e.category, 'context_length');
    assert.equal(e.code, 'vendor_code');
    assert.equal(e.status, 400);
    assert.equal(e.provider, 'host');
    assert.ok(!e.message.includes(KEY));
    assert.match(e.message, /^Host returned HTTP 400: prompt too long for /);
  });

  it("a proxy's HTML page is named as one, whether told by the body or the content type", () => {
    for (const [text, headers] of [
      ['  \n<!DOCTYPE html><p>Bad gateway</p>', {}],
      ['<HTML><body>x</body></HTML>', {}],
      [JSON.stringify({ msg: 'looks like JSON', kind: 'context_length' }), { 'content-type': 'text/html; charset=utf-8' }],
    ] as const) {
      const e = fromBody(502, text, headers);
      assert.equal(detail(e.message), 'Host returned an HTML error page (HTTP 502), probably from a proxy or CDN in front of it.', text);
      assert.equal(e.category, 'server', 'an HTML page is classified by its status');
    }
  });

  it('text that only mentions HTML later is an unrecognised body, quoted trimmed', () => {
    assert.equal(detail(fromBody(500, '  oops <html> \n').message), 'Host returned HTTP 500 with an unrecognised body: oops <html>.');
    assert.equal(detail(fromBody(500, '{"other":1}').message), 'Host returned HTTP 500 with an unrecognised body: {"other":1}.');
  });

  it('an empty or blank body says so', () => {
    for (const text of ['', ' \n ']) assert.equal(detail(fromBody(503, text).message), 'Host returned HTTP 503 with an empty body.');
  });

  it('retry-after: the header first, then the body, then a rate limit window', () => {
    const limits = { 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '2s' };
    const d = { ...HOST, rateLimitScheme: 'openai' as const };
    const err = (status: number, text: string, headers: Record<string, string>) => errorFromBody(status, headers, text, d, parse);
    assert.equal(err(429, JSON.stringify({ msg: 'slow', wait: 3000 }), { 'retry-after': '7', ...limits }).retryAfterMs, 7000);
    assert.equal(err(429, JSON.stringify({ msg: 'slow', wait: 3000 }), limits).retryAfterMs, 3000);
    assert.equal(err(429, '', limits).retryAfterMs, 2000);
    assert.equal(err(500, '', limits).retryAfterMs, undefined, 'only a rate limit waits for its window');
  });

  it('a body that fails mid-read still gives the status', async () => {
    let cap: number | undefined;
    const res: HttpResponse = {
      status: 429,
      headers: {},
      body: (async function* () {})(),
      text: async (max) => {
        cap = max;
        throw new Error('reset');
      },
      dump: async () => undefined,
    };
    const e = await errorFromResponse(res, HOST, parse);
    assert.equal(e.category, 'rate_limit');
    assert.equal(detail(e.message), 'Host returned HTTP 429 with an empty body.');
    assert.equal(cap, 64_000);
  });
});
