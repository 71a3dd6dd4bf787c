// HttpClient parses each request URL once: undici's own entry point parses the string on every
// call, and a stream's first token waits on it. Counted through the global URL class and undici's
// module export.
import * as assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { HttpClient } from '../../../src/core/http/client';
import { serve, type LocalServer } from './local-server';

const undici = createRequire(__filename)('undici') as { request: (...a: unknown[]) => unknown };

describe('HttpClient URL parsing', () => {
  let client: HttpClient;
  let server: LocalServer;
  let parsed: string[];
  let viaUndici: number;
  const RealURL = globalThis.URL;
  const realRequest = undici.request;

  beforeEach(async () => {
    server = await serve((_req, res) => res.end('ok'));
    client = new HttpClient();
    parsed = [];
    viaUndici = 0;
    globalThis.URL = class extends RealURL {
      constructor(url: string | URL, base?: string | URL) {
        super(url, base);
        // undici parses each new pool's origin itself; only whole request URLs are counted.
        if (new RealURL(String(url), base).pathname !== '/') parsed.push(String(url));
      }
    } as typeof URL;
    undici.request = (...a: unknown[]) => (viaUndici++, realRequest(...a));
  });
  afterEach(async () => {
    globalThis.URL = RealURL;
    undici.request = realRequest;
    await client.close();
    await server.close();
  });

  const get = async (url: string) => (await client.send({ method: 'GET', url, headers: {}, provider: 'p' })).text();

  it('parses an http(s) URL once however often it is sent, and never through undici’s own parser', async () => {
    const [a, b] = [`${server.url}a`, `${server.url}b?x=1`];
    for (const url of [a, b, a, b, a]) assert.equal(await get(url), 'ok');
    assert.deepEqual(parsed, [a, b]);
    assert.equal(viaUndici, 0);
  });

  it('forgets the URLs it knows once it knows 64, and parses each again when it comes back', async () => {
    const urls = Array.from({ length: 65 }, (_, i) => `${server.url}m${i}`);
    for (const url of urls) await get(url);
    parsed = [];
    await get(urls[64]);
    assert.deepEqual(parsed, [], 'the newest is kept');
    await get(urls[0]);
    assert.deepEqual(parsed, [urls[0]], 'the oldest was forgotten');
  });

  it('leaves a URL that is not http(s) to undici, which refuses it', async () => {
    await assert.rejects(get('ftp://127.0.0.1/x'));
    await assert.rejects(get('file:///etc/hosts'));
    assert.equal(viaUndici, 2);
  });
});
