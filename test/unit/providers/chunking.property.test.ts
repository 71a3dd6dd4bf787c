// Property: how the network cuts a body never changes what a stream means. Any chunking of the
// same bytes (inside UTF-8 characters, inside lines, inside CRLF pairs) gives the same events.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { completeFrames } from '../../sim/anthropic-wire';
import { NORMAL_SCENARIOS } from '../../sim/anthropic-scenarios';
import { geminiSse } from '../../sim/gemini-wire';
import { textChunks, UTF8_PIECES } from '../../sim/openai';
import { frames } from '../../sim/openai-wire';
import { sseBytes } from '../../sim/server';
import { comparable, cutAt, eventsOf, FAMILIES, type Family } from './canned-body';

const enc = (s: string) => Buffer.from(s, 'utf8');

const BODIES: [Family, string, Uint8Array][] = [
  [
    FAMILIES.openai,
    'UTF-8 text, reasoning, usage, [DONE]',
    enc(frames(textChunks({ pieces: UTF8_PIECES, reasoning: ['Über ', '思考 🤔'] }), { comments: ['keep-alive'] })),
  ],
  [FAMILIES.openai, 'CRLF, no [DONE]', enc(frames(textChunks({ pieces: UTF8_PIECES }), { crlf: true, done: false }))],
  [FAMILIES.anthropic, 'UTF-8 text', enc(sseBytes(completeFrames(NORMAL_SCENARIOS['utf8-split'].spec, 'claude-sim')))],
  [FAMILIES.anthropic, 'thinking, CRLF', enc(sseBytes(completeFrames(NORMAL_SCENARIOS.thinking.spec, 'claude-sim'), { crlf: true }))],
  [
    FAMILIES.gemini,
    'UTF-8 text, usage in every frame',
    enc(
      geminiSse([
        { parts: [{ text: 'Grüße 👋 — ' }], usage: { prompt: 8 } },
        { parts: [{ text: '日本語のテキスト ✓ ', thought: true }], usage: { prompt: 8, thoughts: 3 } },
        { parts: [{ text: 'naïve café 🇫🇷' }], finishReason: 'STOP', usage: { prompt: 8, candidates: 9, thoughts: 3 } },
      ]),
    ),
  ],
];

describe('property: any chunking of a body gives the same events', () => {
  for (const [family, what, body] of BODIES) {
    it(`${family.name}: ${what}`, async () => {
      const whole = comparable(await eventsOf(family, [body]));
      assert.ok(
        whole.some((e) => (e as { type: string }).type === 'text-delta'),
        'the body is an answer',
      );
      assert.ok(!whole.some((e) => (e as { type: string }).type === 'error'), 'the body is read without error in one piece');
      const everyByte = comparable(
        await eventsOf(
          family,
          cutAt(
            body,
            Array.from({ length: body.length }, (_, i) => i),
          ),
        ),
      );
      assert.deepEqual(everyByte, whole, 'one byte per read');
      await fc.assert(
        fc.asyncProperty(fc.array(fc.integer({ min: 1, max: body.length - 1 }), { maxLength: 40 }), async (cuts) => {
          assert.deepEqual(comparable(await eventsOf(family, cutAt(body, cuts))), whole);
        }),
        { numRuns: 100 },
      );
    });
  }
});
