// The helpers every family's request builder shares: message parts, tool results, URLs, the key
// header and the request id a support ticket needs.
import * as assert from 'node:assert/strict';
import { ANTHROPIC_PRESET } from '../../../src/core/providers/anthropic/preset';
import { argsJson, partsOf, resultHasImage, resultParts, resultText, toolCallsById } from '../../../src/core/providers/message-parts';
import { authHeaders, joinUrl, requestIdFrom } from '../../../src/core/providers/request-util';
import type { ContentPart, ToolResultPart } from '../../../src/core/types';

const IMAGE: ContentPart = { type: 'image', mediaType: 'image/png', data: 'AAAA' };
const result = (content: ToolResultPart['content']): ToolResultPart => ({ type: 'tool-result', toolCallId: 'c1', content });

describe('message parts', () => {
  it('a string is one text part, an empty one none; parts pass through', () => {
    assert.deepEqual(partsOf('hi'), [{ type: 'text', text: 'hi' }]);
    assert.deepEqual(partsOf(''), []);
    assert.deepEqual(partsOf([IMAGE]), [IMAGE]);
  });

  it('tool calls are found by id across the conversation, string turns skipped', () => {
    const call = { type: 'tool-call' as const, id: 'c1', name: 'read', args: { p: 1 } };
    const byId = toolCallsById([
      { role: 'user', content: 'q' },
      { role: 'assistant', content: [{ type: 'text', text: 'x' }, call] },
      { role: 'tool', content: [result('ok')] },
    ]);
    assert.deepEqual([...byId.entries()], [['c1', call]]);
  });

  it("a result's parts, its text without images, and whether it carries one", () => {
    assert.deepEqual(resultParts(result('ok')), [{ type: 'text', text: 'ok' }]);
    const mixed = result([{ type: 'text', text: 'a' }, IMAGE, { type: 'text', text: 'b' }]);
    assert.deepEqual(resultParts(mixed), mixed.content);
    assert.equal(resultText(mixed), 'ab');
    assert.equal(resultText(result('plain')), 'plain');
    assert.equal(resultHasImage(mixed), true);
    assert.equal(resultHasImage(result([{ type: 'text', text: 'a' }])), false);
    assert.equal(resultHasImage(result('text')), false);
  });

  it('arguments as JSON text, a missing value as an empty object', () => {
    assert.equal(argsJson({ a: [1] }), '{"a":[1]}');
    assert.equal(argsJson(undefined), '{}');
    assert.equal(argsJson(null), '{}');
  });
});

describe('request helpers', () => {
  it('joins a base URL and a path with exactly one slash', () => {
    assert.equal(joinUrl('https://h.example/v1', 'messages'), 'https://h.example/v1/messages');
    assert.equal(joinUrl('https://h.example/v1//', '//messages'), 'https://h.example/v1/messages');
    assert.equal(joinUrl('https://h.example/v1/', 'a/b/'), 'https://h.example/v1/a/b/');
  });

  it('joins the same way when asked again, for many hosts and paths', () => {
    for (let round = 0; round < 2; round++)
      for (let h = 0; h < 100; h++)
        for (const p of ['messages', `models/m${h}:stream?alt=sse`])
          assert.equal(joinUrl(`https://h${h}.example/v1/`, p), `https://h${h}.example/v1/${p}`);
  });

  it('sends the key the descriptor says, and no header without a key or for a keyless host', () => {
    assert.deepEqual(authHeaders(ANTHROPIC_PRESET, 'k1'), { 'x-api-key': 'k1' });
    assert.deepEqual(authHeaders({ ...ANTHROPIC_PRESET, auth: { kind: 'bearer' } }, 'k2'), { authorization: 'Bearer k2' });
    assert.deepEqual(authHeaders({ ...ANTHROPIC_PRESET, auth: { kind: 'none' } }, 'k3'), {});
    assert.deepEqual(authHeaders(ANTHROPIC_PRESET, undefined), {});
    assert.deepEqual(authHeaders(ANTHROPIC_PRESET, ''), {});
  });

  it('the request id under each common name, in order of preference', () => {
    const all = { 'x-request-id': 'a', 'request-id': 'b', 'x-goog-request-id': 'c', 'cf-ray': 'd' };
    assert.equal(requestIdFrom(all), 'a');
    assert.equal(requestIdFrom({ ...all, 'x-request-id': undefined } as never), 'b');
    assert.equal(requestIdFrom({ 'x-goog-request-id': 'c', 'cf-ray': 'd' }), 'c');
    assert.equal(requestIdFrom({ 'cf-ray': 'd' }), 'd');
    assert.equal(requestIdFrom({}), undefined);
  });
});
