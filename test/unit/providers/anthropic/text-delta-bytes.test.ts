// Anthropic's text deltas read from their exact bytes, without JSON.parse: only the form Anthropic
// writes, giving exactly what JSON.parse gives, and anything else left to JSON.parse and zod.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { isPlainTextDelta, plainTextDeltaText } from '../../../../src/core/providers/anthropic/fast-path';
import { ANTHROPIC_PRESET } from '../../../../src/core/providers/anthropic/preset';
import { createAnthropicStreamMapper } from '../../../../src/core/providers/anthropic/stream-mapper';
import { completeFrames } from '../../../sim/anthropic-wire';
import { countingJsonParses } from '../fast-path-helpers';

/** What the mapper must make of one data line: the text of a plain text delta, else undefined. */
function viaJsonParse(line: string): string | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return undefined;
  }
  return isPlainTextDelta(raw) ? (raw as { delta: { text: string } }).delta.text : undefined;
}

describe('hot-path checks: anthropic text deltas as Anthropic writes them', () => {
  const line = (text: string, index = 0) => JSON.stringify({ type: 'content_block_delta', index, delta: { type: 'text_delta', text } });

  it('reads the text of a delta in its usual bytes without JSON.parse', () => {
    const frames = completeFrames(
      { text: Array.from({ length: 200 }, (_, i) => `t${i} `), usage: { input: 5, output: 200 }, stopReason: 'end_turn' },
      'm',
    );
    const { result, calls } = countingJsonParses(() => {
      const m = createAnthropicStreamMapper(ANTHROPIC_PRESET);
      return frames.flatMap((f) => m.onEvent({ data: f.data, event: f.event, id: undefined }));
    });
    assert.equal(result.filter((e) => e.type === 'text-delta').length, 200);
    assert.ok(calls < 10, `JSON.parse ran ${calls} times for 200 text deltas`);
  });

  it('gives exactly what JSON.parse gives for any text and index, or leaves the line to it', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('a"b', 'a\\b', '\n', '\u0000', '\ud800')),
        fc.integer(),
        (text, index) => {
          const l = line(text, index);
          const fast = plainTextDeltaText(l);
          if (fast !== undefined) assert.equal(fast, viaJsonParse(l));
        },
      ),
      { numRuns: 3000 },
    );
    assert.equal(plainTextDeltaText(line('hello', 3)), 'hello');
    assert.equal(plainTextDeltaText(line('')), '');
  });

  it('never reads a line JSON.parse would read differently (any character changed, added or removed)', () => {
    const base = line('a word');
    fc.assert(
      fc.property(
        fc.nat(base.length),
        fc.nat(3),
        fc.oneof(fc.constantFrom('"', '\\', '}', '{', ',', ' ', '0', '-', '.', 'e', ':', '\u0001', 'x', ''), fc.string({ maxLength: 3 })),
        (at, drop, insert) => {
          const l = base.slice(0, at) + insert + base.slice(at + drop);
          const fast = plainTextDeltaText(l);
          if (fast !== undefined) assert.equal(fast, viaJsonParse(l), l);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('leaves other events, other deltas and unusual spacing to JSON.parse and zod', () => {
    assert.equal(
      plainTextDeltaText(JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'x' } })),
      undefined,
    );
    assert.equal(
      plainTextDeltaText('{"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "x"}}'),
      undefined,
    );
    assert.equal(plainTextDeltaText(line('x', 2 ** 53)), undefined);
    assert.equal(plainTextDeltaText(line('x', -1)), undefined);
    assert.equal(plainTextDeltaText(`${line('x')} `), undefined);
    assert.equal(plainTextDeltaText(line('x').replace('}}', ',"extra":1}}')), undefined);
  });
});
