// The retry wait: it ends when its time is up, or at once, with the abort's reason, when the
// request is cancelled, so a cancelled request never sits out a backoff.
import * as assert from 'node:assert/strict';
import { abortableSleep, DEFAULT_RETRY_OPTIONS, retryDelay } from '../../../src/core/router/backoff';

describe('abortableSleep', () => {
  it('resolves after the time given', async () => {
    const t0 = Date.now();
    await abortableSleep(30);
    assert.ok(Date.now() - t0 >= 25);
  });

  it('rejects at once with the reason when the signal is already aborted', async () => {
    const ctrl = new AbortController();
    ctrl.abort(new Error('user pressed stop'));
    const t0 = Date.now();
    await assert.rejects(abortableSleep(10_000, ctrl.signal), /user pressed stop/);
    assert.ok(Date.now() - t0 < 5_000);
  });

  it('rejects as soon as the signal aborts during the wait', async () => {
    const ctrl = new AbortController();
    const t0 = Date.now();
    setTimeout(() => ctrl.abort(new Error('closed')), 10);
    await assert.rejects(abortableSleep(10_000, ctrl.signal), /closed/);
    assert.ok(Date.now() - t0 < 5_000);
  });

  it('a wait that ended leaves no listener on the signal', async () => {
    const ctrl = new AbortController();
    let listeners = 0;
    const add = ctrl.signal.addEventListener.bind(ctrl.signal);
    const remove = ctrl.signal.removeEventListener.bind(ctrl.signal);
    ctrl.signal.addEventListener = ((...a: Parameters<typeof add>) => (listeners++, add(...a))) as typeof add;
    ctrl.signal.removeEventListener = ((...a: Parameters<typeof remove>) => (listeners--, remove(...a))) as typeof remove;
    await abortableSleep(1, ctrl.signal);
    assert.equal(listeners, 0);
  });
});

describe('retryDelay', () => {
  it('doubles the ceiling per retry from the base, up to the maximum', () => {
    const top = () => 0.999_999;
    assert.equal(retryDelay(1, undefined, top, DEFAULT_RETRY_OPTIONS), 999);
    assert.equal(retryDelay(4, undefined, top, DEFAULT_RETRY_OPTIONS), 7_999);
    assert.equal(retryDelay(5, undefined, top, DEFAULT_RETRY_OPTIONS), 7_999);
    assert.equal(retryDelay(2, undefined, top, { ...DEFAULT_RETRY_OPTIONS, baseDelayMs: 100 }), 399);
  });
});
