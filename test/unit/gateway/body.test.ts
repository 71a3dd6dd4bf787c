// Reading a request body: its bytes under the limit, and nothing left behind once it is read.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { BodyError, readJsonBody } from '../../../src/gateway/body';

/** Serves one request through `read`, posting `body`; resolves with what the read gave and the request. */
async function served(
  body: string,
  read: (req: http.IncomingMessage) => Promise<unknown>,
): Promise<{ value: unknown; req: http.IncomingMessage; closeListenersBefore: number }> {
  let seen: { value: unknown; req: http.IncomingMessage; closeListenersBefore: number } | undefined;
  const server = http.createServer((req, res) => {
    const closeListenersBefore = req.listenerCount('close');
    read(req).then(
      (value) => ((seen = { value, req, closeListenersBefore }), res.end('ok')),
      (e: unknown) => ((seen = { value: e, req, closeListenersBefore }), res.end('error')),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const { port } = server.address() as AddressInfo;
    await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body }).then((r) => r.text());
    return seen!;
  } finally {
    server.close();
  }
}

describe('Gateway: request bodies', () => {
  it('parses a JSON body', async () => {
    const { value } = await served('{"a":[1,2]}', (req) => readJsonBody(req, 1000));
    assert.deepEqual(value, { a: [1, 2] });
  });

  it('refuses a body over the limit with 413, and bad JSON with 400', async () => {
    const big = await served('x'.repeat(2000), (req) => readJsonBody(req, 1000));
    assert.ok(big.value instanceof BodyError && big.value.status === 413);
    const bad = await served('{"a":', (req) => readJsonBody(req, 1000));
    assert.ok(bad.value instanceof BodyError && bad.value.status === 400);
  });

  // Every request closes after its answer: a close listener left on it would build an error
  // (with its stack) for every request, for a promise that settled long before.
  it('leaves no close listener on a request whose body it read', async () => {
    const { req, closeListenersBefore } = await served('{"a":1}', (r) => readJsonBody(r, 1000));
    assert.equal(req.listenerCount('close'), closeListenersBefore);
  });
});
