// The gateway's defences: token, Host, Origin, body size, concurrency, loopback-only binding,
// and a client that goes away takes the upstream call with it.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import OpenAI from 'openai';
import { startHarness, TOKEN, type Harness } from './harness';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function call(
  port: number,
  opts: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: opts.method ?? 'POST',
        path: opts.path ?? '/v1/chat/completions',
        headers: { 'content-type': 'application/json', ...opts.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

const chatBody = JSON.stringify({ model: 'openai:sim/text', messages: [{ role: 'user', content: 'hi' }] });

describe('Gateway security', function () {
  this.timeout(20_000);
  let h: Harness;
  let port: number;
  const auth = { authorization: `Bearer ${TOKEN}` };
  before(async () => {
    h = await startHarness({ limits: { maxBodyBytes: 64 * 1024, maxConcurrent: 2 } });
    port = h.gateway.port;
  });
  after(() => h.close());

  it('answers 401 without the token or with a wrong one, in each protocol’s shape', async () => {
    const none = await call(port, { body: chatBody });
    assert.equal(none.status, 401);
    assert.equal(JSON.parse(none.body).error.type, 'authentication_error');
    const wrong = await call(port, { path: '/v1/messages', headers: { 'x-api-key': 'nope' }, body: '{}' });
    assert.equal(wrong.status, 401);
    assert.deepEqual(JSON.parse(wrong.body).type, 'error');
    assert.equal(h.openaiSim.requests.length, 0);
  });

  it('accepts the token as a Bearer token or as x-api-key', async () => {
    assert.equal((await call(port, { headers: auth, body: chatBody })).status, 200);
    assert.equal((await call(port, { headers: { 'x-api-key': TOKEN }, body: chatBody })).status, 200);
  });

  it('answers 403 to a Host that is not loopback and our port (DNS rebinding)', async () => {
    for (const host of ['evil.example:' + port, `127.0.0.1:${port + 1}`, 'localhost']) {
      const r = await call(port, { headers: { ...auth, host }, body: chatBody });
      assert.equal(r.status, 403, host);
    }
    assert.equal((await call(port, { headers: { ...auth, host: `localhost:${port}` }, body: chatBody })).status, 200);
  });

  it('answers 403 to any request with an Origin header (CSRF), even with the token', async () => {
    for (const origin of ['https://evil.example', `http://127.0.0.1:${port}`, 'null']) {
      const r = await call(port, { headers: { ...auth, origin }, body: chatBody });
      assert.equal(r.status, 403, origin);
    }
  });

  it('answers 413 to a body over the limit, declared or streamed', async () => {
    const big = JSON.stringify({ model: 'openai:sim/text', messages: [{ role: 'user', content: 'x'.repeat(100 * 1024) }] });
    assert.equal((await call(port, { headers: auth, body: big })).status, 413);
    const chunkedStatus = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port, method: 'POST', path: '/v1/messages', headers: { ...auth, 'transfer-encoding': 'chunked' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      for (let i = 0; i < 10; i++) req.write('x'.repeat(10 * 1024));
      req.end();
    });
    assert.equal(chunkedStatus, 413);
  });

  it('answers 503 with Retry-After beyond the concurrency bound', async () => {
    const slow = JSON.stringify({ model: 'openai:sim/slow', messages: [{ role: 'user', content: 'hi' }], stream: true });
    const inFlight = [call(port, { headers: auth, body: slow }), call(port, { headers: auth, body: slow })];
    await new Promise((r) => setTimeout(r, 50));
    const refused = await call(port, { headers: auth, body: chatBody });
    assert.equal(refused.status, 503);
    assert.equal(refused.headers['retry-after'], '1');
    for (const r of await Promise.all(inFlight)) assert.equal(r.status, 200);
  });

  it('binds to 127.0.0.1 only: another address of this machine refuses the connection', async () => {
    const external = Object.values(os.networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
    if (!external) return void assert.ok(true, 'no non-loopback IPv4 address on this machine');
    const err = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
      const s = net.connect({ host: external, port }, () => {
        s.destroy();
        resolve(undefined);
      });
      s.on('error', (e) => resolve(e));
    });
    assert.equal(err?.code, 'ECONNREFUSED');
  });

  it('never logs the token or a key', async () => {
    await call(port, {
      headers: auth,
      body: JSON.stringify({ model: 'openai:sim/fault-401', messages: [{ role: 'user', content: 'hi' }] }),
    });
    await h.engine.keyChanged('openai');
    await call(port, { headers: { authorization: 'Bearer wrong-token-value' }, body: chatBody });
    const all = h.logs.join('\n');
    assert.ok(h.logs.length > 0);
    assert.ok(!all.includes(TOKEN) && !all.includes('SENTINEL') && !all.includes('wrong-token-value'));
  });

  it('a client abort closes the upstream connection', async () => {
    const client = new OpenAI({ baseURL: `${h.gateway.url}/v1`, apiKey: TOKEN, maxRetries: 0 });
    const ctrl = new AbortController();
    const stream = await client.chat.completions.create(
      { model: 'openai:sim/slow', messages: [{ role: 'user', content: 'hi' }], stream: true },
      { signal: ctrl.signal },
    );
    const seen = h.openaiSim.waitForClientAbort();
    const aborts = h.openaiSim.clientAborts;
    try {
      for await (const c of stream) if (c.choices[0]?.delta.content) ctrl.abort();
    } catch {
      // The SDK may end the stream quietly or raise an abort error; either way the client left.
    }
    assert.ok(ctrl.signal.aborted, 'the client saw output before aborting');
    await seen;
    assert.equal(h.openaiSim.clientAborts, aborts + 1);
  });
});
