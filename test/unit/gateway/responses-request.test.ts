// Responses request bodies → the engine's request: how input items become messages, and what is
// refused or reported as left out.
import * as assert from 'node:assert/strict';
import type { ContentPart } from '../../../src/core/types';
import { GatewayRequestError } from '../../../src/gateway/request-error';
import { encodeReasoningState } from '../../../src/gateway/responses/reasoning-state';
import { responsesCall } from '../../../src/gateway/responses/request';

const call = (input: unknown[], extra: Record<string, unknown> = {}) => responsesCall({ model: 'm', input, ...extra });
const refusedAt = (param: string) => (e: unknown) => e instanceof GatewayRequestError && e.status === 400 && e.param === param;

describe('Gateway: Responses request mapping', () => {
  it('joins one assistant turn’s items and its call outputs, with instructions and developer text as system', () => {
    const state = encodeReasoningState({ parts: [{ type: 'reasoning', text: 't', signature: 'sig', family: 'anthropic' }] });
    const c = call(
      [
        { type: 'message', role: 'developer', content: [{ type: 'input_text', text: 'Rules.' }] },
        { role: 'user', content: 'Weather in Oslo and Paris?' },
        { type: 'reasoning', id: 'rs_1', summary: [], encrypted_content: state },
        { type: 'function_call', call_id: 'c1', name: 'w', arguments: '{"city":"Oslo"}' },
        { type: 'function_call', call_id: 'c2', name: 'w', arguments: '{"city":"Paris"}' },
        { type: 'function_call_output', call_id: 'c1', output: 'cold' },
        { type: 'function_call_output', call_id: 'c2', output: [{ type: 'input_text', text: 'mild' }] },
      ],
      { instructions: 'Be brief.' },
    );
    assert.deepEqual(
      c.messages.map((m) => m.role),
      ['system', 'system', 'user', 'assistant', 'tool'],
    );
    assert.equal(c.messages[0].content, 'Be brief.');
    assert.equal(c.messages[1].content, 'Rules.');
    const assistant = c.messages[3].content as ContentPart[];
    assert.deepEqual(
      assistant.map((p) => p.type),
      ['reasoning', 'tool-call', 'tool-call'],
    );
    assert.deepEqual(assistant[0], { type: 'reasoning', text: 't', signature: 'sig', family: 'anthropic' });
    assert.deepEqual(c.messages[4].content, [
      { type: 'tool-result', toolCallId: 'c1', content: 'cold' },
      { type: 'tool-result', toolCallId: 'c2', content: 'mild' },
    ]);
    assert.deepEqual(c.warnings, []);
  });

  it('puts a Gemini call’s signature and made-up id back on the call', () => {
    const state = encodeReasoningState({ parts: [], calls: { g1: { signature: 'gsig', syntheticId: true } } });
    const c = call([
      { type: 'function_call', call_id: 'g1', name: 'w', arguments: '' },
      { type: 'reasoning', id: 'rs_2', summary: [], encrypted_content: state },
    ]);
    assert.deepEqual((c.messages[0].content as ContentPart[])[0], {
      type: 'tool-call',
      id: 'g1',
      name: 'w',
      args: {},
      signature: 'gsig',
      syntheticId: true,
    });
  });

  it('keeps system text and warns about an image in a system or developer message', () => {
    const image = { type: 'input_image', image_url: 'data:image/png;base64,iVBORw0KGgo=' };
    const c = call([{ role: 'developer', content: [{ type: 'input_text', text: 'Rules.' }, image] }]);
    assert.deepEqual(c.messages, [{ role: 'system', content: 'Rules.' }]);
    assert.deepEqual(c.warnings, ['input[0].content.input_image']);
  });

  it('keeps arguments a model wrote that are not JSON as {}, with a warning', () => {
    const c = call([{ type: 'function_call', call_id: 'c1', name: 'w', arguments: '{"city": Lima' }]);
    assert.deepEqual((c.messages[0].content as ContentPart[])[0], { type: 'tool-call', id: 'c1', name: 'w', args: {} });
    assert.deepEqual(c.warnings, ['input[0].arguments']);
  });

  it('reports built-in tools and their items, foreign or damaged reasoning, and other left-out fields', () => {
    const c = call(
      [
        { role: 'user', content: 'hi' },
        { type: 'web_search_call', id: 'ws_1', status: 'completed' },
        { type: 'reasoning', id: 'rs_1', summary: [], encrypted_content: 'gAAAA' },
        { type: 'reasoning', id: 'rs_2', summary: [], encrypted_content: 'sb1.not-base64-json' },
        { type: 'reasoning', id: 'rs_3', summary: [{ type: 'summary_text', text: 'no state' }], encrypted_content: null },
      ],
      { tools: [{ type: 'file_search' }], store: true, text: { verbosity: 'low' }, reasoning: { effort: 'xhigh' } },
    );
    assert.deepEqual(c.warnings, [
      'store',
      'text.verbosity',
      'tools[0].file_search',
      'input[1].web_search_call',
      'input[2].reasoning',
      'input[3].reasoning',
      'reasoning.effort',
    ]);
    assert.equal(c.tools, undefined);
    assert.deepEqual(c.reasoning, { effort: 'high' });
  });

  it('asks a host for no reasoning when effort is none, and maps json_object to OpenAI-compatible hosts only', () => {
    const c = responsesCall({ model: 'm', input: 'hi', reasoning: { effort: 'none' }, text: { format: { type: 'json_object' } } });
    assert.equal(c.reasoning, undefined);
    assert.equal(c.responseFormat, undefined);
    assert.deepEqual(c.providerOptions, { openai: { extraBody: { response_format: { type: 'json_object' } } } });
  });

  it('refuses content and items no host here can take, naming the field', () => {
    assert.throws(() => call([{ role: 'user', content: [{ type: 'input_file', file_id: 'f' }] }]), refusedAt('input[0].content[0]'));
    assert.throws(() => call([{ role: 'user', content: [{ type: 'input_image', file_id: 'f' }] }]), refusedAt('input[0].content[0]'));
    assert.throws(
      () => call([{ role: 'user', content: [{ type: 'input_image', image_url: 'https://example.com/a.png' }] }]),
      refusedAt('input[0].content[0]'),
    );
    assert.throws(() => call([{ type: 'function_call_output', output: 'x' }]), refusedAt('input[0].call_id'));
    assert.throws(() => call([{ type: 'mystery' }]), refusedAt('input[0].type'));
    assert.throws(() => call([{ role: 'tool', content: 'x' }]), refusedAt('input[0].role'));
    assert.throws(() => call([], { background: true }), refusedAt('background'));
    assert.throws(() => call([], { prompt: { id: 'pmpt_1' } }), refusedAt('prompt'));
    assert.throws(() => call([], { text: { format: { type: 'json_schema', name: 'x' } } }), refusedAt('text.format.schema'));
    assert.throws(() => call([], { tool_choice: { type: 'allowed_tools', mode: 'none' } }), refusedAt('tool_choice'));
  });
});
