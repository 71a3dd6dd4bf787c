// Which successful bodies are complete JSON answers, and reading one: whole across reads, within
// its size bound, and as a stream after all when a mislabelled body starts like one.
import * as assert from 'node:assert/strict';
import { ProviderError } from '../../../src/core/errors';
import type { SseEvent } from '../../../src/core/http/sse';
import { completeAnswerBatches, isJsonAnswer } from '../../../src/core/providers/complete-answer';

const bytes = (s: string) => new TextEncoder().encode(s);

/** A body of these chunks that records whether its reader let go of it. */
function body(chunks: string[]) {
  const state = { released: false };
  const iterable: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]() {
      let i = 0;
      return {
        next: async () => (i < chunks.length ? { done: false, value: bytes(chunks[i++]) } : { done: true, value: undefined }),
        return: async () => {
          state.released = true;
          return { done: true, value: undefined };
        },
      };
    },
  };
  return { iterable, state };
}

/** Every event read, the reader seeing each parsed body as one `whole` event. */
async function read(chunks: string[], maxEventBytes?: number): Promise<SseEvent[]> {
  const out: SseEvent[] = [];
  const reader = (parsed: unknown) => [{ id: undefined, event: 'whole', data: JSON.stringify(parsed) }];
  for await (const batch of completeAnswerBatches(body(chunks).iterable, reader, { maxEventBytes, provider: 'host' }, [
    'sk-secret-0123456789',
  ]))
    out.push(...batch);
  return out;
}

async function failure(p: Promise<unknown>): Promise<ProviderError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof ProviderError);
    return e;
  }
  throw new Error('expected a failure');
}

describe('complete JSON answers', () => {
  it('JSON by content type, including vendor +json types and surrounding space', () => {
    for (const t of [
      'application/json',
      '  application/json; charset=utf-8',
      'Application/JSON',
      'application/vnd.api+json',
      'application/problem+json',
    ])
      assert.equal(isJsonAnswer({ 'content-type': t }), true, t);
    for (const t of ['text/event-stream', 'multipart/mixed; type=application/json', 'application/jsonl', 'x application/json'])
      assert.equal(isJsonAnswer({ 'content-type': t }), false, t);
    assert.equal(isJsonAnswer({}), false);
  });

  it('a body spread over several reads is read whole', async () => {
    assert.deepEqual(await read(['{"a":', '[1,2', ']}']), [{ id: undefined, event: 'whole', data: '{"a":[1,2]}' }]);
  });

  it('a body labelled JSON that starts like an event stream is read as one', async () => {
    for (const start of ['data: {"n":1}\n\n', '\n event: x\ndata: {"n":1}\n\n', ': comment\ndata: {"n":1}\n\n']) {
      const events = await read([start, 'data: {"n":2}\n\n']);
      assert.deepEqual(
        events.map((e) => e.data),
        ['{"n":1}', '{"n":2}'],
        JSON.stringify(start),
      );
    }
  });

  it('a body up to the bound is read; one past it is refused for good', async () => {
    const at = `{"t":"${'x'.repeat(2048 - 8)}"}`;
    assert.equal(at.length, 2048);
    assert.equal((await read([at.slice(0, 1000), at.slice(1000)], 2048)).length, 1);
    const e = await failure(read([at.slice(0, 1000), `${at.slice(1000)} `], 2048));
    assert.equal(e.category, 'protocol');
    assert.equal(e.retryable, false);
    assert.equal(e.message, 'host sent a JSON answer larger than 2 KiB; Switchboard stopped reading it.');
  });

  it('an empty or garbled body is a retryable protocol error', async () => {
    for (const chunks of [[], ['{"a":']]) {
      const e = await failure(read(chunks));
      assert.equal(e.category, 'protocol');
      assert.equal(e.retryable, true);
    }
  });

  it('a stream read from a JSON-labelled body lets go of it when its reader stops early', async () => {
    const b = body(['data: {"n":1}\n\n', 'data: {"n":2}\n\n', 'data: {"n":3}\n\n']);
    const reader = () => [];
    for await (const batch of completeAnswerBatches(b.iterable, reader, { provider: 'host' }, [])) {
      assert.equal(batch.length, 1);
      break;
    }
    assert.equal(b.state.released, true);
  });
});
