// The hand checks that stand in for zod on the few framing events of each Anthropic stream. They
// must never accept what the schema rejects, must give what the schema's parse gives, and must
// leave everything else to zod with the same errors as before.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { anthropicStreamEventSchema } from '../../../../src/core/providers/anthropic/event-schema';
import { checkedFramingEvent } from '../../../../src/core/providers/anthropic/fast-path';
import { ANTHROPIC_PRESET } from '../../../../src/core/providers/anthropic/preset';
import { createAnthropicStreamMapper } from '../../../../src/core/providers/anthropic/stream-mapper';
import { completeFrames, type AnthropicStreamSpec } from '../../../sim/anthropic-wire';
import { jsonValue, mutate, paths } from '../../shape-mutations';
import { countingParses, feed, thrown } from '../fast-path-helpers';

const SPEC: AnthropicStreamSpec = {
  text: ['Hello', ' world'],
  usage: { input: 12, output: 40, cacheRead: 3, cacheWrite: 4 },
  thinkingTokens: 7,
  stopReason: 'stop_sequence',
  stopSequence: '###',
  interimOutputs: [10],
  deltaRepeatsInput: true,
};

const framing = completeFrames(SPEC, 'claude-x')
  .map((f) => JSON.parse(f.data) as Record<string, unknown>)
  .filter((e) => e.type !== 'content_block_delta');

describe('hot-path checks: anthropic framing events', () => {
  it('a whole plain answer runs zod on none of its events', () => {
    const payloads = completeFrames(SPEC, 'claude-x').map((f) => JSON.parse(f.data) as unknown);
    const { result, calls } = countingParses(anthropicStreamEventSchema, () =>
      feed(createAnthropicStreamMapper(ANTHROPIC_PRESET), payloads),
    );
    assert.deepEqual(
      result.map((e) => e.type),
      ['response-metadata', 'text-delta', 'text-delta'],
    );
    assert.equal(calls, 0);
  });

  it('covers every framing event of a plain answer', () => {
    assert.deepEqual(
      framing.map((e) => e.type),
      ['message_start', 'ping', 'content_block_start', 'ping', 'content_block_stop', 'message_delta', 'message_delta', 'message_stop'],
    );
    for (const e of framing) assert.equal(checkedFramingEvent(e), e, JSON.stringify(e));
  });

  it('accepts only what zod accepts, and then gives what zod gives', () => {
    for (const base of framing) {
      fc.assert(
        fc.property(fc.constantFrom(...paths(base)), fc.option(jsonValue, { nil: undefined }), (path, value) => {
          const raw = mutate(base, path, value) as Record<string, unknown>;
          const fast = checkedFramingEvent(raw);
          if (fast === undefined) return;
          const zod = anthropicStreamEventSchema.safeParse(raw);
          assert.ok(zod.success, `accepted what zod rejects: ${JSON.stringify(raw)}`);
          assert.deepEqual(fast, zod.data);
        }),
        { numRuns: 400 },
      );
    }
  });

  it('leaves error events and mistyped framing events to zod, with the errors as before', () => {
    const cases: [unknown, RegExp][] = [
      [{ type: 'message_start', message: { model: 'm', usage: null } }, /malformed "message_start" event \(field message\.usage\)/],
      [{ type: 'message_start', message: { usage: { input_tokens: -1 } } }, /field message\.usage\.input_tokens/],
      [{ type: 'message_delta', delta: { stop_reason: 5 } }, /malformed "message_delta" event \(field delta\.stop_reason\)/],
      [{ type: 'content_block_start', index: 0, content_block: { type: 'text', text: 1 } }, /field content_block\.text/],
      [{ type: 'content_block_stop', index: 0.5 }, /field index/],
      [{ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }, /Overloaded/],
    ];
    for (const [payload, message] of cases) {
      const mapper = createAnthropicStreamMapper(ANTHROPIC_PRESET);
      const { result: e, calls } = countingParses(anthropicStreamEventSchema, () => thrown(() => feed(mapper, [payload])));
      assert.match(e.message, message, JSON.stringify(payload));
      assert.equal(calls, 1, JSON.stringify(payload));
    }
  });
});
