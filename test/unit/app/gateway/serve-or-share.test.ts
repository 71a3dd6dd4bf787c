// Two windows in plain Node: two supervisors over real gateways on one port.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as net from 'node:net';
import type { Engine } from '../../../../src/core/engine';
import { silentLogger } from '../../../../src/core/platform';
import { startGateway } from '../../../../src/gateway';
import { probeGateway, ServeOrShare, type GatewayRole } from '../../../../src/app/gateway/serve-or-share';

const TOKEN = 'sb-gw-test-token-123456';
// Only GET /v1/models is called here; it reads the catalog listing.
const engine = { isReachable: () => false, catalog: { listing: () => [], endpointsOf: () => [] } } as unknown as Engine;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function window(token = TOKEN) {
  const roles: GatewayRole[] = [];
  const s = new ServeOrShare({
    start: (port) => startGateway({ engine, token, port, logger: silentLogger, redact: (t) => t }),
    probe: (port) => probeGateway(port, token),
    onRole: (r) => roles.push(r),
    retryMs: 50,
  });
  return { s, roles };
}

// A function, so TypeScript does not narrow the role across awaits that change it.
const kindOf = (x: { s: ServeOrShare }): GatewayRole['kind'] => x.s.role.kind;

async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('Gateway across windows (serve or share)', () => {
  it('the second window shares the first one’s port and takes over when it closes', async () => {
    const port = await freePort();
    const a = window();
    const b = window();
    try {
      await a.s.start(port);
      assert.deepEqual(a.s.role, { kind: 'serving', port, url: `http://127.0.0.1:${port}` });
      await b.s.start(port);
      assert.equal(kindOf(b), 'sharing');
      await a.s.stop();
      assert.equal(kindOf(a), 'off');
      await until(() => kindOf(b) === 'serving');
      assert.equal(await probeGateway(port, TOKEN), true);
      // The first window comes back: now it is the one that shares.
      await a.s.start(port);
      assert.equal(kindOf(a), 'sharing');
    } finally {
      await a.s.stop();
      await b.s.stop();
    }
  });

  it('a port held by something that is not our gateway is reported, and retried', async () => {
    const port = await freePort();
    const other = http.createServer((_req, res) => res.writeHead(404).end());
    await new Promise<void>((r) => other.listen(port, '127.0.0.1', r));
    const w = window();
    try {
      await w.s.start(port);
      assert.equal(kindOf(w), 'blocked');
      const closed = new Promise<void>((r) => other.close(() => r()));
      other.closeAllConnections();
      await closed;
      await until(() => kindOf(w) === 'serving');
    } finally {
      other.close();
      await w.s.stop();
    }
  });

  it('a gateway with another token is not shared', async () => {
    const port = await freePort();
    const a = window('sb-gw-some-other-install');
    const b = window();
    try {
      await a.s.start(port);
      await b.s.start(port);
      assert.equal(kindOf(b), 'blocked');
    } finally {
      await a.s.stop();
      await b.s.stop();
    }
  });

  it('port 0 always serves its own', async () => {
    const a = window();
    try {
      await a.s.start(0);
      assert.equal(kindOf(a), 'serving');
    } finally {
      await a.s.stop();
    }
  });
});
