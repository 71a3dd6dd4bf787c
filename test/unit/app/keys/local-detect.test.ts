import * as assert from 'node:assert/strict';
import { HttpClient } from '../../../../src/core/http/client';
import { detectLocalServers, listeningTargets } from '../../../../src/app/keys/local-detect';
import { SimServer, refusedUrl } from '../../../sim/server';

describe('detectLocalServers', () => {
  let sim: SimServer;
  const http = new HttpClient({ connectTimeoutMs: 500, firstByteTimeoutMs: 1000, idleTimeoutMs: 1000 });
  afterEach(async () => sim?.close());
  after(async () => http.close());

  it('finds a server that lists models and skips a closed port', async () => {
    sim = await SimServer.start((r) =>
      r.path === '/v1/models'
        ? {
            status: 200,
            headers: { 'content-type': 'application/json' },
            steps: [{ kind: 'write', data: JSON.stringify({ object: 'list', data: [{ id: 'llama3.2' }, { id: 'qwen3' }] }) }],
          }
        : undefined,
    );
    const closed = await refusedUrl();
    const found = await detectLocalServers(http, [
      { providerId: 'ollama', displayName: 'Ollama', baseUrl: `${sim.url}/v1` },
      { providerId: 'lmstudio', displayName: 'LM Studio', baseUrl: `${closed}/v1` },
    ]);
    assert.deepEqual(
      found.map((f) => [f.providerId, f.models]),
      [['ollama', ['llama3.2', 'qwen3']]],
    );
    assert.equal(sim.requests[0].headers.authorization, undefined, 'no key is sent to a probe');
  });

  it('finds which default ports are open with a bare connect, before any HTTP', async () => {
    sim = await SimServer.start(() => undefined);
    const closed = await refusedUrl();
    const open = await listeningTargets([
      { providerId: 'ollama', displayName: 'Ollama', baseUrl: `${sim.url}/v1` },
      { providerId: 'lmstudio', displayName: 'LM Studio', baseUrl: `${closed}/v1` },
    ]);
    assert.deepEqual(
      open.map((t) => t.providerId),
      ['ollama'],
    );
    assert.equal(sim.requests.length, 0, 'the check sends no request');
  });

  it('ignores a server on the port that is not a model server', async () => {
    sim = await SimServer.start(() => ({
      status: 200,
      headers: { 'content-type': 'text/html' },
      steps: [{ kind: 'write', data: '<html>hi</html>' }],
    }));
    const found = await detectLocalServers(http, [{ providerId: 'ollama', displayName: 'Ollama', baseUrl: `${sim.url}/v1` }]);
    assert.deepEqual(found, []);
  });

  it('gives up on a server that stalls', async () => {
    sim = await SimServer.start(() => ({ status: 200, steps: [{ kind: 'stall' }] }));
    const found = await detectLocalServers(http, [{ providerId: 'ollama', displayName: 'Ollama', baseUrl: `${sim.url}/v1` }], 100);
    assert.deepEqual(found, []);
  });
});
