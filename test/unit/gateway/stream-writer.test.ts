// On Node 24, which runs the editor's extension host, ending a corked response dropped what the
// tick wrote before the end: a streamed answer lost its closing events. The writer must hand the
// response every frame, in order, in as few writes as the ticks allow, and never cork it.
import * as assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { tickBatchedWriter } from '../../../src/gateway/http-util';

/** Records the calls a response sees. */
function fakeResponse() {
  const calls: string[] = [];
  const res = {
    writableEnded: false,
    cork: () => void calls.push('cork'),
    uncork: () => void calls.push('uncork'),
    write: (d: string) => (calls.push(`write ${d}`), true),
    end(d?: string) {
      this.writableEnded = true;
      calls.push(d === undefined ? 'end' : `end ${d}`);
    },
  };
  return { res: res as unknown as ServerResponse, calls };
}

const tick = () => new Promise((r) => process.nextTick(r));

describe('gateway stream writer', () => {
  it('ends with the frames of its last tick in the same call, never corked', () => {
    const f = fakeResponse();
    const out = tickBatchedWriter(f.res);
    out.write('a');
    out.write('b');
    out.end('c');
    assert.deepEqual(f.calls, ['end abc']);
  });

  it('writes one tick’s frames together at the end of that tick', async () => {
    const f = fakeResponse();
    const out = tickBatchedWriter(f.res);
    out.write('a');
    out.write('b');
    assert.deepEqual(f.calls, []);
    await tick();
    out.write('c');
    await tick();
    out.end();
    assert.deepEqual(f.calls, ['write ab', 'write c', 'end']);
  });

  it('writes nothing after the end', async () => {
    const f = fakeResponse();
    const out = tickBatchedWriter(f.res);
    out.write('a');
    out.end('b');
    await tick();
    assert.deepEqual(f.calls, ['end ab']);
  });
});
