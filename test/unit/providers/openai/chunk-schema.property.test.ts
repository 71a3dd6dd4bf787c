// Property: the hand-written fast path for plain chunks vouches only for what the zod schema
// accepts (anything else would reach the mapper unvalidated), and every plain text, reasoning or
// tool-fragment chunk a host streams does take it.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { chunkSchema, isPlainDeltaChunk, validateChunk } from '../../../../src/core/providers/openai/chunk-schema';

/** Any JSON value a misbehaving host might put in a field. */
const anyValue = fc.oneof(
  fc.constant(null),
  fc.string({ maxLength: 3 }),
  fc.integer({ min: -2, max: 3 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1, max: 1 }),
  fc.boolean(),
  fc.constant([]),
  fc.constant({}),
  fc.constant([{ type: 'text', text: 'x' }]),
  fc.constant({ prompt_tokens: 1 }),
  fc.constant([null]),
  fc.constant(2 ** 53),
  fc.constant(-1),
);

const text = fc.string({ maxLength: 4 });
const plainFragment = fc.record(
  {
    index: fc.integer({ min: 0, max: 5 }),
    id: fc.oneof(fc.constant(null), text),
    type: fc.constant('function'),
    function: fc.oneof(fc.constant(null), fc.record({ name: fc.oneof(fc.constant(null), text), arguments: text }, { requiredKeys: [] })),
  },
  { requiredKeys: [] },
);
/** The chunks that make up nearly every stream: one choice with text, reasoning or tool fragments. */
const plainChunk = fc.record(
  {
    id: fc.oneof(fc.constant(null), text),
    model: fc.oneof(fc.constant(null), text),
    provider: fc.oneof(fc.constant(null), text),
    usage: fc.constant(null),
    error: fc.constant(null),
    choices: fc.tuple(
      fc.record(
        {
          index: fc.nat(3),
          finish_reason: fc.oneof(fc.constant(null), fc.constantFrom('stop', 'length', 'tool_calls')),
          delta: fc.oneof(
            fc.constant(null),
            fc.record(
              {
                role: fc.oneof(fc.constant(null), fc.constant('assistant')),
                content: fc.oneof(fc.constant(null), text),
                reasoning_content: fc.oneof(fc.constant(null), text),
                reasoning: fc.oneof(fc.constant(null), text),
                tool_calls: fc.oneof(fc.constant(null), fc.array(plainFragment, { maxLength: 2 })),
                reasoning_details: fc.constant(null),
              },
              { requiredKeys: [] },
            ),
          ),
        },
        { requiredKeys: [] },
      ),
    ),
  },
  { requiredKeys: ['choices'] },
);

/** Every field the fast path checks, by where it sits in a chunk. */
const FIELDS: (string | number)[][] = [
  ['id'],
  ['model'],
  ['provider'],
  ['usage'],
  ['error'],
  ['x_groq'],
  ['choices'],
  ['choices', 0],
  ['choices', 1],
  ['choices', 0, 'index'],
  ['choices', 0, 'finish_reason'],
  ['choices', 0, 'delta'],
  ...['role', 'content', 'reasoning_content', 'reasoning', 'tool_calls', 'reasoning_details'].map((k) => ['choices', 0, 'delta', k]),
  ['choices', 0, 'delta', 'tool_calls', 0],
  ...['index', 'id', 'type', 'function'].map((k) => ['choices', 0, 'delta', 'tool_calls', 0, k]),
  ['choices', 0, 'delta', 'tool_calls', 0, 'function', 'name'],
  ['choices', 0, 'delta', 'tool_calls', 0, 'function', 'arguments'],
];

/** Sets `value` at `path`, making the containers on the way when they are missing. */
function setAt(root: Record<string, unknown>, path: (string | number)[], value: unknown): void {
  let at = root as Record<string | number, unknown>;
  for (const [i, key] of path.slice(0, -1).entries()) {
    const next = at[key];
    if (typeof next !== 'object' || next === null) at[key] = typeof path[i + 1] === 'number' ? [] : {};
    at = at[key] as Record<string | number, unknown>;
  }
  at[path[path.length - 1]] = value;
}

/** A plain chunk with one field replaced by any JSON value, as the wire would deliver it. */
const corrupted = fc.tuple(plainChunk, fc.constantFrom(...FIELDS), anyValue).map(([c, path, value]) => {
  const copy = JSON.parse(JSON.stringify(c)) as Record<string, unknown>;
  setAt(copy, path, value);
  return JSON.parse(JSON.stringify(copy)) as unknown;
});

describe('openai chunk validation (property)', () => {
  it('the fast path vouches only for chunks the schema accepts, and validation agrees with the schema', () => {
    fc.assert(
      fc.property(corrupted, (c) => {
        const zod = chunkSchema.safeParse(c).success;
        if (isPlainDeltaChunk(c)) assert.ok(zod, `fast path accepted what zod rejects: ${JSON.stringify(c)}`);
        assert.equal(validateChunk(c).ok, zod, JSON.stringify(c));
      }),
      { numRuns: 1500 },
    );
  });

  it('every plain text, reasoning or tool-fragment chunk takes the fast path', () => {
    fc.assert(
      fc.property(plainChunk, (c) => {
        assert.ok(isPlainDeltaChunk(c), JSON.stringify(c));
        assert.ok(chunkSchema.safeParse(c).success);
      }),
      { numRuns: 1000 },
    );
  });

  it('not an object, an array of chunks, or a chunk without exactly one choice goes to the schema', () => {
    for (const c of [null, 'chunk', 7, [{ choices: [{ delta: { content: 'x' } }] }], { id: 'a' }, { choices: [] }, { choices: [null] }])
      assert.equal(isPlainDeltaChunk(c), false, JSON.stringify(c));
    assert.equal(isPlainDeltaChunk({ choices: [{ delta: { content: 'x' } }, { delta: { content: 'y' } }] }), false);
  });

  it('names the first wrong field, or the root, in the issue', () => {
    const at = (c: unknown) => {
      const r = validateChunk(c);
      return r.ok ? 'ok' : r.issue;
    };
    assert.match(at({ choices: [{ index: 'x' }] }), /^choices\.0\.index: /);
    assert.match(at('text'), /^\(root\): /);
    assert.match(at({ usage: { prompt_tokens: '1' } }), /^usage\.prompt_tokens: /);
  });
});
