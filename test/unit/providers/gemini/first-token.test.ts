// What stands between a Gemini response and its first token. The frame template (see
// GeminiFrameTemplate) serializes a frame twice to learn it; that work belongs after the first
// token has been handed over, not before.
import * as assert from 'node:assert/strict';
import { GEMINI_PRESET } from '../../../../src/core/providers/gemini/preset';
import { createGeminiStreamMapper } from '../../../../src/core/providers/gemini/stream-mapper';
import type { StreamMapper } from '../../../../src/core/providers/stream-driver';
import { geminiFrame, SIM_GEMINI_MODEL_VERSION, SIM_GEMINI_RESPONSE_ID } from '../../../sim/gemini-wire';
import { countingCalls, countingJsonParses } from '../fast-path-helpers';

describe('gemini stream: the first token', () => {
  const lines = ['Hello', ' there', ' you', ' all'].map((text, i) =>
    JSON.stringify(geminiFrame({ parts: [{ text }], usage: { prompt: 5, candidates: i + 1 } })),
  );
  const on = (m: StreamMapper, data: string) => m.onEvent({ data, event: undefined, id: undefined });

  it('is handed over without serializing anything', () => {
    const m = createGeminiStreamMapper({ descriptor: GEMINI_PRESET });
    const { result, calls } = countingCalls(JSON, 'stringify', () => on(m, lines[0]));
    assert.deepEqual(result, [
      { type: 'response-metadata', provider: GEMINI_PRESET.id, modelId: SIM_GEMINI_MODEL_VERSION, requestId: SIM_GEMINI_RESPONSE_ID },
      { type: 'text-delta', text: 'Hello' },
    ]);
    assert.equal(calls, 0);
  });

  it('the template is learned from the next text frame, and the one after skips JSON.parse', () => {
    const m = createGeminiStreamMapper({ descriptor: GEMINI_PRESET });
    on(m, lines[0]);
    assert.deepEqual(on(m, lines[1]), [{ type: 'text-delta', text: ' there' }]);
    const { result, calls } = countingJsonParses(() => on(m, lines[2]));
    assert.deepEqual(result, [{ type: 'text-delta', text: ' you' }]);
    assert.equal(calls, 0);
  });
});
