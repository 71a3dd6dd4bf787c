// HttpClient against a plain local server: what callers rely on from the one place that opens sockets.
import * as assert from 'node:assert/strict';
import * as zlib from 'node:zlib';
import { HttpClient } from '../../../src/core/http/client';
import { readAll, rejection, serve, type LocalServer } from './local-server';

describe('HttpClient', () => {
  let client: HttpClient;
  let server: LocalServer | undefined;
  beforeEach(() => {
    server = undefined;
  });
  afterEach(async () => {
    await client?.close();
    await server?.close();
  });

  it('asks for compressed bodies like the SDKs do, unless the caller named its own encoding', async () => {
    const seen: (string | undefined)[] = [];
    server = await serve((req, res) => {
      seen.push(req.headers['accept-encoding']);
      res.end('ok');
    });
    client = new HttpClient();
    await (await client.send({ method: 'GET', url: server.url, headers: {}, provider: 'p' })).text();
    await (await client.send({ method: 'GET', url: server.url, headers: { 'Accept-Encoding': 'identity' }, provider: 'p' })).text();
    assert.deepEqual(seen, ['gzip, deflate, br', 'identity']);
  });

  it('lower-cases header names and joins repeated headers', async () => {
    server = await serve((_req, res) => {
      res.setHeader('X-Request-Id', 'abc');
      res.setHeader('Set-Cookie', ['a=1', 'b=2']);
      res.statusCode = 201;
      res.end();
    });
    client = new HttpClient();
    const res = await client.send({ method: 'POST', url: server.url, headers: {}, body: '{}', provider: 'p' });
    assert.equal(res.status, 201);
    assert.equal(res.headers['x-request-id'], 'abc');
    assert.equal(res.headers['set-cookie'], 'a=1, b=2');
    await res.dump();
  });

  it('sends to the same URL again with its path and query string', async () => {
    const seen: string[] = [];
    server = await serve((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.end('ok');
    });
    client = new HttpClient();
    const url = `${server.url}v1beta/models/m:streamGenerateContent?alt=sse`;
    for (let i = 0; i < 3; i++)
      assert.equal(await (await client.send({ method: 'POST', url, headers: {}, body: '{}', provider: 'p' })).text(), 'ok');
    await (await client.send({ method: 'GET', url: `${server.url}models?`, headers: {}, provider: 'p' })).text();
    assert.deepEqual(seen, [...Array(3).fill('POST /v1beta/models/m:streamGenerateContent?alt=sse'), 'GET /models']);
  });

  it('refuses a URL that is not http(s), or not a URL, as a network error every time it is asked', async () => {
    client = new HttpClient();
    for (const url of ['ftp://127.0.0.1/x', 'not a url', 'file:///etc/hosts']) {
      const errors = [];
      for (let i = 0; i < 2; i++) errors.push(await rejection(client.send({ method: 'GET', url, headers: {}, provider: 'p' })));
      for (const e of errors) {
        assert.equal(e.category, 'network', url);
        assert.equal(e.provider, 'p');
      }
      assert.equal(errors[0].message, errors[1].message);
    }
  });

  it('caps text() at maxBytes: a hostile body is cut, not buffered whole', async () => {
    // The rest is sent once text() has taken the first part, which came with the headers. On a
    // timer it could arrive first on a loaded machine, and one read would then return both parts.
    const rests: (() => void)[] = [];
    server = await serve((_req, res) => {
      res.write('a'.repeat(100));
      rests.push(() => res.end('b'.repeat(100)));
    });
    client = new HttpClient();
    const readWhole = async (maxBytes: number) => {
      const text = (await client.send({ method: 'GET', url: server!.url, headers: {}, provider: 'p' })).text(maxBytes);
      rests.shift()!();
      return text;
    };
    assert.equal(await readWhole(150), 'a'.repeat(100) + 'b'.repeat(50));
    assert.equal(await readWhole(200), 'a'.repeat(100) + 'b'.repeat(100));
  });

  it('keeps the first maxBytes bytes of a body that arrives in one piece larger than the cap', async () => {
    // An over-long error body used to read as '' when its first chunk crossed the cap, so the
    // user saw no error text at all; how the bytes arrive must not decide what is kept.
    server = await serve((_req, res) => res.end('x'.repeat(40) + 'y'.repeat(4000)));
    client = new HttpClient();
    const text = await (await client.send({ method: 'GET', url: server.url, headers: {}, provider: 'p' })).text(50);
    assert.equal(text, 'x'.repeat(40) + 'y'.repeat(10));
  });

  for (const [coding, compress] of [
    ['gzip', zlib.gzipSync],
    [' X-GZIP ', zlib.gzipSync],
    ['deflate', zlib.deflateSync],
    ['br', zlib.brotliCompressSync],
  ] as const) {
    it(`decodes a ${coding.trim()} body for both the stream and text()`, async () => {
      const payload = 'data: {"ok":true}\n\n'.repeat(50);
      server = await serve((_req, res) => {
        res.setHeader('content-encoding', coding);
        res.end(compress(Buffer.from(payload)));
      });
      client = new HttpClient();
      const streamed = await client.send({ method: 'GET', url: server.url, headers: {}, provider: 'p' });
      assert.equal(await readAll(streamed.body), payload);
      const text = await (await client.send({ method: 'GET', url: server.url, headers: {}, provider: 'p' })).text();
      assert.equal(text, payload);
    });
  }

  it('passes an unknown coding through untouched', async () => {
    server = await serve((_req, res) => {
      res.setHeader('content-encoding', 'zstd-someday');
      res.end('raw bytes');
    });
    client = new HttpClient();
    assert.equal(await (await client.send({ method: 'GET', url: server.url, headers: {}, provider: 'p' })).text(), 'raw bytes');
  });

  it('refuses to send once the caller has already cancelled', async () => {
    let hits = 0;
    server = await serve((_req, res) => {
      hits++;
      res.end();
    });
    client = new HttpClient();
    const e = await rejection(client.send({ method: 'GET', url: server.url, headers: {}, provider: 'p', signal: AbortSignal.abort() }));
    assert.equal(e.category, 'cancelled');
    assert.equal(e.retryable, false);
    assert.equal(hits, 0);
  });

  it('fires the first-byte timeout when the host never answers', async () => {
    server = await serve(() => undefined);
    client = new HttpClient({ firstByteTimeoutMs: 100 });
    const e = await rejection(client.send({ method: 'GET', url: server.url, headers: {}, provider: 'slowhost' }));
    assert.equal(e.category, 'timeout');
    assert.equal(e.code, 'UND_ERR_HEADERS_TIMEOUT');
    assert.equal(e.retryable, true);
  });

  it('fires the idle timeout when a stream goes silent, as a timeout error from the body', async () => {
    server = await serve((_req, res) => {
      res.write('data: first\n\n');
    });
    client = new HttpClient({ idleTimeoutMs: 100 });
    const res = await client.send({ method: 'GET', url: server.url, headers: {}, provider: 'quiet' });
    const e = await rejection(readAll(res.body));
    assert.equal(e.category, 'timeout');
    assert.equal(e.code, 'UND_ERR_BODY_TIMEOUT');
  });

  it('reports a reset connection as a retryable network error', async () => {
    server = await serve((req) => req.socket.destroy());
    client = new HttpClient();
    const e = await rejection(client.send({ method: 'GET', url: server.url, headers: {}, provider: 'p' }));
    assert.equal(e.category, 'network');
    assert.equal(e.retryable, true);
  });

  it('waits two minutes for a first byte and one minute of silence by default, keeping what the caller did not override', () => {
    client = new HttpClient({ idleTimeoutMs: 5_000 });
    assert.deepEqual(client.options, { connectTimeoutMs: 10_000, firstByteTimeoutMs: 120_000, idleTimeoutMs: 5_000, keepAliveMs: 30_000 });
  });

  it('reports a stream that goes silent during text() as a timeout', async () => {
    server = await serve((_req, res) => {
      res.write('partial');
    });
    client = new HttpClient({ idleTimeoutMs: 100 });
    const res = await client.send({ method: 'GET', url: server.url, headers: {}, provider: 'quiet' });
    const e = await rejection(res.text());
    assert.equal(e.category, 'timeout');
    assert.equal(e.code, 'UND_ERR_BODY_TIMEOUT');
  });

  it('keeps the connection for the next request when a reader stops before the end of the body', async () => {
    const sockets = new Set<unknown>();
    server = await serve((req, res) => {
      sockets.add(req.socket);
      res.write('data: first\n\n');
      setTimeout(() => res.end('data: [DONE]\n\n'), 10);
    });
    // A generous drain time: a loaded machine must not turn a slow rest into a new connection here.
    client = new HttpClient({ drainMs: 10_000 });
    for (let i = 0; i < 2; i++) {
      const res = await client.send({ method: 'GET', url: server.url, headers: {}, provider: 'p' });
      for await (const _chunk of res.body) break;
    }
    assert.equal(sockets.size, 1);
  });
});
