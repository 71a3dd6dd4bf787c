import * as assert from 'node:assert/strict';
import { RefreshGate } from '../../../src/core/catalog/refresh-gate';
import { FakeClock } from '../router/fakes';

describe('RefreshGate', () => {
  it('runs a source at most once per interval, failures included, and again exactly when the interval has passed', async () => {
    const clock = new FakeClock();
    const gate = new RefreshGate(clock, 1_000);
    let calls = 0;
    const fetch = async () => ++calls;
    assert.equal(gate.due('feed'), true);
    assert.equal(await gate.run('feed', fetch), 1);
    clock.advance(999);
    assert.equal(gate.due('feed'), false);
    assert.equal(await gate.run('feed', fetch), 'skipped');
    clock.advance(1);
    assert.equal(await gate.run('feed', async () => Promise.reject(new Error('down'))).catch(() => 'failed'), 'failed');
    assert.equal(await gate.run('feed', fetch), 'skipped', 'a failure counts as an attempt');
    assert.equal(await gate.run('other', fetch), 2, 'sources are independent');
  });

  it('force ignores the interval, and a running fetch is joined, not duplicated', async () => {
    const clock = new FakeClock();
    const gate = new RefreshGate(clock, 1_000);
    let calls = 0;
    let release!: () => void;
    const slow = () => new Promise<number>((resolve) => (release = () => resolve(++calls)));
    const first = gate.run('feed', slow);
    const joined = gate.run('feed', slow, true);
    release();
    assert.deepEqual(await Promise.all([first, joined]), [1, 1]);
    assert.equal(await gate.run('feed', async () => ++calls, true), 2);
    assert.equal(await gate.run('feed', async () => ++calls), 'skipped');
  });

  it('a seeded time defers the first fetch after a restart, and an older seed never moves it back', () => {
    const clock = new FakeClock(10_000);
    const gate = new RefreshGate(clock, 1_000);
    gate.seed('feed', 9_500);
    gate.seed('feed', 1_000);
    assert.equal(gate.due('feed'), false);
    clock.advance(500);
    assert.equal(gate.due('feed'), true);
  });
});
