import * as assert from 'node:assert/strict';
import { DeltaBatcher, WINDOW_MS, type Timers } from '../../../../src/app/chat/delta-batcher';

/** Timers run by hand: `fire()` runs the pending one, as if WINDOW_MS had passed. */
function fakeTimers() {
  let pending: { cb: () => void; ms: number } | undefined;
  const timers: Timers = {
    set: (cb, ms) => (pending = { cb, ms }),
    clear: () => (pending = undefined),
  };
  return {
    timers,
    get armed() {
      return pending !== undefined;
    },
    get ms() {
      return pending?.ms;
    },
    fire() {
      const p = pending;
      pending = undefined;
      p?.cb();
    },
  };
}

describe('DeltaBatcher', () => {
  it('sends the first delta at once, then gathers what arrives within the window into one message', () => {
    const t = fakeTimers();
    const sent: { text?: string; reasoning?: string }[] = [];
    const b = new DeltaBatcher((d) => sent.push(d), t.timers);
    b.push('Hel');
    assert.deepEqual(sent, [{ text: 'Hel', reasoning: undefined }], 'the first token is not held back');
    assert.equal(t.ms, WINDOW_MS);
    for (const piece of ['l', 'o', ',', ' wor', 'ld']) b.push(piece);
    b.push('', 'thinking');
    assert.equal(sent.length, 1);
    t.fire();
    assert.deepEqual(sent[1], { text: 'lo, world', reasoning: 'thinking' });
    assert.ok(t.armed, 'a window follows every send');
    t.fire(); // nothing arrived: the window closes
    assert.equal(t.armed, false);
    b.push('!');
    assert.deepEqual(sent[2], { text: '!', reasoning: undefined }, 'after a quiet window the next delta goes at once');
  });

  it('flush sends what is pending now and closes the window; an empty flush sends nothing', () => {
    const t = fakeTimers();
    const sent: unknown[] = [];
    const b = new DeltaBatcher((d) => sent.push(d), t.timers);
    b.push('a');
    b.push('b');
    b.flush();
    assert.deepEqual(sent, [
      { text: 'a', reasoning: undefined },
      { text: 'b', reasoning: undefined },
    ]);
    assert.equal(t.armed, false);
    b.flush();
    assert.equal(sent.length, 2);
  });
});
