// The shared stream loop hands a read's events over from a buffer, not through an async generator
// step each; the iterator must keep a generator's contract: order, early return, overlapping calls.
import * as assert from 'node:assert/strict';
import type { StreamEvent } from '../../../src/core/types';
import { completeFrames } from '../../sim/anthropic-wire';
import { sseBytes } from '../../sim/server';
import { cannedTransport, FAMILIES } from './canned-body';

const KEY = 'sk-test-driver-0123456789abcdef';
const answer = (n: number) =>
  Buffer.from(
    sseBytes(
      completeFrames({ text: Array.from({ length: n }, (_, i) => `t${i} `), usage: { input: 5, output: n }, stopReason: 'end_turn' }, 'm'),
    ),
  );

function streamOf(chunks: Uint8Array[], onDone?: () => void): AsyncIterable<StreamEvent> {
  const http = cannedTransport(chunks);
  const send = http.send.bind(http);
  http.send = async (req) => {
    const res = await send(req);
    const body = res.body;
    res.body = (async function* () {
      try {
        yield* body;
      } finally {
        onDone?.();
      }
    })();
    return res;
  };
  const f = FAMILIES.anthropic;
  return f.adapter.streamChat({ descriptor: f.descriptor, http, apiKey: KEY }, { model: 'm', messages: [{ role: 'user', content: 'hi' }] });
}

describe('driveStream', () => {
  it('gives the same events in order to overlapping next() calls', async () => {
    const sequential: StreamEvent[] = [];
    for await (const e of streamOf([answer(30)])) sequential.push(e);
    const it = streamOf([answer(30)])[Symbol.asyncIterator]();
    const overlapped: StreamEvent[] = [];
    for (;;) {
      const batch = await Promise.all([it.next(), it.next(), it.next()]);
      for (const r of batch) if (!r.done) overlapped.push(r.value);
      if (batch.some((r) => r.done)) break;
    }
    assert.deepEqual(overlapped, sequential);
    assert.equal(sequential.filter((e) => e.type === 'text-delta').length, 30);
  });

  it('an early return ends the body read and the stream', async () => {
    let bodyClosed = false;
    const it = streamOf([answer(5), answer(5)], () => (bodyClosed = true))[Symbol.asyncIterator]();
    await it.next();
    await it.return?.();
    assert.equal(bodyClosed, true);
    assert.equal((await it.next()).done, true);
  });

  it('hands out nothing more after return(), even from a read in flight when it was called', async () => {
    const it = streamOf([answer(5)])[Symbol.asyncIterator]();
    const first = it.next();
    const ended = it.return?.();
    await first;
    await ended;
    assert.equal((await it.next()).done, true);
  });
});
