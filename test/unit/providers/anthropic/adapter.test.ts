// The adapter's own duties around the mappers: no stray warnings, a request it cannot build
// ends as a typed error without a call, and the key is scrubbed before a quote is cut short.
import * as assert from 'node:assert/strict';
import { anthropicAdapter } from '../../../../src/core/providers/anthropic/adapter';
import { ANTHROPIC_PRESET } from '../../../../src/core/providers/anthropic/preset';
import type { HttpTransport } from '../../../../src/core/http/client';
import type { ChatRequest } from '../../../../src/core/types';
import { cannedTransport } from '../canned-body';
import { collect } from './harness';

const KEY = 'sk-ant-test-SENTINEL-adapter-0123456789abcdef';
const REQ: ChatRequest = { model: 'claude-x', messages: [{ role: 'user', content: 'Hi' }] };
const sse = (...frames: [string, unknown][]) =>
  new TextEncoder().encode(
    frames.map(([event, data]) => `event: ${event}\ndata: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`).join(''),
  );

describe('anthropic adapter', () => {
  it('a plain request streams no warnings', async () => {
    const body = sse(
      ['message_start', { type: 'message_start', message: { model: 'claude-x' } }],
      ['content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'ok' } }],
      ['message_stop', { type: 'message_stop' }],
    );
    const c = await collect(anthropicAdapter.streamChat({ descriptor: ANTHROPIC_PRESET, http: cannedTransport([body]), apiKey: KEY }, REQ));
    assert.equal(c.text, 'ok');
    assert.deepEqual(
      c.events.filter((e) => e.type === 'warning'),
      [],
    );
  });

  it('a request the host cannot serve ends as bad_request without a call', async () => {
    let calls = 0;
    const http: HttpTransport = {
      send: async () => {
        calls++;
        throw new Error('must not be called');
      },
    };
    const descriptor = { ...ANTHROPIC_PRESET, capabilities: { ...ANTHROPIC_PRESET.capabilities, structuredOutput: false } };
    const c = await collect(
      anthropicAdapter.streamChat(
        { descriptor, http, apiKey: KEY },
        { ...REQ, responseFormat: { type: 'json_schema', name: 'a', schema: {} } },
      ),
    );
    assert.equal(calls, 0);
    assert.equal(c.error?.category, 'bad_request');
    assert.deepEqual(c.finish, { reason: 'error', rawReason: undefined });
  });

  it('a garbled chunk that quotes the key across the quote limit shows no part of it', async () => {
    const garbled = `${'x'.repeat(100)}${KEY}${'y'.repeat(40)}`;
    const body = sse(['message_start', { type: 'message_start', message: { model: 'claude-x' } }], ['content_block_delta', garbled]);
    const c = await collect(anthropicAdapter.streamChat({ descriptor: ANTHROPIC_PRESET, http: cannedTransport([body]), apiKey: KEY }, REQ));
    assert.equal(c.error?.category, 'protocol');
    assert.ok(!c.error.message.includes(KEY.slice(0, 12)), c.error.message);
  });
});
