// The hot-path check that stands in for zod on Gemini's common frame. It must never accept what
// the schema rejects, must carry the common frame past zod, and any surprise must still get full
// validation and the same error as before. (Anthropic's is tested in its own folder.)
import * as assert from 'node:assert/strict';
import { isPlainGeminiFrame } from '../../../src/core/providers/gemini/fast-path';
import { GEMINI_PRESET } from '../../../src/core/providers/gemini/preset';
import { geminiResponseSchema } from '../../../src/core/providers/gemini/response-schema';
import { createGeminiStreamMapper } from '../../../src/core/providers/gemini/stream-mapper';
import { geminiFrame } from '../../sim/gemini-wire';
import { agreesWithZod, countingParses, feed, thrown } from './fast-path-helpers';

const GEMINI_TEXT = geminiFrame({ parts: [{ text: 'hi' }], usage: { prompt: 5, candidates: 1 } });

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
