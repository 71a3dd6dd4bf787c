import * as assert from 'node:assert/strict';
import { gatewayRequestsToday, gatewayView } from '../../../../src/app/gateway/gateway-status';

describe('Gateway status item', () => {
  const now = new Date(2026, 5, 10, 12).getTime();
  const yesterday = new Date(2026, 5, 9, 23).getTime();

  it('counts today’s gateway requests, not other origins, other days or fallback attempts', () => {
    const records = [
      { ts: now, origin: 'gateway', fallback: false },
      { ts: now, origin: 'gateway', fallback: true },
      { ts: now, origin: 'chat', fallback: false },
      { ts: yesterday, origin: 'gateway', fallback: false },
      { ts: now - 1000, origin: 'gateway', fallback: false },
    ];
    assert.equal(gatewayRequestsToday(records, now), 2);
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
