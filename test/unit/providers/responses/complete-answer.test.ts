// A `response` object returned whole reads, through the same mapper, as the stream it amounts
// to; any other body (an error object, text, null) fails with what it says.
import * as assert from 'node:assert/strict';
import { OPENAI } from '../../../../src/core/providers/openai/presets';
import { responsesAdapter } from '../../../../src/core/providers/responses/adapter';
import { responsesCompleteAnswer } from '../../../../src/core/providers/responses/complete-answer';
import type { StreamEvent } from '../../../../src/core/types';
import { cannedTransport } from '../canned-body';
import { thrown } from '../thrown';
import { KEY, mapper } from './rig';

/** Every event the mapper makes of a complete answer, closing events included. */
function read(body: unknown): StreamEvent[] {
  const m = mapper();
  const out = responsesCompleteAnswer(body).flatMap((e) => m.onEvent(e));
  return [...out, ...m.onEnd()];
}

describe('responses complete answer', () => {
  it('reads metadata, message text and refusals in order, then the finish', () => {
    const events = read({
      id: 'resp_9',
      model: 'gpt-x',
      status: 'completed',
      output: [
        { type: 'message' },
        {
          type: 'message',
          content: [
            { type: 'output_text', text: 'Hello' },
            { type: 'output_text', text: '' },
            { type: 'refusal', refusal: ' but no.' },
          ],
        },
      ],
      usage: { input_tokens: 3, output_tokens: 2 },
    });
    assert.deepEqual(events, [
      { type: 'response-metadata', provider: 'openai', modelId: 'gpt-x', requestId: 'resp_9' },
      { type: 'text-delta', text: 'Hello' },
      { type: 'text-delta', text: ' but no.' },
      { type: 'usage', usage: { inputTokens: 3, outputTokens: 2, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 } },
      { type: 'finish', reason: 'stop', rawReason: 'completed' },
    ]);
  });

  it('an incomplete response ends as length, and a function call as tool_calls', () => {
    assert.deepEqual(read({ status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' }, output: [] }).at(-1), {
      type: 'finish',
      reason: 'length',
      rawReason: 'max_output_tokens',
    });
    const call = read({ status: 'completed', output: [{ type: 'function_call', call_id: 'c', name: 'f', arguments: '{}' }] });
    assert.deepEqual(call.slice(-2), [
      { type: 'tool-call', call: { type: 'tool-call', id: 'c', name: 'f', args: {} } },
      { type: 'finish', reason: 'tool_calls', rawReason: 'completed' },
    ]);
  });

  it('a failed response fails with its error', () => {
    const e = thrown(() => read({ status: 'failed', error: { code: 'server_error', message: 'It broke' }, output: [] }));
    assert.equal(e.category, 'server');
    assert.match(e.message, /reported the response failed: It broke\./);
  });

  it('an error object, a response with no output, text or null fails with what it says', () => {
    const e = thrown(() => read({ error: { code: 'rate_limit_exceeded', message: 'Slow down' } }));
    assert.equal(e.category, 'rate_limit');
    assert.match(e.message, /error mid-stream: Slow down\./);
    assert.match(thrown(() => read({ error: 'plain words' })).message, /error mid-stream: plain words\./);
    assert.match(thrown(() => read({ id: 'resp_1', status: 'queued' })).message, /error mid-stream: /);
    assert.match(thrown(() => read('Bad gateway')).message, /error mid-stream: Bad gateway\./);
    assert.match(thrown(() => read(null)).message, /error mid-stream: null\./);
  });
});

describe('responses adapter over a canned body', () => {
  async function run(body: string, over: object = {}, descriptor = OPENAI): Promise<StreamEvent[]> {
    const ctx = { descriptor, http: cannedTransport([Buffer.from(body)]), apiKey: KEY };
    const out: StreamEvent[] = [];
    for await (const e of responsesAdapter.streamChat(ctx, { model: 'm', messages: [{ role: 'user', content: 'hi' }], ...over }))
      out.push(e);
    return out;
  }

  it('redacts the key from an error event, and adds no warnings of its own', async () => {
    const events = await run(`data: ${JSON.stringify({ type: 'error', code: 'server_error', message: `boom ${KEY}` })}\n\n`);
    assert.deepEqual(
      events.map((e) => e.type),
      ['response-metadata', 'error', 'finish'],
    );
    const err = events[1];
    assert.ok(err.type === 'error' && !err.error.message.includes(KEY), JSON.stringify(err));
  });

  it('a request the host cannot serve fails as a stream', async () => {
    const noTools = { ...OPENAI, capabilities: { ...OPENAI.capabilities, tools: false } };
    const events = await run('', { tools: [{ name: 'f', parameters: {} }] }, noTools);
    assert.deepEqual(
      events.map((e) => (e.type === 'error' ? e.error.category : e.type)),
      ['bad_request', 'finish'],
    );
  });
});
