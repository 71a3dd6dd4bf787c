// Connection behaviour that matters for latency and corporate networks: keep-alive reuse and proxies.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { HttpClient } from '../../../../src/core/http/client';
import { SimServer } from '../../../sim/server';
import { openaiRouter } from '../../../sim/openai';
import { run } from './helpers';

/** A tiny forward proxy: CONNECT tunnels and absolute-form requests, counting both. */
async function startProxy(): Promise<{ url: string; tunnels: string[]; forwarded: string[]; close: () => Promise<void> }> {
  const tunnels: string[] = [];
  const forwarded: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    forwarded.push(req.url ?? '');
    const target = new URL(req.url ?? '');
    const up = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: target.pathname + target.search, headers: req.headers },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    req.pipe(up);
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    tunnels.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const up = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) up.write(head);
      up.pipe(client);
      client.pipe(up);
    });
    for (const s of [up, client]) {
      sockets.add(s);
      s.on('error', () => s.destroy());
      s.on('close', () => sockets.delete(s));
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    tunnels,
    forwarded,
    close: async () => {
      for (const s of sockets) s.destroy();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

describe('openai adapter: transport', () => {
  let sim: SimServer;
  let base: string;
  beforeEach(async () => {
    sim = await SimServer.start(openaiRouter());
    base = `${sim.url}/v1`;
  });
  afterEach(() => sim.close());

  it('reuses one keep-alive connection for sequential streams', async () => {
    const client = new HttpClient();
    try {
      const a = await run(base, 'sim/text', { http: client });
      const b = await run(base, 'sim/openrouter', { http: client });
      const c = await run(base, 'sim/finish-no-done', { http: client });
      for (const f of [a, b, c]) assert.equal(f.error, undefined);
      assert.equal(sim.requests.length, 3);
      assert.equal(sim.connections, 1);
    } finally {
      await client.close();
    }
  });

  it('routes through the configured proxy', async () => {
    const proxy = await startProxy();
    const client = new HttpClient({ proxy: { url: proxy.url } });
    try {
      const f = await run(base, 'sim/text', { http: client });
      assert.equal(f.text, 'Hello from the simulator.');
      assert.equal(proxy.tunnels.length + proxy.forwarded.length, 1, 'exactly one request went via the proxy');
      assert.equal(sim.requests.length, 1);
    } finally {
      await client.close();
      await proxy.close();
    }
  });

  it('bypasses the proxy for hosts in noProxy', async () => {
    const proxy = await startProxy();
    const client = new HttpClient({ proxy: { url: proxy.url, noProxy: ['127.0.0.1'] } });
    try {
      const f = await run(base, 'sim/text', { http: client });
      assert.equal(f.text, 'Hello from the simulator.');
      assert.equal(proxy.tunnels.length + proxy.forwarded.length, 0);
      assert.equal(sim.requests.length, 1);
    } finally {
      await client.close();
      await proxy.close();
    }
  });
});
