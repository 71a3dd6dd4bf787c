// OpenAI-compatible text chunks read against a learned template: a chunk that repeats a checked
// chunk's bytes around new text skips JSON.parse, and gives the same events as parsing each.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { MISTRAL } from '../../../../src/core/providers/openai/presets';
import { OpenAIStreamMapper } from '../../../../src/core/providers/openai/stream-mapper';
import { textChunks } from '../../../sim/openai';
import { countingJsonParses } from '../fast-path-helpers';

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
