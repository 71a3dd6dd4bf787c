// Reading a Gemini text frame by its bytes around the text and the token counts must give the
// object JSON.parse gives, or decline; and whole streams must give the events they gave before.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { GeminiFrameTemplate } from '../../../../src/core/providers/gemini/frame-template';
import { GEMINI_PRESET } from '../../../../src/core/providers/gemini/preset';
import type { GeminiResponse } from '../../../../src/core/providers/gemini/response-schema';
import { createGeminiStreamMapper } from '../../../../src/core/providers/gemini/stream-mapper';

interface Counts {
  candidates: number;
  total: number;
}

/** A frame as Google streams it: one text part and cumulative usage. */
const frame = (text: string, c: Counts = { candidates: 1, total: 51 }) => ({
  candidates: [{ content: { parts: [{ text }], role: 'model' }, index: 0 }],
  usageMetadata: {
    promptTokenCount: 50,
    candidatesTokenCount: c.candidates,
    totalTokenCount: c.total,
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: 50 }],
  },
  modelVersion: 'gemini-2.5-flash',
  responseId: 'resp-1',
});

function learned(): GeminiFrameTemplate {
  const t = new GeminiFrameTemplate();
  const first = frame('first');
  t.learn(JSON.stringify(first), first as GeminiResponse);
  return t;
}

const anyText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom('a"b', '\\', '\n', '\u0000', '\uE000\uF8FF\uE000', '"}],"role":"model"'),
);
const anyCount = fc.oneof(fc.nat(), fc.constantFrom(0, 10, 1e15, 1e16, 2 ** 53, -1, 1.5, 1e21));

describe('GeminiFrameTemplate', () => {
  it('reads a frame that differs from the learned one in its text and counts', () => {
    const t = learned();
    const next = frame(' next', { candidates: 7, total: 57 });
    assert.deepEqual(t.read(JSON.stringify(next)), next);
    assert.deepEqual(t.read(JSON.stringify(frame(''))), frame(''));
  });

  it('gives exactly what JSON.parse gives for any text and counts, or declines', () => {
    const t = learned();
    fc.assert(
      fc.property(anyText, anyCount, anyCount, (text, candidates, total) => {
        const line = JSON.stringify(frame(text, { candidates, total }));
        const fast = t.read(line);
        if (fast !== undefined) assert.deepEqual(fast, JSON.parse(line));
        else
          assert.ok(
            /["\\\u0000-\u001f]/.test(text) ||
              !Number.isSafeInteger(candidates) ||
              !Number.isSafeInteger(total) ||
              candidates < 0 ||
              total < 0 ||
              String(total).length > 15 ||
              String(candidates).length > 15,
            line,
          );
      }),
      { numRuns: 3000 },
    );
  });

  it('never reads a changed line differently from JSON.parse (any character changed, added or removed)', () => {
    const t = learned();
    const base = JSON.stringify(frame('a word', { candidates: 12, total: 62 }));
    fc.assert(
      fc.property(
        fc.nat(base.length),
        fc.nat(3),
        fc.oneof(
          fc.constantFrom('"', '\\', '}', ']', ',', ' ', '0', '1', '.5', 'e1', '-', 'null', ':', '\u0001', 'x', ''),
          fc.string({ maxLength: 3 }),
        ),
        (at, drop, insert) => {
          const line = base.slice(0, at) + insert + base.slice(at + drop);
          const fast = t.read(line);
          if (fast === undefined) return;
          assert.deepEqual(fast, JSON.parse(line), line);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('learns only a compact one-part text frame without a finish reason, and gives up after a few', () => {
    const later = JSON.stringify(frame('y'));
    const spaced = new GeminiFrameTemplate();
    spaced.learn(JSON.stringify(frame('x'), null, 1), frame('x') as GeminiResponse);
    assert.equal(spaced.read(later), undefined);
    const withThought = { ...frame('x'), candidates: [{ content: { parts: [{ text: 'x', thought: true }] } }] };
    const finished = { ...frame('x'), candidates: [{ content: { parts: [{ text: 'x' }] }, finishReason: 'STOP' }] };
    for (const f of [withThought, finished]) {
      const t = new GeminiFrameTemplate();
      t.learn(JSON.stringify(f), f as GeminiResponse);
      assert.equal(
        t.read(
          JSON.stringify({
            ...f,
            candidates: [{ ...f.candidates[0], content: { parts: [{ ...f.candidates[0].content.parts[0], text: 'y' }] } }],
          }),
        ),
        undefined,
      );
    }
    const t = new GeminiFrameTemplate();
    for (let i = 0; i < 3; i++) t.learn(`${JSON.stringify(frame('x'))} `, frame('x') as GeminiResponse);
    t.learn(JSON.stringify(frame('x')), frame('x') as GeminiResponse);
    assert.equal(t.read(later), undefined);
  });
});

const mapper = () => createGeminiStreamMapper({ descriptor: GEMINI_PRESET, secrets: [] });

/** Every event of a stream of lines, and how it ended. */
function events(lines: string[]): unknown[] {
  const m = mapper();
  const out: unknown[] = [];
  try {
    for (const data of lines) out.push(...m.onEvent({ data } as never));
    out.push(...m.onEnd());
  } catch (e) {
    out.push({ threw: (e as Error).message });
  }
  return out;
}

/** Frames that mostly fit the template, with ones that do not mixed in. */
const streamFrame = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(anyText, anyCount, anyCount).map(([text, candidates, total]) => frame(text, { candidates, total })) },
  { weight: 1, arbitrary: anyText.map((text) => ({ ...frame(text), modelVersion: 'gemini-2.5-pro' })) },
  { weight: 1, arbitrary: anyText.map((text) => ({ candidates: [{ content: { parts: [{ text, thought: true }] } }] })) },
  {
    weight: 1,
    arbitrary: anyText.map((text) => ({ ...frame(text), candidates: [{ content: { parts: [{ text }] }, finishReason: 'STOP' }] })),
  },
  { weight: 1, arbitrary: fc.constant({ candidates: [{ content: { parts: [{ functionCall: { name: 'f', args: {} } }] } }] }) },
);

describe('gemini stream mapper with the frame template', () => {
  it('gives the same events as parsing every frame in full', () => {
    fc.assert(
      fc.property(fc.array(streamFrame, { maxLength: 12 }), (frames) => {
        const lines = frames.map((f) => JSON.stringify(f));
        // A leading space is valid JSON that is never JSON.stringify's output, so nothing is learned.
        const full = events(lines.map((l) => ` ${l}`));
        assert.deepEqual(events(lines), full);
      }),
      { numRuns: 1500 },
    );
  });

  it('parses only the first two of a run of text frames (the first token goes out before learning)', () => {
    const lines = ['one', ' two', ' three', ' four'].map((w, i) => JSON.stringify(frame(w, { candidates: i + 1, total: 51 + i })));
    const parse = JSON.parse;
    let parsed = 0;
    JSON.parse = (...args: Parameters<typeof parse>) => {
      parsed++;
      return parse(...args) as unknown;
    };
    let out: unknown[];
    try {
      out = events(lines);
    } finally {
      JSON.parse = parse;
    }
    assert.equal(parsed, 2);
    assert.deepEqual(out, events(lines.map((l) => ` ${l}`)));
  });
});
