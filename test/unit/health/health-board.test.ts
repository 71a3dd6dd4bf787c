import * as assert from 'node:assert/strict';
import { ProviderError } from '../../../src/core/errors';
import { HealthBoard } from '../../../src/core/health/health-board';
import { headroomOf } from '../../../src/core/health/headroom';
import { RollingStats } from '../../../src/core/health/rolling-stats';
import type { HealthChange } from '../../../src/core/health/types';
import { FakeClock } from '../router/fakes';

const A = { provider: 'openai', modelId: 'gpt-4o' };
const B = { provider: 'openai', modelId: 'gpt-4o-mini' };
const err = (category: ProviderError['category'], status?: number) =>
  new ProviderError({ category, provider: 'openai', message: `boom ${category}`, status });

describe('RollingStats', () => {
  it('computes EWMA and nearest-rank p50/p90 over the last N samples', () => {
    const s = new RollingStats(10, 0.5);
    for (const v of [100, 200]) s.add(v);
    assert.equal(s.ewma, 150);
    for (let i = 1; i <= 20; i++) s.add(i * 10);
    assert.equal(s.samples, 10);
    assert.equal(s.percentile(50), 150);
    assert.equal(s.percentile(90), 190);
    s.add(Number.NaN);
    assert.equal(s.samples, 10);
  });
});

describe('headroomOf', () => {
  it('takes the tighter of requests and tokens, and forgets a snapshot whose window has reset', () => {
    const snap = { requestsLimit: 100, requestsRemaining: 50, tokensLimit: 10_000, tokensRemaining: 500, resetMs: 1000 };
    assert.equal(headroomOf(snap, 0, 10), 0.05);
    assert.equal(headroomOf(snap, 0, 1000), undefined);
    assert.equal(headroomOf({}, 0, 0), undefined);
  });
});

describe('HealthBoard', () => {
  it('tracks TTFT, throughput, error rate and last error per endpoint and per provider', () => {
    const clock = new FakeClock();
    const h = new HealthBoard({ clock });
    h.recordSuccess(A, { ttftMs: 300, tokensPerSec: 80 });
    h.recordSuccess(B, { ttftMs: 100, tokensPerSec: 150 });
    h.recordFailure(A, err('server', 500));
    const a = h.endpoint('openai:gpt-4o')!;
    assert.equal(a.ttftMs.p50, 300);
    assert.equal(a.errorRate, 0.5);
    assert.equal(a.lastError?.status, 500);
    const p = h.snapshot().providers[0];
    assert.equal(p.ttftMs.samples, 2);
    assert.equal(p.ttftMs.p50, 100);
    assert.ok(Math.abs(p.errorRate - 1 / 3) < 1e-9);
    assert.equal(p.state, 'degraded');
  });

  it('does not count caller errors against the endpoint', () => {
    const h = new HealthBoard({ clock: new FakeClock() });
    for (const c of ['bad_request', 'auth', 'content_policy', 'context_length'] as const) h.recordFailure(A, err(c, 400));
    const a = h.endpoint('openai:gpt-4o')!;
    assert.equal(a.errorRate, 0);
    assert.equal(a.breaker, 'closed');
    assert.equal(a.lastError?.category, 'context_length');
  });

  it('emits breaker and state changes, and the snapshot reports the worst state', () => {
    const clock = new FakeClock();
    const h = new HealthBoard({ clock });
    const seen: HealthChange[] = [];
    const sub = h.onDidChange((c) => seen.push(c));
    h.recordSuccess(B, { ttftMs: 100 });
    for (let i = 0; i < 3; i++) h.recordFailure(A, err('timeout'));
    assert.deepEqual(
      seen.filter((c) => c.kind === 'breaker').map((c) => c.kind === 'breaker' && `${c.from}->${c.to}`),
      ['closed->open'],
    );
    assert.equal(h.snapshot().overall, 'degraded', 'one endpoint down, the other fine');
    for (let i = 0; i < 3; i++) h.recordFailure(B, err('network'));
    assert.equal(h.snapshot().overall, 'down');
    assert.equal(seen.at(-1)?.kind === 'state' && seen.at(-1)?.kind === 'state' ? (seen.at(-1) as { to: string }).to : '', 'down');
    sub.dispose();
    clock.advance(30_000);
    h.acquire(A);
    h.recordSuccess(A, { ttftMs: 50 });
    assert.equal(h.snapshot().providers[0].state, 'degraded');
    assert.equal(seen.at(-1)?.kind, 'state', 'no events after dispose');
    assert.equal(h.breakerState('openai:gpt-4o'), 'closed');
  });

  it('marks low headroom and pending retry-after as demoted and degraded', () => {
    const clock = new FakeClock();
    const h = new HealthBoard({ clock });
    h.recordRateLimit(A, { requestsLimit: 100, requestsRemaining: 5, resetMs: 10_000 });
    assert.equal(h.estimate('openai:gpt-4o', 'openai').demoted, true);
    assert.equal(h.endpoint('openai:gpt-4o')?.state, 'degraded');
    clock.advance(10_000);
    assert.equal(h.estimate('openai:gpt-4o', 'openai').demoted, false);
    h.recordCooldown(B, clock.now() + 5000);
    assert.equal(h.estimate('openai:gpt-4o-mini', 'openai').demoted, true);
    clock.advance(5000);
    assert.equal(h.estimate('openai:gpt-4o-mini', 'openai').demoted, false);
  });

  it('estimates an endpoint with no samples from its provider', () => {
    const h = new HealthBoard({ clock: new FakeClock() });
    h.recordSuccess(A, { ttftMs: 400, tokensPerSec: 60 });
    const e = h.estimate('openai:never-called', 'openai');
    assert.equal(e.ttftMs, 400);
    assert.equal(e.tokensPerSec, 60);
    assert.equal(h.estimate('x:y', 'x').ttftMs, undefined);
  });
});

describe('HealthBoard.tick', () => {
  it('emits the state change when a cooldown ends without traffic, at the time nextChangeAt names', () => {
    const clock = new FakeClock();
    const h = new HealthBoard({ clock });
    for (let i = 0; i < 3; i++) h.recordFailure(A, err('server', 500));
    const seen: HealthChange[] = [];
    h.onDidChange((c) => seen.push(c));
    assert.equal(h.nextChangeAt(), clock.now() + 30_000);
    clock.advance(29_999);
    h.tick();
    assert.equal(seen.length, 0);
    clock.advance(1);
    h.tick();
    assert.deepEqual(
      seen.map((c) => c.kind === 'state' && `${c.from}->${c.to}`),
      ['down->degraded'],
    );
    assert.equal(h.nextChangeAt(), undefined);
  });
});
