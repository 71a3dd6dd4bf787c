// The hot-path checks that stand in for zod on the common chunk of each family. They must never
// accept what the schema rejects, must carry the common chunk past zod, and any surprise must
// still get full validation and the same error as before.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ProviderError } from '../../../src/core/errors';
import { anthropicStreamEventSchema } from '../../../src/core/providers/anthropic/event-schema';
import { isPlainTextDelta, plainTextDeltaText } from '../../../src/core/providers/anthropic/fast-path';
import { ANTHROPIC_PRESET } from '../../../src/core/providers/anthropic/preset';
import { createAnthropicStreamMapper } from '../../../src/core/providers/anthropic/stream-mapper';
import { isPlainGeminiFrame } from '../../../src/core/providers/gemini/fast-path';
import { GEMINI_PRESET } from '../../../src/core/providers/gemini/preset';
import { geminiResponseSchema } from '../../../src/core/providers/gemini/response-schema';
import { createGeminiStreamMapper } from '../../../src/core/providers/gemini/stream-mapper';
import type { StreamMapper } from '../../../src/core/providers/stream-driver';
import type { StreamEvent } from '../../../src/core/types';
import { completeFrames } from '../../sim/anthropic-wire';
import { geminiFrame } from '../../sim/gemini-wire';
import { jsonValue, mutate, paths } from '../shape-mutations';
import { MISTRAL } from '../../../src/core/providers/openai/presets';
import { OpenAIStreamMapper } from '../../../src/core/providers/openai/stream-mapper';
import { textChunks } from '../../sim/openai';

const TEXT_DELTA = { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'hi' } };
const GEMINI_TEXT = geminiFrame({ parts: [{ text: 'hi' }], usage: { prompt: 5, candidates: 1 } });

function agreesWithZod(base: unknown, fast: (raw: unknown) => boolean, safeParse: (raw: unknown) => { success: boolean }) {
  const all = paths(base);
  fc.assert(
    fc.property(fc.constantFrom(...all), fc.option(jsonValue, { nil: undefined }), (path, value) => {
      const raw = mutate(base, path, value);
      if (fast(raw)) assert.ok(safeParse(raw).success, `fast path accepted what zod rejects: ${JSON.stringify(raw)}`);
    }),
    { numRuns: 2000 },
  );
}

/** Counts calls to a schema's safeParse while `body` runs. */
function countingParses<T>(schema: { safeParse: (...a: never[]) => unknown }, body: () => T): { result: T; calls: number } {
  const original = schema.safeParse;
  let calls = 0;
  schema.safeParse = ((...a: never[]) => {
    calls++;
    return original.apply(schema, a);
  }) as typeof original;
  try {
    return { result: body(), calls };
  } finally {
    schema.safeParse = original;
  }
}

function feed(mapper: StreamMapper, payloads: unknown[], event?: string): StreamEvent[] {
  const out: StreamEvent[] = [];
  for (const p of payloads) out.push(...mapper.onEvent({ data: JSON.stringify(p), event, id: undefined }));
  return out;
}

function thrown(f: () => unknown): ProviderError {
  try {
    f();
  } catch (e) {
    return e as ProviderError;
  }
  throw new Error('expected a throw');
}

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

/** Counts JSON.parse calls while `body` runs. */
function countingJsonParses<T>(body: () => T): { result: T; calls: number } {
  const original = JSON.parse;
  let calls = 0;
  JSON.parse = ((...a: Parameters<typeof JSON.parse>) => {
    calls++;
    return original(...a);
  }) as typeof JSON.parse;
  try {
    return { result: body(), calls };
  } finally {
    JSON.parse = original;
  }
}

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

describe('hot-path checks: openai-compatible text chunks', () => {
  const objs = textChunks({ pieces: Array.from({ length: 200 }, (_, i) => `t${i} `), model: 'm' });
  const run = (lines: string[]) => {
    const m = new OpenAIStreamMapper(MISTRAL);
    const out = lines.flatMap((data) => m.onEvent({ data, event: undefined, id: undefined }));
    return [...out, ...m.onEnd()];
  };

  it('reads chunks that repeat a checked chunk around new text without JSON.parse', () => {
    const lines = [...objs.map((o) => JSON.stringify(o)), '[DONE]'];
    const { result, calls } = countingJsonParses(() => run(lines));
    assert.equal(result.filter((e) => e.type === 'text-delta').length, 200);
    assert.ok(calls < 10, `JSON.parse ran ${calls} times for 200 text chunks`);
  });

  it('gives the same events as parsing every chunk, whatever the texts and extra fields', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.constantFrom('"', '\\', '\n', '')), { minLength: 1, maxLength: 12 }),
        fc.boolean(),
        (pieces, random) => {
          const chunks = textChunks({ pieces, model: 'm' }) as Record<string, unknown>[];
          // A field that differs in every chunk (as a host's padding may) leaves each to JSON.parse.
          const lines = chunks.map((c, i) => JSON.stringify(random ? { ...c, pad: 'x'.repeat(i) } : c));
          const viaTemplate = run([...lines, '[DONE]']);
          const parsedEach = run([...lines.map((l) => ` ${l}`), '[DONE]']);
          assert.deepEqual(viaTemplate, parsedEach);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('hot-path checks: gemini text frames', () => {
  it('accepts the common text frame and never what zod rejects', () => {
    assert.ok(isPlainGeminiFrame(GEMINI_TEXT));
    assert.ok(isPlainGeminiFrame(geminiFrame({ parts: [{ text: 'x', thought: true }], finishReason: 'STOP' })));
    agreesWithZod(GEMINI_TEXT, isPlainGeminiFrame, (r) => geminiResponseSchema.safeParse(r));
    agreesWithZod(geminiFrame({ parts: [{ text: 'x' }], finishReason: 'STOP' }), isPlainGeminiFrame, (r) =>
      geminiResponseSchema.safeParse(r),
    );
  });

  it('sends only the first frames of a long stream through zod', () => {
    const frames = Array.from({ length: 200 }, (_, i) =>
      geminiFrame({ parts: [{ text: `t${i} ` }], usage: { prompt: 5, candidates: i + 1 } }),
    );
    const { result, calls } = countingParses(geminiResponseSchema, () =>
      feed(createGeminiStreamMapper({ descriptor: GEMINI_PRESET }), frames),
    );
    assert.equal(result.filter((e) => e.type === 'text-delta').length, 200);
    assert.ok(calls < 10, `zod ran ${calls} times for 200 frames`);
  });

  it('a surprising frame after fast ones still gets full validation and the same error', () => {
    const m = createGeminiStreamMapper({ descriptor: GEMINI_PRESET });
    feed(m, [GEMINI_TEXT, GEMINI_TEXT]);
    const bad = geminiFrame({ parts: [{ text: 'x' }] });
    ((bad.candidates as { content: { parts: unknown[] } }[])[0].content.parts[0] as Record<string, unknown>).text = 7;
    const e = thrown(() => feed(m, [bad]));
    assert.equal(e.category, 'protocol');
    assert.equal(e.retryable, true);
    assert.match(e.message, /^Google Gemini sent a stream frame in an unexpected shape: Invalid input: expected string, received number\./);
    const nullUsage = thrown(() =>
      feed(createGeminiStreamMapper({ descriptor: GEMINI_PRESET }), [{ ...GEMINI_TEXT, usageMetadata: null }]),
    );
    assert.match(nullUsage.message, /unexpected shape/);
  });

  it('frames the fast path leaves alone (a function call, blocked prompt) map as before', () => {
    const m = createGeminiStreamMapper({ descriptor: GEMINI_PRESET });
    const call = { candidates: [{ content: { parts: [{ functionCall: { name: 'f', args: { a: 1 } } }] }, finishReason: 'STOP' }] };
    const out = feed(m, [call]);
    assert.equal(out.filter((e) => e.type === 'tool-call').length, 1);
    assert.deepEqual(m.onEnd().at(-1), { type: 'finish', reason: 'tool_calls', rawReason: 'STOP' });
  });
});
