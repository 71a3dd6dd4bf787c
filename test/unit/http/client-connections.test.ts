// HttpClient's connections: what is reused, released, closed and proxied, as a host or proxy sees it.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import * as zlib from 'node:zlib';
import { HttpClient } from '../../../src/core/http/client';
import { readAll, rejection, serve, type LocalServer } from './local-server';

const get = (client: HttpClient, url: string, headers: Record<string, string> = {}) =>
  client.send({ method: 'GET', url, headers, provider: 'p' });

const closed = (socket: net.Socket) => new Promise<void>((r) => (socket.destroyed ? r() : socket.once('close', () => r())));

/** A forward proxy that tunnels CONNECT requests and records the authorities asked for. */
async function tunnelProxy(): Promise<{ url: string; asked: string[]; close: () => Promise<void> }> {
  const asked: string[] = [];
  const proxy = http.createServer((_req, res) => res.writeHead(405).end());
  proxy.on('connect', (req: http.IncomingMessage, client: net.Socket) => {
    asked.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client).pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  const { port } = proxy.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    asked,
    close: async () => {
      proxy.closeAllConnections();
      await new Promise<void>((r) => proxy.close(() => r()));
    },
  };
}

describe('HttpClient connections', () => {
  let client: HttpClient | undefined;
  let server: LocalServer | undefined;
  afterEach(async () => {
    await client?.close();
    await server?.close();
    client = server = undefined;
  });

  it('streams an uncompressed body whole, byte for byte', async () => {
    const payload = 'data: {"n":1}\n\n'.repeat(2000);
    server = await serve((_req, res) => {
      res.write(payload.slice(0, 1000));
      setTimeout(() => res.end(payload.slice(1000)), 5);
    });
    client = new HttpClient();
    assert.equal(await readAll((await get(client, server.url)).body), payload);
  });

  it('adds its accept-encoding beside the caller’s other headers', async () => {
    let seen: string | undefined;
    server = await serve((req, res) => {
      seen = req.headers['accept-encoding'];
      res.end();
    });
    client = new HttpClient();
    await (await get(client, server.url, { authorization: 'Bearer t' })).dump();
    assert.equal(seen, 'gzip, deflate, br');
  });

  it('drains a large rest of a body after an early stop, so the next request reuses the connection', async () => {
    const sockets = new Set<net.Socket>();
    server = await serve((req, res) => {
      sockets.add(req.socket);
      res.write('x'.repeat(300_000));
      setTimeout(() => res.end('y'.repeat(200_000)), 20);
    });
    // A generous drain time: a loaded machine must not turn a slow rest into a new connection here.
    client = new HttpClient({ drainMs: 10_000 });
    for (let i = 0; i < 2; i++) {
      const res = await get(client, server.url);
      let read = 0;
      for await (const c of res.body) if ((read += c.length) >= 300_000) break;
    }
    assert.equal(sockets.size, 1);
  });

  it('reuses the connection for a request sent the moment a streamed body ended, read whole or up to its last bytes', async () => {
    const sockets = new Set<net.Socket>();
    server = await serve((req, res) => {
      sockets.add(req.socket);
      res.end('data: one\n\ndata: [DONE]\n\n');
    });
    client = new HttpClient();
    for (const whole of [true, false, true]) {
      const res = await get(client, server.url);
      for await (const c of res.body) if (!whole && Buffer.from(c).includes('[DONE]')) break;
    }
    assert.equal(sockets.size, 1);
  });

  it('gives up draining a rest that never comes, instead of holding the reader', async () => {
    server = await serve((_req, res) => res.write('data: first\n\n'));
    client = new HttpClient({ drainMs: 100 });
    const res = await get(client, server.url);
    const stopped = (async () => {
      for await (const _chunk of res.body) break;
      return 'stopped';
    })();
    const verdict = await Promise.race([stopped, new Promise((r) => setTimeout(() => r('held'), 3000))]);
    assert.equal(verdict, 'stopped');
  });

  it('dump() and text() free the connection for the next request', async () => {
    const sockets = new Set<net.Socket>();
    server = await serve((req, res) => {
      sockets.add(req.socket);
      res.write('{"error":');
      setTimeout(() => res.end('"busy"}'), 10);
    });
    client = new HttpClient();
    await (await get(client, server.url)).dump();
    await (await get(client, server.url)).dump();
    assert.equal(await (await get(client, server.url)).text(), '{"error":"busy"}');
    await (await get(client, server.url)).dump();
    assert.equal(sockets.size, 1);
  });

  it('closes the connection of a compressed body read only in part, or dumped', async () => {
    const sockets: net.Socket[] = [];
    server = await serve((req, res) => {
      sockets.push(req.socket);
      res.setHeader('content-encoding', 'gzip');
      const gz = zlib.createGzip({ flush: zlib.constants.Z_SYNC_FLUSH });
      gz.pipe(res);
      gz.write('data: first\n\n'); // and never ends
    });
    client = new HttpClient();
    const res = await get(client, server.url);
    for await (const _chunk of res.body) break;
    await closed(sockets[0]);
    await (await get(client, server.url)).dump();
    await closed(sockets[1]);
  });

  it('close() ends its pooled connections', async () => {
    let socket: net.Socket | undefined;
    server = await serve((req, res) => {
      socket = req.socket;
      res.end('ok');
    });
    client = new HttpClient();
    assert.equal(await (await get(client, server.url)).text(), 'ok');
    await client.close();
    await closed(socket!);
  });

  it('drops an idle pooled connection after keepAliveMs, when the host gives no keep-alive hint', async () => {
    const sockets = new Set<net.Socket>();
    // 0: the server keeps idle sockets forever and so sends no `Keep-Alive: timeout` hint.
    server = await serve(
      (req, res) => {
        sockets.add(req.socket);
        res.end('ok');
      },
      { keepAliveTimeout: 0 },
    );
    client = new HttpClient({ keepAliveMs: 50 });
    await (await get(client, server.url)).text();
    await new Promise((r) => setTimeout(r, 400));
    await (await get(client, server.url)).text();
    assert.equal(sockets.size, 2);
  });

  it('sends through the configured proxy, except to hosts on its no-proxy list', async () => {
    const proxy = await tunnelProxy();
    server = await serve((_req, res) => res.end('via'));
    const target = new URL(server.url);
    try {
      client = new HttpClient({ proxy: { url: proxy.url } });
      assert.equal(await (await get(client, server.url)).text(), 'via');
      assert.deepEqual(proxy.asked, [target.host]);
      await client.close();
      client = new HttpClient({ proxy: { url: proxy.url, noProxy: [target.hostname] } });
      assert.equal(await (await get(client, server.url)).text(), 'via');
      assert.deepEqual(proxy.asked, [target.host]);
    } finally {
      await proxy.close();
    }
  });

  it('reports failures before any output as not started, whether at connect, in text() or mid-body', async () => {
    const refused = new HttpClient();
    const port = await new Promise<number>((r) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as AddressInfo).port;
        s.close(() => r(p));
      });
    });
    const e1 = await rejection(get(refused, `http://127.0.0.1:${port}/`));
    assert.equal(e1.outputStarted, false);
    assert.equal(e1.category, 'network');
    await refused.close();

    server = await serve((req, res) => {
      res.write('partial');
      setTimeout(() => req.socket.destroy(), 10);
    });
    client = new HttpClient();
    const e2 = await rejection((await get(client, server.url)).text());
    assert.equal(e2.outputStarted, false);
    const e3 = await rejection(readAll((await get(client, server.url)).body));
    assert.equal(e3.outputStarted, false);
    const e4 = await rejection(client.send({ method: 'GET', url: server.url, headers: {}, provider: 'p', signal: AbortSignal.abort() }));
    assert.match(e4.message, /cancelled/);
  });
});
