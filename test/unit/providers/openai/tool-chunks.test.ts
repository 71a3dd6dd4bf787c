// The hand-written check that lets tool-argument fragments skip zod must accept exactly what
// the schema accepts; and hosts that finish a tool-calling turn with "stop" still report tool_calls.
import * as assert from 'node:assert/strict';
import { chunkSchema, isPlainDeltaChunk } from '../../../../src/core/providers/openai/chunk-schema';
import { OpenAIStreamMapper } from '../../../../src/core/providers/openai/stream-mapper';
import { customOpenAIProvider } from '../../../../src/core/providers/openai/presets';
import type { SseEvent } from '../../../../src/core/http/sse';
import type { StreamEvent } from '../../../../src/core/types';

const withCalls = (tool_calls: unknown) => ({ id: 'x', model: 'm', choices: [{ index: 0, delta: { tool_calls }, finish_reason: null }] });

describe('openai tool-call fragments', () => {
  it('the fast check agrees with the zod schema on good and bad fragments', () => {
    const cases: unknown[] = [
      [{ index: 0, id: 'c', type: 'function', function: { name: 'f', arguments: '' } }],
      [{ index: 1, function: { arguments: '{"a' } }],
      [{ index: 0, function: null }],
      [{ index: 'zero', function: { arguments: '' } }],
      [{ index: -1, function: { arguments: '' } }],
      [{ index: 0, function: { arguments: 5 } }],
      [{ index: 0, function: [] }],
      ['fragment'],
      { index: 0 },
    ];
    for (const tc of cases) {
      const fast = isPlainDeltaChunk(withCalls(tc));
      const zod = chunkSchema.safeParse(withCalls(tc)).success;
      if (fast) assert.ok(zod, `the fast path vouched for ${JSON.stringify(tc)}, which the schema rejects`);
    }
    assert.equal(isPlainDeltaChunk(withCalls([{ index: 0, function: { arguments: 5 } }])), false);
    assert.equal(isPlainDeltaChunk(withCalls([{ index: 0, id: 'c', function: { name: 'f', arguments: '' } }])), true);
  });

  it('a turn with calls that finishes with "stop" (older vLLM, Ollama) reports tool_calls', () => {
    const m = new OpenAIStreamMapper(customOpenAIProvider({ id: 'h', displayName: 'H', baseUrl: 'http://127.0.0.1:1/v1' }));
    const events: StreamEvent[] = [];
    const raw = (data: string) => events.push(...m.onEvent({ data } as SseEvent));
    const send = (o: unknown) => raw(JSON.stringify(o));
    send(withCalls([{ index: 0, id: 'c1', type: 'function', function: { name: 'now', arguments: '' } }]));
    send({ id: 'x', model: 'm', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] });
    raw('[DONE]');
    events.push(...m.onEnd());
    assert.deepEqual(
      events.filter((e) => e.type === 'tool-call').map((e) => (e.type === 'tool-call' ? e.call.name : '')),
      ['now'],
    );
    const finish = events.find((e) => e.type === 'finish');
    assert.equal(finish?.type === 'finish' ? finish.reason : undefined, 'tool_calls');
  });
});
