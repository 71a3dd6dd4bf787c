import * as assert from 'node:assert/strict';
import { ProviderError } from '../../../src/core/errors';
import { readSseBatches, type SseEvent, type SseLimits } from '../../../src/core/http/sse';

async function* chunks(...parts: (string | Uint8Array)[]): AsyncGenerator<Uint8Array> {
  for (const p of parts) yield typeof p === 'string' ? new TextEncoder().encode(p) : p;
}

/** The events of every batch, in order: what a consumer of the batches sees. */
async function* readSse(body: AsyncIterable<Uint8Array>, limits?: SseLimits): AsyncGenerator<SseEvent> {
  for await (const batch of readSseBatches(body, limits)) yield* batch;
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

async function overflowOf(body: AsyncIterable<Uint8Array>, limits: SseLimits): Promise<ProviderError> {
  try {
    await collect(readSse(body, limits));
  } catch (e) {
    assert.ok(e instanceof ProviderError);
    return e;
  }
  assert.fail('expected the event to be refused');
}

describe('readSseBatches, event by event', () => {
  it('delivers events with their names and drops comments', async () => {
    const events = await collect(readSse(chunks(': PROCESSING\n\n', 'event: ping\ndata: {}\n\n', 'data: a\n\n')));
    assert.deepEqual(
      events.map((e) => [e.event, e.data]),
      [
        ['ping', '{}'],
        [undefined, 'a'],
      ],
    );
  });

  it('keeps a character split across reads whole', async () => {
    const bytes = new TextEncoder().encode('data: é€\n\n');
    const events = await collect(readSse(chunks(bytes.slice(0, 7), bytes.slice(7, 9), bytes.slice(9))));
    assert.equal(events[0]?.data, 'é€');
  });

  it('reads past a byte order mark at the start, even one cut across reads', async () => {
    const bytes = new TextEncoder().encode('\ufeffdata: a\n\n');
    const events = await collect(readSse(chunks(bytes.slice(0, 2), bytes.slice(2))));
    assert.deepEqual(
      events.map((e) => e.data),
      ['a'],
    );
  });

  it('delivers a last event the host closed without its blank line, once', async () => {
    const events = await collect(readSse(chunks('data: one\n\n', 'data: two')));
    assert.deepEqual(
      events.map((e) => e.data),
      ['one', 'two'],
    );
  });

  it('yields one batch per network read, and none for a read that completes no event', async () => {
    const batches = await collect(readSseBatches(chunks('data: a\n\ndata: b\n\n', 'data: c', '\n\n')));
    assert.deepEqual(
      batches.map((b) => b.map((e) => e.data)),
      [['a', 'b'], ['c']],
    );
  });

  it('refuses an event past the bound with a non-retryable protocol error naming the host and the size', async () => {
    const e = await overflowOf(chunks(`data: ${'x'.repeat(3000)}`), { maxEventBytes: 2048, provider: 'bighost' });
    assert.equal(e.category, 'protocol');
    assert.equal(e.retryable, false);
    assert.equal(e.provider, 'bighost');
    assert.equal(e.message, 'bighost sent one stream event larger than 2 KiB; Switchboard stopped reading it.');
  });

  it('states a bound of a MiB or more in MiB, and an unnamed host as unknown', async () => {
    const e = await overflowOf(chunks(`data: ${'x'.repeat(1024 * 1024 + 10)}`), { maxEventBytes: 1024 * 1024 });
    assert.equal(e.provider, 'unknown');
    assert.match(e.message, /larger than 1 MiB;/);
  });

  it('accepts an event just under the bound', async () => {
    const events = await collect(readSse(chunks(`data: ${'x'.repeat(1000)}\n\n`), { maxEventBytes: 2048 }));
    assert.equal(events[0]?.data.length, 1000);
  });

  it('keeps reading past fields it does not know and a malformed retry', async () => {
    const events = await collect(readSse(chunks('foo: bar\nretry: soon\ndata: a\n\n', 'data: b\n\n')));
    assert.deepEqual(
      events.map((e) => e.data),
      ['a', 'b'],
    );
  });

  it('without a stated bound accepts a large whole answer of several MiB', async () => {
    const events = await collect(readSse(chunks(`data: ${'x'.repeat(3 * 1024 * 1024)}\n\n`)));
    assert.equal(events[0]?.data.length, 3 * 1024 * 1024);
  });
});
