// A structured answer on Anthropic is a forced tool: its streamed input is the answer text, and
// the turn finishes as a normal stop rather than as a tool call.
import * as assert from 'node:assert/strict';
import type { SseEvent } from '../../../../src/core/http/sse';
import { ANTHROPIC_PRESET } from '../../../../src/core/providers/anthropic/preset';
import { createAnthropicStreamMapper } from '../../../../src/core/providers/anthropic/stream-mapper';
import type { StreamEvent } from '../../../../src/core/types';

function play(answerTool: string | undefined, toolName: string): StreamEvent[] {
  const m = createAnthropicStreamMapper(ANTHROPIC_PRESET, [], { answerTool });
  const out: StreamEvent[] = [];
  const send = (o: Record<string, unknown>) => out.push(...m.onEvent({ event: String(o.type), data: JSON.stringify(o) } as SseEvent));
  send({ type: 'message_start', message: { id: 'm', model: 'claude', usage: { input_tokens: 10, output_tokens: 1 } } });
  send({ type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 'toolu_1', name: toolName, input: {} } });
  for (const p of ['{"a":', ' 1, "b": "', 'x"}'])
    send({ type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: p } });
  send({ type: 'content_block_stop', index: 0 });
  send({ type: 'message_delta', delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 12 } });
  send({ type: 'message_stop' });
  out.push(...m.onEnd());
  return out;
}

describe('anthropic structured answer via a forced tool', () => {
  it('streams the tool input as answer text and finishes with stop', () => {
    const ev = play('answer', 'answer');
    assert.equal(ev.map((e) => (e.type === 'text-delta' ? e.text : '')).join(''), '{"a": 1, "b": "x"}');
    assert.equal(
      ev.some((e) => e.type === 'tool-call'),
      false,
    );
    const finish = ev.find((e) => e.type === 'finish');
    assert.equal(finish?.type === 'finish' ? finish.reason : undefined, 'stop');
  });

  it('any other tool stays a tool call', () => {
    const ev = play('answer', 'get_weather');
    assert.deepEqual(
      ev.filter((e) => e.type === 'tool-call').map((e) => (e.type === 'tool-call' ? e.call.args : undefined)),
      [{ a: 1, b: 'x' }],
    );
    const finish = ev.find((e) => e.type === 'finish');
    assert.equal(finish?.type === 'finish' ? finish.reason : undefined, 'tool_calls');
  });
});
