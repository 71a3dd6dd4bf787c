// GET /v1/models against a scripted host: the page size asked for, the page limit against a host
// that never stops, and each way a listing fails, without the key in any message.
import * as assert from 'node:assert/strict';
import { ProviderError } from '../../../../src/core/errors';
import type { HttpRequest, HttpTransport } from '../../../../src/core/http/client';
import { anthropicAdapter } from '../../../../src/core/providers/anthropic/adapter';
import { ANTHROPIC_PRESET } from '../../../../src/core/providers/anthropic/preset';

// No vendor shape: only the adapter's own list of secrets can scrub it.
const KEY = 'gateway-token-SENTINEL-listing-0123456789';

/** A transport answering each GET with `reply(pageNumber)`, recording the requests. */
function scripted(reply: (page: number) => { status: number; body: string }) {
  const requests: HttpRequest[] = [];
  const http: HttpTransport = {
    send: async (req) => {
      requests.push(req);
      const { status, body } = reply(requests.length - 1);
      return {
        status,
        headers: { 'content-type': 'application/json' },
        body: (async function* () {
          yield new TextEncoder().encode(body);
        })(),
        text: async () => body,
        dump: async () => undefined,
      };
    },
  };
  return { requests, list: () => anthropicAdapter.listModels({ descriptor: ANTHROPIC_PRESET, http, apiKey: KEY }) };
}

const page = (ids: string[], hasMore: boolean) =>
  JSON.stringify({ data: ids.map((id) => ({ id })), has_more: hasMore, last_id: ids.at(-1) ?? null });

async function failure(list: () => Promise<unknown>): Promise<ProviderError> {
  try {
    await list();
  } catch (e) {
    assert.ok(e instanceof ProviderError);
    return e;
  }
  throw new Error('expected the listing to fail');
}

describe('anthropic listModels against a scripted host', () => {
  it('asks for JSON pages of 1000 models with GET, the cursor from the second page on', async () => {
    const host = scripted((n) => ({ status: 200, body: n === 0 ? page(['a'], true) : page(['b'], false) }));
    assert.deepEqual(
      (await host.list()).map((m) => m.id),
      ['a', 'b'],
    );
    const [first, second] = host.requests;
    assert.equal(first.method, 'GET');
    assert.equal(first.url, 'https://api.anthropic.com/v1/models?limit=1000');
    assert.equal(second.url, 'https://api.anthropic.com/v1/models?limit=1000&after_id=a');
    assert.equal(first.headers?.accept, 'application/json');
    assert.equal(first.provider, 'anthropic');
  });

  it('stops after 50 pages of a host that always has more', async () => {
    const host = scripted((n) => ({ status: 200, body: page([`m${n}`], true) }));
    assert.equal((await host.list()).length, 50);
    assert.equal(host.requests.length, 50);
  });

  it('a 300 or 500 answer is an error even with a listing in it; a quoted key is removed', async () => {
    for (const status of [300, 500]) {
      const host = scripted(() => ({ status, body: page(['a'], false) }));
      const e = await failure(host.list);
      assert.equal(e.status, status);
    }
    const echo = scripted(() => ({
      status: 401,
      body: JSON.stringify({ type: 'error', error: { type: 'authentication_error', message: `invalid x-api-key ${KEY}` } }),
    }));
    const e = await failure(echo.list);
    assert.equal(e.category, 'auth');
    assert.ok(!e.message.includes(KEY), e.message);
  });

  it('a body that is not JSON, or in the wrong shape, is a retryable protocol error saying which', async () => {
    const notJson = await failure(scripted(() => ({ status: 200, body: '<html>' })).list);
    assert.equal(notJson.category, 'protocol');
    assert.equal(notJson.retryable, true);
    assert.equal(notJson.message, "Anthropic's model listing is not JSON.");
    const wrong = await failure(scripted(() => ({ status: 200, body: JSON.stringify({ data: [{ id: 5 }] }) })).list);
    assert.equal(wrong.message, "Anthropic's model listing does not match the expected shape (data.0.id).");
    assert.equal(wrong.provider, 'anthropic');
  });
});
