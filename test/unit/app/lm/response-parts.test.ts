// The engine's events → the parts reported to a language-model API caller, and what a tool call
// carried beyond id, name and input kept for the next request of the loop.
import * as assert from 'node:assert/strict';
import { LM_ROLE, toChatMessages } from '../../../../src/app/lm/message-map';
import { ResponseReader } from '../../../../src/app/lm/response-parts';
import { ToolCallMemo } from '../../../../src/app/lm/tool-call-memo';
import type { RouterEvent } from '../../../../src/core/router/types';
import type { ReasoningPart, ToolCallPart } from '../../../../src/core/types';

const call = (id: string, extra: Partial<ToolCallPart> = {}): RouterEvent => ({
  type: 'tool-call',
  call: { type: 'tool-call', id, name: 'get_weather', args: { city: 'Oslo' }, ...extra },
});
const thought: ReasoningPart = { type: 'reasoning', text: 'I should call get_weather.', signature: 'sig-1', family: 'anthropic' };

describe('ResponseReader', () => {
  it('reports text and each complete tool call with its parsed input; other events report nothing', () => {
    const r = new ResponseReader(new ToolCallMemo());
    assert.deepEqual(r.partOf({ type: 'text-delta', text: 'Let me check.' }), { kind: 'text', text: 'Let me check.' });
    assert.equal(r.partOf({ type: 'text-delta', text: '' }), undefined);
    assert.deepEqual(r.partOf(call('call_1')), { kind: 'tool-call', callId: 'call_1', name: 'get_weather', input: { city: 'Oslo' } });
    assert.equal(r.partOf({ type: 'finish', reason: 'tool_calls' }), undefined);
    assert.equal(r.invalidCallMessage(), undefined);
  });

  it('an unreadable call becomes a failure the caller can show, naming the tool', () => {
    const r = new ResponseReader(new ToolCallMemo());
    assert.equal(
      r.partOf({ type: 'tool-call-invalid', id: 'c', name: 'get_weather', rawArgs: '{"city":', reason: 'not JSON.' }),
      undefined,
    );
    assert.match(r.invalidCallMessage() ?? '', /tool "get_weather" with arguments that could not be read \(not JSON\.\)/);
    // Once a readable call was reported the caller has something to run: no failure on top of it.
    r.partOf(call('call_ok'));
    assert.equal(r.invalidCallMessage(), undefined);
  });

  it("keeps a call's signature, made-up id and preceding reasoning, and restores them when the call comes back", () => {
    const memo = new ToolCallMemo();
    const r = new ResponseReader(memo);
    r.partOf({ type: 'reasoning-part', part: thought });
    r.partOf(call('call_g', { signature: 'gsig', syntheticId: true }));
    r.partOf(call('call_h'));
    const back = toChatMessages(
      [
        {
          role: LM_ROLE.assistant,
          content: [
            { callId: 'call_g', name: 'get_weather', input: { city: 'Oslo' } },
            { callId: 'call_h', name: 'get_weather', input: {} },
          ],
        },
        { role: LM_ROLE.user, content: [{ callId: 'call_g', content: [{ value: '18°C' }] }] },
      ],
      { tools: true, extrasOf: (id) => memo.extrasOf(id) },
    );
    assert.deepEqual(back[0].content, [
      thought,
      { type: 'tool-call', id: 'call_g', name: 'get_weather', args: { city: 'Oslo' }, signature: 'gsig', syntheticId: true },
      { type: 'tool-call', id: 'call_h', name: 'get_weather', args: {} },
    ]);
    assert.equal(memo.extrasOf('call_h'), undefined, 'a plain call takes no room');
  });
});

describe('ToolCallMemo', () => {
  it('forgets the oldest calls beyond its capacity', () => {
    const memo = new ToolCallMemo(2);
    for (const id of ['a', 'b', 'c']) memo.remember({ type: 'tool-call', id, name: 't', args: {}, signature: id });
    assert.equal(memo.extrasOf('a'), undefined);
    assert.deepEqual(memo.extrasOf('c'), { signature: 'c' });
  });
});
