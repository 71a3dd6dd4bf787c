// What stands between an OpenAI-compatible response and its first token. The text template
// (see TextTemplate) serializes a chunk twice to learn it; that work belongs after the first
// token has been handed over, not before.
import * as assert from 'node:assert/strict';
import { MISTRAL } from '../../../../src/core/providers/openai/presets';
import { OpenAIStreamMapper } from '../../../../src/core/providers/openai/stream-mapper';
import { textChunks } from '../../../sim/openai';
import { countingCalls, countingJsonParses } from '../fast-path-helpers';

describe('openai-compatible stream: the first token', () => {
  const lines = textChunks({ pieces: ['Hello', ' there', ' you', ' all'], model: 'm' }).map((o) => JSON.stringify(o));
  const on = (m: OpenAIStreamMapper, data: string) => m.onEvent({ data, event: undefined, id: undefined });

  it('is handed over without serializing anything', () => {
    const m = new OpenAIStreamMapper(MISTRAL);
    const { result, calls } = countingCalls(JSON, 'stringify', () => [...on(m, lines[0]), ...on(m, lines[1])]);
    assert.deepEqual(result, [
      { type: 'response-metadata', provider: MISTRAL.id, modelId: 'm', requestId: 'chatcmpl-sim-1', upstreamProvider: undefined },
      { type: 'text-delta', text: 'Hello' },
    ]);
    assert.equal(calls, 0);
  });

  it('the template is learned from the next text chunk, and the one after skips JSON.parse', () => {
    const m = new OpenAIStreamMapper(MISTRAL);
    on(m, lines[0]);
    on(m, lines[1]);
    assert.deepEqual(on(m, lines[2]), [{ type: 'text-delta', text: ' there' }]);
    const { result, calls } = countingJsonParses(() => on(m, lines[3]));
    assert.deepEqual(result, [{ type: 'text-delta', text: ' you' }]);
    assert.equal(calls, 0);
  });
});
