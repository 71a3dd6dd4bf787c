// The gateway bench's floor: the least a Node proxy in its own process can do with a request,
// with the gateway's transport (node:http in, undici out, keep-alive both ways). It passes
// the body and the answer's bytes through untouched, and, as the gateway does, sends its
// headers with the first bytes of the answer. What the gateway adds over this is its own code.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';

const SSE_HEADERS = { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' };

async function forward(upstream: string, agent: Agent, body: Buffer, res: http.ServerResponse): Promise<void> {
  const up = await request(upstream, {
    method: 'POST',
    dispatcher: agent,
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test-SENTINEL-bench-0123456789' },
    body,
  });
  let started = false;
  for await (const chunk of up.body) {
    if (!started) res.writeHead(up.statusCode, SSE_HEADERS);
    started = true;
    res.write(chunk);
  }
  res.end();
}

function main(): void {
  const upstream = `${process.env.SIM_BASE}/chat/completions`;
  const agent = new Agent({ keepAliveTimeout: 30_000 });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      forward(upstream, agent, Buffer.concat(chunks), res).catch(() => res.destroy());
    });
  });
  server.listen(0, '127.0.0.1', () => process.send?.({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
  process.on('disconnect', () => {
    server.closeAllConnections();
    server.close();
    void agent.close().then(() => process.exit(0));
  });
}

if (process.send) main();
