// ChatRequest → Anthropic request body: hoisting, merging, images, thinking, limits.
import * as assert from 'node:assert/strict';
import { buildAnthropicBody, buildAnthropicHttpRequest, toAnthropicMessages } from '../../../../src/core/providers/anthropic/build-request';
import { ANTHROPIC_PRESET } from '../../../../src/core/providers/anthropic/preset';
import type { HttpTransport } from '../../../../src/core/http/client';
import type { ChatRequest, Warning } from '../../../../src/core/types';

const d = ANTHROPIC_PRESET;
const req = (r: Partial<ChatRequest>): ChatRequest => ({ model: 'claude-x', messages: [{ role: 'user', content: 'Hi' }], ...r });

describe('anthropic request building', () => {
  it('hoists every system message into the top-level system field', () => {
    const body = buildAnthropicBody(
      req({
        messages: [
          { role: 'system', content: 'Be terse.' },
          { role: 'user', content: 'Hi' },
          { role: 'system', content: [{ type: 'text', text: 'Use TypeScript.' }] },
        ],
      }),
      d,
    );
    assert.equal(body.system, 'Be terse.\n\nUse TypeScript.');
    assert.deepEqual(body.messages, [{ role: 'user', content: 'Hi' }]);
  });

  it('omits system when there is none', () => {
    assert.equal('system' in buildAnthropicBody(req({}), d), false);
  });

  it('merges consecutive same-role turns, as the API requires alternation', () => {
    const msgs = toAnthropicMessages([
      { role: 'user', content: 'one' },
      { role: 'user', content: 'two' },
      { role: 'system', content: 'ignored here' },
      { role: 'user', content: 'three' },
      { role: 'assistant', content: 'A' },
      { role: 'assistant', content: 'B' },
      { role: 'user', content: 'four' },
    ]);
    assert.deepEqual(msgs, [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'one' },
          { type: 'text', text: 'two' },
          { type: 'text', text: 'three' },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'A' },
          { type: 'text', text: 'B' },
        ],
      },
      { role: 'user', content: 'four' },
    ]);
  });

  it('drops empty turns, and merges the neighbours they separated', () => {
    const msgs = toAnthropicMessages([
      { role: 'user', content: 'a' },
      { role: 'assistant', content: '' },
      { role: 'user', content: 'b' },
    ]);
    assert.deepEqual(msgs, [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'a' },
          { type: 'text', text: 'b' },
        ],
      },
    ]);
  });

  it('trims trailing whitespace of a final assistant prefill', () => {
    const msgs = toAnthropicMessages([
      { role: 'user', content: 'JSON please' },
      { role: 'assistant', content: '{ \n' },
    ]);
    assert.deepEqual(msgs[1], { role: 'assistant', content: '{' });
  });

  it('sends images as base64 source blocks in user turns only', () => {
    const msgs = toAnthropicMessages([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is this?' },
          { type: 'image', mediaType: 'image/png', data: 'iVBORw0KGgo=' },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'image', mediaType: 'image/png', data: 'AAAA' },
          { type: 'text', text: 'A logo.' },
        ],
      },
    ]);
    assert.deepEqual(msgs, [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is this?' },
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
        ],
      },
      { role: 'assistant', content: 'A logo.' },
    ]);
  });

  it('sends a tool turn with plain text content as user text', () => {
    assert.deepEqual(toAnthropicMessages([{ role: 'tool', content: 'result' }]), [{ role: 'user', content: 'result' }]);
  });

  it('always sets max_tokens: the request value, else the descriptor default', () => {
    assert.equal(buildAnthropicBody(req({ maxOutputTokens: 300 }), d).max_tokens, 300);
    assert.equal(buildAnthropicBody(req({}), d).max_tokens, 8192);
    assert.equal(buildAnthropicBody(req({}), { ...d, defaultMaxOutputTokens: 1234 }).max_tokens, 1234);
    assert.equal(buildAnthropicBody(req({}), { ...d, defaultMaxOutputTokens: undefined }).max_tokens, 8192);
    assert.equal(buildAnthropicBody(req({ maxOutputTokens: 0 }), d).max_tokens, 8192);
  });

  it('passes temperature (clamped to 0..1) and non-blank stop sequences', () => {
    const body = buildAnthropicBody(req({ temperature: 0.3, stopSequences: ['END', '', '  '] }), d);
    assert.equal(body.temperature, 0.3);
    assert.deepEqual(body.stop_sequences, ['END']);
    assert.equal(buildAnthropicBody(req({ temperature: 1.7 }), d).temperature, 1);
    assert.equal('stop_sequences' in buildAnthropicBody(req({ stopSequences: [] }), d), false);
    assert.equal('temperature' in buildAnthropicBody(req({}), d), false);
  });

  it('marks a clamped temperature as changed, not dropped', () => {
    const w: Warning[] = [];
    buildAnthropicBody(req({ temperature: 1.7 }), d, w);
    assert.deepEqual(
      w.map((x) => [x.parameter, x.changed]),
      [['temperature', true]],
    );
  });

  it('enables thinking with a budget, drops temperature, and keeps room for the answer', () => {
    const body = buildAnthropicBody(
      req({ temperature: 0.2, maxOutputTokens: 2000, providerOptions: { anthropic: { thinkingBudgetTokens: 4000 } } }),
      d,
    );
    assert.deepEqual(body.thinking, { type: 'enabled', budget_tokens: 4000 });
    assert.equal('temperature' in body, false);
    assert.equal(body.max_tokens, 6000);
    assert.ok((body.max_tokens as number) > 4000);
  });

  it('raises a thinking budget below the API minimum to 1024', () => {
    const body = buildAnthropicBody(req({ providerOptions: { anthropic: { thinkingBudgetTokens: 100 } } }), d);
    assert.deepEqual(body.thinking, { type: 'enabled', budget_tokens: 1024 });
  });

  it('applies extraBody last, so it can override anything', () => {
    const body = buildAnthropicBody(
      req({ providerOptions: { anthropic: { extraBody: { max_tokens: 7, metadata: { user_id: 'u1' } } } } }),
      d,
    );
    assert.equal(body.max_tokens, 7);
    assert.deepEqual(body.metadata, { user_id: 'u1' });
  });

  it('builds the HTTP call: URL under the base path, headers, key only in x-api-key', () => {
    const http: HttpTransport = { send: () => Promise.reject(new Error('unused')) };
    const hr = buildAnthropicHttpRequest(
      { descriptor: { ...d, baseUrl: 'http://127.0.0.1:9/proxy/v1/' }, http, apiKey: 'sk-ant-test-SENTINEL-x' },
      req({}),
    );
    assert.equal(hr.method, 'POST');
    assert.equal(hr.url, 'http://127.0.0.1:9/proxy/v1/messages');
    assert.equal(hr.headers['x-api-key'], 'sk-ant-test-SENTINEL-x');
    assert.equal(hr.headers['anthropic-version'], '2023-06-01');
    assert.equal(hr.headers['content-type'], 'application/json');
    assert.equal(hr.headers.accept, 'text/event-stream');
    assert.equal(hr.provider, 'anthropic');
    assert.ok(!hr.body!.includes('SENTINEL'));
  });
});
