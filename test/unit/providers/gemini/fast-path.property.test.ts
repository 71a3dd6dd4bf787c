// Property: the hand-written check that lets a Gemini text frame skip zod vouches only for what
// geminiResponseSchema accepts (anything else would reach the mapper unvalidated), and every plain
// text or thought frame a host streams does take it.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { isPlainGeminiFrame } from '../../../../src/core/providers/gemini/fast-path';
import { geminiResponseSchema } from '../../../../src/core/providers/gemini/response-schema';
import { jsonValue, mutate, paths } from '../../shape-mutations';

const text = fc.string({ maxLength: 4 });
const count = fc.nat(5_000);
const plainPart = fc.record({ text, thought: fc.boolean(), thoughtSignature: text }, { requiredKeys: [] });
const plainUsage = fc.record(
  {
    promptTokenCount: count,
    candidatesTokenCount: count,
    thoughtsTokenCount: count,
    cachedContentTokenCount: count,
    toolUsePromptTokenCount: count,
    totalTokenCount: count,
  },
  { requiredKeys: [] },
);
const plainCandidate = fc.record(
  {
    content: fc.record({ parts: fc.array(plainPart, { minLength: 1, maxLength: 2 }), role: fc.constant('model') }, { requiredKeys: [] }),
    finishReason: fc.constantFrom('STOP', 'MAX_TOKENS'),
    finishMessage: text,
    index: fc.nat(1),
  },
  { requiredKeys: [] },
);
/** The frames nearly every stream is made of: text or thought parts, cumulative usage, ids. */
const plainFrame = fc.record(
  { candidates: fc.array(plainCandidate, { maxLength: 2 }), usageMetadata: plainUsage, modelVersion: text, responseId: text },
  { requiredKeys: [] },
);

/** A plain frame with one field (anywhere, or a made-up key) replaced by any JSON value, or removed. */
const mutatedFrame = plainFrame.chain((frame) =>
  fc.tuple(fc.constantFrom(...paths(frame)), fc.option(jsonValue, { nil: undefined })).map(([path, value]) => mutate(frame, path, value)),
);

const accepts = (raw: unknown) => geminiResponseSchema.safeParse(raw).success;

describe('gemini fast path against geminiResponseSchema', () => {
  it('takes every plain text, thought and usage frame', () => {
    fc.assert(
      fc.property(plainFrame, (frame) => {
        assert.ok(accepts(frame), 'the generator makes only valid frames');
        assert.equal(isPlainGeminiFrame(frame), true, JSON.stringify(frame));
      }),
      { numRuns: 400 },
    );
  });

  it('never vouches for a frame zod rejects, whatever one field holds', () => {
    fc.assert(
      fc.property(mutatedFrame, (raw) => {
        if (isPlainGeminiFrame(raw)) assert.ok(accepts(raw), `fast path accepted what zod rejects: ${JSON.stringify(raw)}`);
      }),
      { numRuns: 3_000 },
    );
  });

  it('never vouches for a frame that is not an object', () => {
    fc.assert(fc.property(jsonValue, (raw) => assert.equal(isPlainGeminiFrame(raw), accepts(raw))));
    for (const raw of [null, [], [{}], 'frame', 7]) assert.equal(isPlainGeminiFrame(raw), false, JSON.stringify(raw));
  });

  it('leaves function calls and prompt feedback to zod', () => {
    const call = { candidates: [{ content: { parts: [{ functionCall: { name: 'f', args: {} } }] } }] };
    assert.ok(accepts(call));
    assert.equal(isPlainGeminiFrame(call), false);
    const blocked = { promptFeedback: { blockReason: 'SAFETY' } };
    assert.ok(accepts(blocked));
    assert.equal(isPlainGeminiFrame(blocked), false);
  });
});
