// Work on the paths every request and every file-watcher event takes, counted by the system's
// count of read calls: a refresh with nothing new reads nothing, one with new lines reads each
// changed file once, and a window's appends read nothing back.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { SpendLedger } from '../../../src/core/ledger';
import { entry } from './fixtures/entry';
import { tmpDir } from './fixtures/ledger';

// This thread's counts, not the process's: a read that libuv's thread pool finishes for another
// test's async work while `f` runs must not count against `f` (the ledger reads synchronously).
const IO = '/proc/thread-self/io';
const readCalls = () => Number(/^syscr: (\d+)$/m.exec(fs.readFileSync(IO, 'utf8'))?.[1]);

/** Read calls `f` makes, less the ones taking the count makes. */
function readsOf(f: () => void): number {
  const a = readCalls();
  const b = readCalls();
  f();
  return readCalls() - b - (b - a);
}

function windows(): { w: SpendLedger; o: SpendLedger; r: SpendLedger } {
  const dir = tmpDir();
  const [w, o, r] = ['w', 'o', 'r'].map((writerId) => new SpendLedger({ dir, writerId }));
  r.load();
  return { w, o, r };
}

/** Two writers' files, each with a record the reader has read. */
function windowsAfterARead(): { w: SpendLedger; o: SpendLedger; r: SpendLedger } {
  const { w, o, r } = windows();
  w.append(entry('w1'));
  o.append(entry('o1'));
  r.refresh();
  return { w, o, r };
}

describe('SpendLedger read work', () => {
  before(function () {
    if (!fs.existsSync(IO)) this.skip();
  });

  it('a refresh with nothing new reads no file', () => {
    const { r } = windowsAfterARead();
    assert.equal(
      readsOf(() => r.refresh()),
      0,
    );
    assert.equal(r.spent('day').attempts, 2);
  });

  it('a refresh reads each file with new lines once', () => {
    const { w, o, r } = windowsAfterARead();
    w.append(entry('w2'));
    w.append(entry('w3'));
    o.append(entry('o2'));
    assert.equal(
      readsOf(() => r.refresh()),
      2,
    );
    assert.equal(r.spent('day').attempts, 5);
  });

  it('a window’s appends read nothing back, neither its own file nor the others’', () => {
    const { w, o, r } = windows();
    r.append(entry('r1'));
    w.append(entry('w1'));
    o.append(entry('o1'));
    assert.equal(
      readsOf(() => ['r2', 'r3', 'r4'].forEach((id) => r.append(entry(id)))),
      0,
    );
    r.refresh();
    assert.equal(r.spent('day').attempts, 6);
  });
});
