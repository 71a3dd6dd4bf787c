// The hot-path check that stands in for zod on Anthropic's text deltas. It must never accept what
// the schema rejects, must carry the common delta past zod, and any surprise must still get full
// validation and the same error as before.
import * as assert from 'node:assert/strict';
import { anthropicStreamEventSchema } from '../../../../src/core/providers/anthropic/event-schema';
import { isPlainTextDelta } from '../../../../src/core/providers/anthropic/fast-path';
import { ANTHROPIC_PRESET } from '../../../../src/core/providers/anthropic/preset';
import { createAnthropicStreamMapper } from '../../../../src/core/providers/anthropic/stream-mapper';
import { completeFrames } from '../../../sim/anthropic-wire';
import { agreesWithZod, countingParses, feed, thrown } from '../fast-path-helpers';

const TEXT_DELTA = { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'hi' } };

describe('hot-path checks: anthropic text deltas', () => {
  it('accepts the common text delta and never what zod rejects', () => {
    assert.ok(isPlainTextDelta(TEXT_DELTA));
    agreesWithZod(TEXT_DELTA, isPlainTextDelta, (r) => anthropicStreamEventSchema.safeParse(r));
  });

  it('sends only the first chunks of a long stream through zod', () => {
    const frames = completeFrames(
      { text: Array.from({ length: 200 }, (_, i) => `t${i} `), usage: { input: 5, output: 200 }, stopReason: 'end_turn' },
      'm',
    );
    const { result, calls } = countingParses(anthropicStreamEventSchema, () => {
      const m = createAnthropicStreamMapper(ANTHROPIC_PRESET);
      return feed(
        m,
        frames.map((f) => JSON.parse(f.data)),
      );
    });
    assert.equal(result.filter((e) => e.type === 'text-delta').length, 200);
    assert.ok(calls < 10, `zod ran ${calls} times for 200 text deltas`);
  });

  it('a surprising delta after fast ones still gets full validation and the same error', () => {
    const bad = { ...TEXT_DELTA, delta: { type: 'text_delta', text: 5 } };
    const m = createAnthropicStreamMapper(ANTHROPIC_PRESET);
    feed(m, [TEXT_DELTA, TEXT_DELTA]);
    const e = thrown(() => feed(m, [bad]));
    assert.equal(e.category, 'protocol');
    assert.equal(e.retryable, true);
    assert.equal(e.message, `${ANTHROPIC_PRESET.displayName} sent a malformed "content_block_delta" event (field delta.text).`);
    const wrongIndex = thrown(() => feed(createAnthropicStreamMapper(ANTHROPIC_PRESET), [TEXT_DELTA, { ...TEXT_DELTA, index: 1.5 }]));
    assert.match(wrongIndex.message, /malformed "content_block_delta" event \(field index\)/);
  });

  it('a text delta with an extra field of the wrong type is still rejected', () => {
    const e = thrown(() =>
      feed(createAnthropicStreamMapper(ANTHROPIC_PRESET), [{ ...TEXT_DELTA, delta: { ...TEXT_DELTA.delta, signature: 1 } }]),
    );
    assert.match(e.message, /field delta\.signature/);
  });
});

describe('anthropic text deltas in shapes the fast path must leave to zod', () => {
  const mapper = () => createAnthropicStreamMapper(ANTHROPIC_PRESET);

  it('a delta that is null, a string or carries a mistyped field is a protocol error, never a crash', () => {
    const shapes: [unknown, RegExp][] = [
      [{ ...TEXT_DELTA, delta: null }, /field delta/],
      [{ ...TEXT_DELTA, delta: 'hi' }, /field delta/],
      [{ ...TEXT_DELTA, index: '0' }, /field index/],
      [{ ...TEXT_DELTA, delta: { ...TEXT_DELTA.delta, thinking: 5 } }, /field delta\.thinking/],
      [{ ...TEXT_DELTA, delta: { ...TEXT_DELTA.delta, partial_json: 5 } }, /field delta\.partial_json/],
    ];
    for (const [shape, field] of shapes) {
      const e = thrown(() => feed(mapper(), [shape]));
      assert.equal(e.category, 'protocol', JSON.stringify(shape));
      assert.match(e.message, field);
    }
  });

  it('text-delta-shaped content in another event or delta type is not text', () => {
    const other = { type: 'message_delta', index: 0, delta: { type: 'text_delta', text: 'not text' } };
    assert.deepEqual(feed(mapper(), [other]), []);
    assert.deepEqual(feed(mapper(), [{ ...TEXT_DELTA, delta: { type: 'citations_delta', text: 'x' } }]), []);
  });

  it('an empty text delta shows nothing', () => {
    assert.deepEqual(feed(mapper(), [{ ...TEXT_DELTA, delta: { type: 'text_delta', text: '' } }]), []);
  });

  it('a chunk that is JSON but not an object is a protocol error that quotes it', () => {
    for (const data of ['5', 'null', '"text"']) {
      const e = thrown(() => mapper().onEvent({ data, event: 'content_block_delta' }));
      assert.equal(e.category, 'protocol');
      assert.equal(e.retryable, true);
      assert.equal(e.message, `Anthropic sent a stream chunk that is not an object: ${data}`);
    }
  });

  it('every text delta of a long stream skips zod', () => {
    const deltas = Array.from({ length: 50 }, (_, i) => ({ ...TEXT_DELTA, delta: { type: 'text_delta', text: `t${i}` } }));
    const { result, calls } = countingParses(anthropicStreamEventSchema, () => feed(mapper(), deltas));
    assert.equal(result.length, 50);
    assert.equal(calls, 0);
  });
});
