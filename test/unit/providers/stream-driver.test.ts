// The streaming loop every family shares, driven by a scripted mapper: one metadata event per
// call, whether output began when a stream fails (it decides retries), usage charged once,
// cancellation, broken connections and the key kept out of every error.
import * as assert from 'node:assert/strict';
import { ProviderError } from '../../../src/core/errors';
import type { HttpTransport } from '../../../src/core/http/client';
import { parseJsonChunk } from '../../../src/core/providers/stream-driver';
import type { StreamEvent, Usage } from '../../../src/core/types';
import { drive, KEY, scriptedMapper, scriptedTransport, sse } from './stream-driver-harness';

const TEXT: StreamEvent = { type: 'text-delta', text: 'Hi' };
const COUNTS: Usage = { inputTokens: 3, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };
const USAGE: StreamEvent = { type: 'usage', usage: COUNTS };
const FINISH: StreamEvent = { type: 'finish', reason: 'stop', rawReason: 'end_turn' };
const RATE_HEADERS = {
  'request-id': 'req_hdr',
  'anthropic-ratelimit-requests-limit': '50',
  'anthropic-ratelimit-requests-remaining': '49',
};
const RATE = { requestsLimit: 50, requestsRemaining: 49, tokensLimit: undefined, tokensRemaining: undefined };
const metadataOf = (events: StreamEvent[]) => events.filter((e) => e.type === 'response-metadata');
const errorOf = (events: StreamEvent[]) => events.flatMap((e) => (e.type === 'error' ? [e.error] : []))[0];

describe('driveStream: metadata', () => {
  it('the headers make one metadata event, before the first output', async () => {
    const { http } = scriptedTransport(200, [sse({ emit: [TEXT] }, { emit: [TEXT], done: true })], RATE_HEADERS);
    const events = await drive(http, scriptedMapper([FINISH]));
    assert.deepEqual(events, [{ type: 'response-metadata', provider: 'host', requestId: 'req_hdr', rateLimit: RATE }, TEXT, TEXT, FINISH]);
  });

  it("a mapper's metadata is merged with the headers', the header request id winning", async () => {
    const own: StreamEvent = { type: 'response-metadata', provider: 'host', modelId: 'm-1', requestId: 'body_id' };
    const { http } = scriptedTransport(200, [sse({ emit: [own, TEXT], done: true })], RATE_HEADERS);
    const events = await drive(http, scriptedMapper());
    assert.deepEqual(metadataOf(events), [{ ...own, requestId: 'req_hdr', rateLimit: RATE }]);
    const bare = scriptedTransport(200, [sse({ emit: [{ ...own, rateLimit: { requestsRemaining: 1 } }], done: true })]);
    assert.deepEqual(metadataOf(await drive(bare.http, scriptedMapper())), [{ ...own, rateLimit: { requestsRemaining: 1 } }]);
  });

  it('a stream with no events still reports its headers once, before the finish', async () => {
    const { http } = scriptedTransport(200, [sse({ done: true })], RATE_HEADERS);
    const events = await drive(http, scriptedMapper([FINISH]));
    assert.deepEqual(
      events.map((e) => e.type),
      ['response-metadata', 'finish'],
    );
  });

  it('a refusal (any status outside 2xx) reports its headers once, then its error, without reading a stream', async () => {
    for (const status of [300, 429, 500]) {
      const { http } = scriptedTransport(status, [sse({ emit: [TEXT], done: true })], RATE_HEADERS);
      const events = await drive(http, scriptedMapper());
      assert.deepEqual(
        events.map((e) => e.type),
        ['response-metadata', 'error', 'finish'],
        String(status),
      );
      assert.equal(errorOf(events).status, status);
    }
  });

  it('a call that never got an answer reports no metadata', async () => {
    const http: HttpTransport = { send: async () => Promise.reject(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })) };
    const events = await drive(http, scriptedMapper());
    assert.deepEqual(
      events.map((e) => e.type),
      ['error', 'finish'],
    );
    assert.equal(errorOf(events).category, 'network');
    assert.match(errorOf(events).message, /ECONNREFUSED\. The connection broke\.$/);
  });

  it('warnings known before sending come first', async () => {
    const warning: StreamEvent = { type: 'warning', warning: { parameter: 'temperature', message: 'dropped' } };
    const { http } = scriptedTransport(200, [sse({ done: true })]);
    assert.deepEqual((await drive(http, scriptedMapper(), { leading: [warning] }))[0], warning);
  });
});

describe('driveStream: a stream that fails', () => {
  const started: StreamEvent[] = [
    TEXT,
    { type: 'reasoning-delta', text: 'hm' },
    { type: 'tool-call', call: { type: 'tool-call', id: 'c', name: 'f', args: {} } },
    { type: 'tool-call-invalid', id: 'c', name: 'f', rawArgs: '{', reason: 'bad' },
  ];
  for (const first of started) {
    it(`after a ${first.type}, the error says output started (no retry may repeat it)`, async () => {
      const { http } = scriptedTransport(200, [sse({ emit: [first] }, { fail: 'broken' })]);
      const error = errorOf(await drive(http, scriptedMapper()));
      assert.equal(error.outputStarted, true);
    });
  }

  it('after only usage or a warning, output has not started', async () => {
    const warning: StreamEvent = { type: 'warning', warning: { parameter: 'x', message: 'y' } };
    const { http } = scriptedTransport(200, [sse({ emit: [USAGE, warning] }, { fail: 'broken' })]);
    const events = await drive(http, scriptedMapper());
    assert.equal(errorOf(events).outputStarted, false);
    assert.deepEqual(events.at(-1), { type: 'finish', reason: 'error' });
  });

  it('usage already sent is not charged again; usage only the mapper saw is sent before the error', async () => {
    const sent = scriptedTransport(200, [sse({ emit: [USAGE] }, { fail: 'broken' })]);
    const partial = { ...COUNTS, outputTokens: 9 };
    const once = await drive(sent.http, scriptedMapper([], partial));
    assert.equal(once.filter((e) => e.type === 'usage').length, 1);
    const unsent = scriptedTransport(200, [sse({ emit: [TEXT] }, { fail: 'broken' })]);
    const events = await drive(unsent.http, scriptedMapper([], partial));
    assert.deepEqual(
      events.slice(-3).map((e) => e.type),
      ['usage', 'error', 'finish'],
    );
    assert.deepEqual(events.at(-3), { type: 'usage', usage: partial });
  });

  it('a warning is not usage: usage only the mapper saw is still charged', async () => {
    const warning: StreamEvent = { type: 'warning', warning: { parameter: 'x', message: 'y' } };
    const { http } = scriptedTransport(200, [sse({ emit: [warning] }, { fail: 'broken' })]);
    const events = await drive(http, scriptedMapper([], COUNTS));
    assert.deepEqual(
      events.filter((e) => e.type === 'usage'),
      [USAGE],
    );
  });

  it('a stream cut before its terminator reports its headers once, then the error', async () => {
    const { http } = scriptedTransport(200, [sse({ emit: [] })]);
    const cut = {
      ...scriptedMapper(),
      onEnd: (): StreamEvent[] => {
        throw new ProviderError({ category: 'protocol', provider: 'host', message: 'cut short' });
      },
    };
    const events = await drive(http, cut);
    assert.deepEqual(
      events.map((e) => e.type),
      ['response-metadata', 'error', 'finish'],
    );
  });

  it('nothing after the terminator is read', async () => {
    const { http } = scriptedTransport(200, [sse({ emit: [TEXT], done: true }, { fail: 'never read' })]);
    const events = await drive(http, scriptedMapper([FINISH]));
    assert.equal(errorOf(events), undefined);
    assert.deepEqual(events.at(-1), FINISH);
  });

  it('a connection that breaks mid-answer says so; a typed error keeps its own words', async () => {
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    const broken = await drive(scriptedTransport(200, [sse({ emit: [TEXT] }), reset]).http, scriptedMapper());
    assert.equal(errorOf(broken).category, 'network');
    assert.match(errorOf(broken).message, /ECONNRESET\. The connection broke mid-answer\.$/);
    const typed = new ProviderError({ category: 'network', provider: 'host', message: 'Typed failure.' });
    const kept = await drive(scriptedTransport(200, [sse({ emit: [TEXT] }), typed]).http, scriptedMapper());
    assert.equal(errorOf(kept).message, 'Typed failure.');
    const idle = Object.assign(new Error('idle'), { code: 'UND_ERR_BODY_TIMEOUT' });
    const timeout = await drive(scriptedTransport(200, [idle]).http, scriptedMapper());
    assert.equal(errorOf(timeout).category, 'timeout');
    assert.deepEqual(
      timeout.map((e) => e.type),
      ['response-metadata', 'error', 'finish'],
      'an answer that failed before its first event still reports its headers',
    );
    assert.doesNotMatch(errorOf(timeout).message, /connection broke/);
  });

  it('an error quoting the key is scrubbed', async () => {
    const { http } = scriptedTransport(200, [sse({ fail: `upstream said ${KEY}` })]);
    const error = errorOf(await drive(http, scriptedMapper()));
    assert.ok(!error.message.includes(KEY), error.message);
  });

  it('an event larger than the configured bound is refused', async () => {
    const big = sse({ emit: [{ type: 'text-delta', text: 'x'.repeat(500) }], done: true });
    // Split, so the parser holds the unfinished event.
    const events = await drive(scriptedTransport(200, [big.slice(0, 300), big.slice(300)]).http, scriptedMapper(), {
      maxSseEventBytes: 100,
    });
    assert.equal(errorOf(events).category, 'protocol');
    assert.match(errorOf(events).message, /larger than 0\.09765625 KiB/);
  });
});

describe('driveStream: cancellation', () => {
  it('a stream cancelled mid-answer ends as cancelled, with output started', async () => {
    const ac = new AbortController();
    const { http } = scriptedTransport(200, [sse({ emit: [TEXT] }), sse({ emit: [TEXT] }, { done: true })]);
    const events = await drive(http, scriptedMapper([FINISH]), {
      signal: ac.signal,
      onEvent: (e) => e.type === 'text-delta' && ac.abort(),
    });
    assert.equal(errorOf(events).category, 'cancelled');
    assert.equal(errorOf(events).outputStarted, true);
    assert.deepEqual(events.at(-1), { type: 'finish', reason: 'cancelled' });
  });

  it('any failure after the signal fired is a cancellation; a cancellation error keeps its words', async () => {
    const ac = new AbortController();
    ac.abort();
    const net = new ProviderError({ category: 'network', provider: 'host', message: 'reset' });
    const events = await drive(scriptedTransport(200, [net]).http, scriptedMapper(), { signal: ac.signal });
    assert.equal(errorOf(events).category, 'cancelled');
    assert.equal(errorOf(events).message, 'Request cancelled.');
    const own = new ProviderError({ category: 'cancelled', provider: 'host', message: 'Stopped by the user.', retryable: false });
    const kept = await drive(scriptedTransport(200, [own]).http, scriptedMapper(), { signal: ac.signal });
    assert.equal(errorOf(kept).message, 'Stopped by the user.');
  });
});

describe('driveStream: the first output', () => {
  it('goes out as soon as it is mapped, before the rest of its read is', async () => {
    const mapper = scriptedMapper([FINISH]);
    let mapped = 0;
    const onEvent = mapper.onEvent.bind(mapper);
    mapper.onEvent = (e) => (mapped++, onEvent(e));
    const seenAtText: number[] = [];
    const oneRead = sse({ emit: [] }, { emit: [TEXT] }, { emit: [TEXT] }, { emit: [USAGE] }, { done: true });
    const events = await drive(scriptedTransport(200, [oneRead]).http, mapper, {
      onEvent: (e) => void (e.type === 'text-delta' && seenAtText.push(mapped)),
    });
    // The first text once mapped; the rest of the read then in one pass, as every later read.
    assert.deepEqual(seenAtText, [2, 5]);
    assert.deepEqual(
      events.map((e) => e.type),
      ['response-metadata', 'text-delta', 'text-delta', 'usage', 'finish'],
    );
  });
});

describe('driveStream: the raw bytes', () => {
  it("a mapper's onBytes sees every read of an event stream, in order, each before its events are mapped", async () => {
    const seen: string[] = [];
    const mapper = scriptedMapper([FINISH]);
    const onEvent = mapper.onEvent.bind(mapper);
    mapper.onEvent = (e) => {
      seen.push(`event ${e.data}`);
      return onEvent(e);
    };
    mapper.onBytes = (chunk) => seen.push(`bytes ${Buffer.from(chunk).toString('utf8')}`);
    const first = sse({ emit: [TEXT] });
    const { http } = scriptedTransport(200, [first, 'data: {"done":true}', '\n\n{"error":1}']);
    await drive(http, mapper);
    assert.deepEqual(seen, [
      `bytes ${first}`,
      `event ${JSON.stringify({ emit: [TEXT] })}`,
      'bytes data: {"done":true}',
      'bytes \n\n{"error":1}',
      'event {"done":true}',
    ]);
  });

  it('a malformed last event the host closed without its blank line still fails the stream, after what came before it', async () => {
    const events = await drive(scriptedTransport(200, [sse({ emit: [TEXT] }), 'data: {"fail":"bad last"}']).http, scriptedMapper([FINISH]));
    assert.deepEqual(
      events.filter((e) => e.type !== 'response-metadata').map((e) => (e.type === 'error' ? `error ${e.error.message}` : e.type)),
      ['text-delta', 'error bad last', 'finish'],
    );
  });

  it('a JSON answer is not shown to onBytes', async () => {
    const seen: Uint8Array[] = [];
    const mapper = scriptedMapper([FINISH]);
    mapper.onBytes = (chunk) => seen.push(chunk);
    const { http } = scriptedTransport(200, ['{"emit":[]}'], { 'content-type': 'application/json' });
    const events = await drive(http, mapper, { readComplete: (body) => [{ data: JSON.stringify(body), event: undefined, id: undefined }] });
    assert.deepEqual(seen, []);
    assert.deepEqual(events.at(-1), FINISH);
  });
});

describe('parseJsonChunk', () => {
  it('garbage is a retryable protocol error quoting it, the key scrubbed', () => {
    assert.deepEqual(parseJsonChunk('{"a":1}', 'host', []), { a: 1 });
    assert.throws(
      () => parseJsonChunk(`{bad ${KEY}`, 'host', [KEY]),
      (e: unknown) =>
        e instanceof ProviderError &&
        e.category === 'protocol' &&
        e.retryable &&
        e.message.startsWith('host sent a malformed stream chunk (not JSON): {bad ') &&
        !e.message.includes(KEY),
    );
  });
});
