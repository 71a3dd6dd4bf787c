// The token check on its own: only the exact token passes, and checking it costs no hash per
// request (it runs before every request the gateway serves).
import * as assert from 'node:assert/strict';
import type * as Crypto from 'node:crypto';
import { createRequire } from 'node:module';
import { checkRequest } from '../../../src/gateway/security';

const TOKEN = 'sb-gw-test-token-0123456789abcdef';
const PORT = 4321;
const withToken = (t: string) => ({ host: `127.0.0.1:${PORT}`, authorization: `Bearer ${t}` });

describe('Gateway token check', () => {
  it('passes the exact token and refuses any other, shorter, longer or of the same length', () => {
    assert.equal(checkRequest(withToken(TOKEN), PORT, TOKEN), undefined);
    assert.equal(checkRequest({ host: `localhost:${PORT}`, 'x-api-key': TOKEN }, PORT, TOKEN), undefined);
    for (const wrong of [TOKEN.slice(0, -1), `${TOKEN}0`, `${TOKEN.slice(0, -1)}0`, TOKEN.toUpperCase(), 'x', `${TOKEN}${TOKEN}`])
      assert.equal(checkRequest(withToken(wrong), PORT, TOKEN)?.status, 401, wrong);
    assert.equal(checkRequest({ host: `127.0.0.1:${PORT}` }, PORT, TOKEN)?.status, 401);
  });

  it('follows a token that changes', () => {
    assert.equal(checkRequest(withToken(TOKEN), PORT, TOKEN), undefined);
    assert.equal(checkRequest(withToken(TOKEN), PORT, `${TOKEN}-new`)?.status, 401);
    assert.equal(checkRequest(withToken(`${TOKEN}-new`), PORT, `${TOKEN}-new`), undefined);
  });

  it('hashes nothing per request', () => {
    // The module object itself (an import namespace is read-only), as the gateway's code reads it.
    const c = createRequire(__filename)('node:crypto') as { createHash: typeof Crypto.createHash };
    const createHash = c.createHash;
    let hashes = 0;
    c.createHash = ((...a: Parameters<typeof createHash>) => (hashes++, createHash(...a))) as typeof createHash;
    try {
      for (let i = 0; i < 10; i++) checkRequest(withToken(i % 2 ? TOKEN : 'wrong'), PORT, TOKEN);
    } finally {
      c.createHash = createHash;
    }
    assert.ok(hashes <= 1, `${hashes} hashes for 10 requests`);
  });
});
