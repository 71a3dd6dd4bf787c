// The tool and reasoning fields of both client protocols, read into the core request.
import * as assert from 'node:assert/strict';
import { anthropicCall } from '../../../src/gateway/anthropic/request';
import { openaiChatCall } from '../../../src/gateway/openai/request';
import { GatewayRequestError } from '../../../src/gateway/request-error';
import { anthropicInput } from '../../../src/gateway/tools/tools-out';
import {
  reasoningFromAnthropic,
  toolChoiceFromAnthropic,
  toolChoiceFromOpenAI,
  toolsFromAnthropic,
} from '../../../src/gateway/tools/tools-in';

const none = () => undefined;

describe('Gateway tool mapping', () => {
  it('maps each tool_choice of both protocols to the core’s', () => {
    assert.equal(toolChoiceFromOpenAI('required'), 'required');
    assert.equal(toolChoiceFromOpenAI('none'), 'none');
    assert.deepEqual(toolChoiceFromOpenAI({ type: 'function', function: { name: 'f' } }), { type: 'tool', name: 'f' });
    assert.equal(toolChoiceFromOpenAI(undefined), undefined);
    assert.throws(() => toolChoiceFromOpenAI('sometimes'), GatewayRequestError);
    assert.deepEqual(toolChoiceFromAnthropic({ type: 'any' }), { toolChoice: 'required', parallelToolCalls: undefined });
    assert.deepEqual(toolChoiceFromAnthropic({ type: 'none' }), { toolChoice: 'none', parallelToolCalls: undefined });
    assert.deepEqual(toolChoiceFromAnthropic({ type: 'tool', name: 'f', disable_parallel_tool_use: true }), {
      toolChoice: { type: 'tool', name: 'f' },
      parallelToolCalls: false,
    });
    assert.throws(() => toolChoiceFromAnthropic({ type: 'tool' }), GatewayRequestError);
  });

  it('passes over Anthropic server tools and names them', () => {
    const skipped: string[] = [];
    const tools = toolsFromAnthropic(
      [
        { type: 'web_search_20250305', name: 'web_search' },
        { name: 'Read', input_schema: { type: 'object' } },
      ],
      (t) => skipped.push(t),
    );
    assert.deepEqual(
      tools.map((t) => t.name),
      ['Read'],
    );
    assert.deepEqual(skipped, ['web_search_20250305']);
  });

  it('reads Anthropic thinking as the core reasoning control', () => {
    assert.deepEqual(reasoningFromAnthropic({ type: 'enabled', budget_tokens: 2000 }), { effort: 'low', maxTokens: 2000 });
    assert.deepEqual(reasoningFromAnthropic({ type: 'adaptive', display: 'omitted' }), { effort: 'medium', exclude: true });
    assert.equal(reasoningFromAnthropic({ type: 'disabled' }), undefined);
  });

  it('reads OpenAI tool turns, parallel_tool_calls and reasoning_effort', () => {
    const c = openaiChatCall(
      {
        model: 'm',
        reasoning_effort: 'high',
        parallel_tool_calls: false,
        messages: [
          { role: 'user', content: 'q' },
          { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }] },
          { role: 'tool', tool_call_id: 'c1', content: [{ type: 'text', text: 'r' }] },
        ],
      },
      none,
    );
    assert.deepEqual(c.reasoning, { effort: 'high' });
    assert.equal(c.parallelToolCalls, false);
    assert.deepEqual(c.messages[1], { role: 'assistant', content: [{ type: 'tool-call', id: 'c1', name: 'f', args: { a: 1 } }] });
    assert.deepEqual(c.messages[2], {
      role: 'tool',
      content: [{ type: 'tool-result', toolCallId: 'c1', content: [{ type: 'text', text: 'r' }] }],
    });
    assert.throws(
      () =>
        openaiChatCall(
          {
            model: 'm',
            messages: [{ role: 'assistant', tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{bad' } }] }],
          },
          none,
        ),
      /arguments are not valid JSON/,
    );
  });

  it('splits an Anthropic user turn into its tool results, then its text', () => {
    const c = anthropicCall(
      {
        model: 'm',
        max_tokens: 10,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'tool_result', tool_use_id: 't1', content: 'boom', is_error: true },
              { type: 'text', text: 'go on' },
            ],
          },
        ],
      },
      none,
    );
    assert.deepEqual(c.messages, [
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 't1', content: 'boom', isError: true }] },
      { role: 'user', content: [{ type: 'text', text: 'go on' }] },
    ]);
  });

  it('gives Anthropic clients an object for arguments that are not one', () => {
    assert.deepEqual(anthropicInput({ id: 'c', name: 'f', argumentsJson: '{"city": Lima' }), {});
    assert.deepEqual(anthropicInput({ id: 'c', name: 'f', argumentsJson: '' }), {});
    assert.deepEqual(anthropicInput({ id: 'c', name: 'f', argumentsJson: '{"a":[1]}' }), { a: [1] });
  });
});
