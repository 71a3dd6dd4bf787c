// The Responses request body: stateless storage, tools, tool choice, the conversation's items,
// reasoning and structured output, and the warnings for what the wire cannot carry.
import * as assert from 'node:assert/strict';
import { OPENAI } from '../../../../src/core/providers/openai/presets';
import { buildResponsesBody } from '../../../../src/core/providers/responses/build-request';
import type { ChatRequest, Warning } from '../../../../src/core/types';

const D = { ...OPENAI, baseUrl: 'http://127.0.0.1:1/v1' };
const ITEM = { id: 'rs_1', type: 'reasoning', summary: [{ type: 'summary_text', text: 'Call it.' }], encrypted_content: 'gAAA+enc/==' };

function body(req: Partial<ChatRequest>, warnings: Warning[] = []): Record<string, unknown> {
  return buildResponsesBody({ model: 'gpt-5', messages: [{ role: 'user', content: 'hi' }], ...req }, D, warnings);
}

describe('responses: request body', () => {
  it('is stateless: store false and the encrypted reasoning asked back', () => {
    const b = body({});
    assert.equal(b.store, false);
    assert.deepEqual(b.include, ['reasoning.encrypted_content']);
    assert.equal(b.stream, true);
    assert.deepEqual(b.input, [{ role: 'user', content: 'hi' }]);
  });

  it('function tools are flat, strict only when asked, with tool choice and parallel calls', () => {
    const b = body({
      tools: [
        { name: 'get_weather', description: 'Weather', parameters: { type: 'object' } },
        { name: 'now', parameters: { type: 'object' }, strict: true },
      ],
      toolChoice: { type: 'tool', name: 'get_weather' },
      parallelToolCalls: false,
    });
    assert.deepEqual(b.tools, [
      { type: 'function', name: 'get_weather', description: 'Weather', parameters: { type: 'object' }, strict: false },
      { type: 'function', name: 'now', parameters: { type: 'object' }, strict: true },
    ]);
    assert.deepEqual(b.tool_choice, { type: 'function', name: 'get_weather' });
    assert.equal(b.parallel_tool_calls, false);
    assert.equal(body({ tools: [{ name: 'n', parameters: {} }], toolChoice: 'required' }).tool_choice, 'required');
  });

  it('a tool loop becomes reasoning, function_call and function_call_output items, the reasoning sent back without its id', () => {
    const b = body({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Weather in Oslo?' },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'Call it.', family: 'responses', details: [ITEM] },
            { type: 'text', text: 'Checking.' },
            { type: 'tool-call', id: 'call_1', name: 'get_weather', args: { city: 'Oslo' } },
          ],
        },
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_1', content: '18°C' }] },
      ],
    });
    assert.deepEqual(b.input, [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Weather in Oslo?' },
      { type: 'reasoning', summary: ITEM.summary, encrypted_content: 'gAAA+enc/==' },
      { role: 'assistant', content: 'Checking.' },
      { type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Oslo"}' },
      { type: 'function_call_output', call_id: 'call_1', output: '18°C' },
    ]);
  });

  it("another family's reasoning is not sent (it would not verify)", () => {
    const b = body({
      messages: [
        { role: 'user', content: 'q' },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 't', signature: 'sig', family: 'anthropic' },
            { type: 'reasoning', text: 't', family: 'openai', details: [{ type: 'reasoning.encrypted', data: 'x' }] },
            { type: 'text', text: 'a' },
          ],
        },
      ],
    });
    assert.deepEqual(b.input, [
      { role: 'user', content: 'q' },
      { role: 'assistant', content: 'a' },
    ]);
  });

  it('reasoning.effort with a summary, structured output through text.format, max_output_tokens', () => {
    const warnings: Warning[] = [];
    const b = body(
      {
        reasoning: { effort: 'high', maxTokens: 4000 },
        responseFormat: { type: 'json_schema', name: 'weather', schema: { type: 'object' }, strict: true },
        maxOutputTokens: 500,
      },
      warnings,
    );
    assert.deepEqual(b.reasoning, { effort: 'high', summary: 'auto' });
    assert.deepEqual(b.text, { format: { type: 'json_schema', name: 'weather', schema: { type: 'object' }, strict: true } });
    assert.equal(b.max_output_tokens, 500);
    assert.deepEqual(
      warnings.map((w) => w.parameter),
      ['reasoning.maxTokens'],
    );
    assert.deepEqual(body({ reasoning: { effort: 'low', exclude: true } }).reasoning, { effort: 'low' });
  });

  it("the OpenAI family's reasoningEffort option sets reasoning.effort too", () => {
    assert.deepEqual(body({ providerOptions: { openai: { reasoningEffort: 'minimal' } } }).reasoning, {
      effort: 'minimal',
      summary: 'auto',
    });
  });

  it('stop sequences are not on this wire: a warning, not a silent drop', () => {
    const warnings: Warning[] = [];
    const b = body({ stopSequences: ['END'] }, warnings);
    assert.equal(b.stop, undefined);
    assert.equal(warnings[0]?.parameter, 'stopSequences');
  });

  it('images go as input_image items', () => {
    const b = body({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image', mediaType: 'image/png', data: 'iVBOR' },
          ],
        },
      ],
    });
    assert.deepEqual(b.input, [
      {
        role: 'user',
        content: [
          { type: 'input_text', text: 'What is this?' },
          { type: 'input_image', image_url: 'data:image/png;base64,iVBOR' },
        ],
      },
    ]);
  });
});
