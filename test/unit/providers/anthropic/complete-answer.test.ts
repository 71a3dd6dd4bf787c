// A host that ignores `stream: true` and answers with one Messages JSON object: the adapter must
// read it as the same answer a stream would have given, and pass anything else on as an error.
import * as assert from 'node:assert/strict';
import { anthropicAdapter } from '../../../../src/core/providers/anthropic/adapter';
import { ANTHROPIC_PRESET } from '../../../../src/core/providers/anthropic/preset';
import type { ChatRequest } from '../../../../src/core/types';
import { cannedTransport } from '../canned-body';
import { collect } from './harness';

const JSON_HEADERS = { 'content-type': 'application/json' };

function answer(body: unknown, req: Partial<ChatRequest> = {}) {
  const http = cannedTransport([new TextEncoder().encode(JSON.stringify(body))], JSON_HEADERS);
  return collect(
    anthropicAdapter.streamChat(
      { descriptor: ANTHROPIC_PRESET, http, apiKey: 'sk-ant-test-complete-0123456789' },
      { model: 'claude-x', messages: [{ role: 'user', content: 'Hi' }], ...req },
    ),
  );
}

const message = (content: unknown[], extra: Record<string, unknown> = {}) => ({
  id: 'msg_1',
  type: 'message',
  role: 'assistant',
  model: 'claude-x-20250101',
  content,
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 20, output_tokens: 6, cache_read_input_tokens: 4 },
  ...extra,
});

describe('anthropic adapter: a complete JSON answer', () => {
  it('text, thinking, tool calls, usage and the stop reason, as a stream would give them', async () => {
    const c = await answer(
      message(
        [
          { type: 'thinking', thinking: 'Plan.', signature: 'sig' },
          { type: 'text', text: 'Reading ' },
          { type: 'tool_use', id: 'toolu_1', name: 'read', input: { path: 'a.ts' } },
          { type: 'tool_use', id: 'toolu_2', name: 'list' },
          { type: 'server_tool_use', id: 'srv_1', name: 'web_search', input: { query: 'q' } },
        ],
        { stop_reason: 'tool_use' },
      ),
    );
    assert.equal(c.error, undefined, c.error?.message);
    assert.equal(c.text, 'Reading ');
    assert.equal(c.reasoning, 'Plan.');
    assert.deepEqual(
      c.events.filter((e) => e.type === 'reasoning-part'),
      [{ type: 'reasoning-part', part: { type: 'reasoning', text: 'Plan.', signature: 'sig', family: 'anthropic' } }],
    );
    assert.deepEqual(
      c.events.flatMap((e) => (e.type === 'tool-call' ? [e.call] : [])),
      [
        { type: 'tool-call', id: 'toolu_1', name: 'read', args: { path: 'a.ts' } },
        { type: 'tool-call', id: 'toolu_2', name: 'list', args: {} },
      ],
    );
    assert.deepEqual(c.usage, { inputTokens: 24, outputTokens: 6, cacheReadTokens: 4, cacheWriteTokens: 0, reasoningTokens: 0 });
    assert.deepEqual(c.finish, { reason: 'tool_calls', rawReason: 'tool_use' });
    assert.equal(Object.assign({}, ...c.metadata).modelId, 'claude-x-20250101');
  });

  it('a structured answer given as the forced tool call is the answer text', async () => {
    const c = await answer(message([{ type: 'tool_use', id: 't', name: 'verdict', input: { ok: true } }], { stop_reason: 'tool_use' }), {
      responseFormat: { type: 'json_schema', name: 'verdict', schema: { type: 'object' } },
    });
    assert.equal(c.text, '{"ok":true}');
    assert.deepEqual(c.finish, { reason: 'stop', rawReason: 'tool_use' });
  });

  it('an answer without usage still ends normally, with output counted as 0', async () => {
    const body = message([{ type: 'text', text: 'ok' }], { stop_reason: 'max_tokens' });
    delete (body as { usage?: unknown }).usage;
    const c = await answer(body);
    assert.equal(c.error, undefined, c.error?.message);
    assert.equal(c.text, 'ok');
    assert.equal(c.usage?.outputTokens, 0);
    assert.deepEqual(c.finish, { reason: 'length', rawReason: 'max_tokens' });
  });

  it('an error envelope sent with 200 is the error it describes', async () => {
    const c = await answer({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
    assert.equal(c.error?.category, 'overloaded');
    assert.equal(c.text, '');
    assert.equal(c.finish?.reason, 'error');
  });
});
