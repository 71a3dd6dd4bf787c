import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SpendLedger } from '../../../../src/core/ledger';
import { entry } from '../../ledger/fixtures/entry';
import { gatewayRequestsToday, gatewayView } from '../../../../src/app/gateway/gateway-status';

describe('Gateway status item', () => {
  const now = new Date(2026, 5, 10, 12).getTime();
  const yesterday = new Date(2026, 5, 9, 23).getTime();

  it('counts today’s gateway requests from the ledger totals: not other origins, other days, retries or fallbacks', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-gw-status-'));
    try {
      const ledger = new SpendLedger({ dir, clock: { now: () => now } });
      ledger.load();
      ledger.append(entry('a', { ts: now, origin: 'gateway', requestStart: true, outcome: 'failed' }));
      ledger.append(entry('b', { ts: now, origin: 'gateway', requestStart: false })); // its retry
      ledger.append(entry('c', { ts: now, origin: 'gateway', requestStart: false, fallback: true }));
      ledger.append(entry('d', { ts: now, origin: 'chat', requestStart: true }));
      ledger.append(entry('e', { ts: yesterday, origin: 'gateway', requestStart: true }));
      ledger.append(entry('f', { ts: now - 1000, origin: 'gateway', requestStart: true }));
      // More than the ledger keeps in its recent list: the count must not depend on it.
      for (let i = 0; i < 250; i++) ledger.append(entry(`g${i}`, { ts: now - 2000, origin: 'gateway', requestStart: true }));
      assert.equal(gatewayRequestsToday(ledger, now), 252);
      ledger.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is hidden when off, shows the count when on, and says why when blocked', () => {
    assert.equal(gatewayView({ kind: 'off' }, 3), undefined);
    const on = gatewayView({ kind: 'serving', port: 1, url: 'http://127.0.0.1:1' }, 3);
    assert.match(on?.text ?? '', /3/);
    assert.match(on?.tooltip ?? '', /3 requests today/);
    assert.match(gatewayView({ kind: 'sharing', port: 1, url: 'http://127.0.0.1:1' }, 1)?.tooltip ?? '', /another window.*1 request today/);
    assert.match(
      gatewayView({ kind: 'blocked', port: 1, reason: 'Port 1 is used by another program.' }, 0)?.tooltip ?? '',
      /another program/,
    );
  });
});
