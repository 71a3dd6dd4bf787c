// What the Responses request leaves out, refuses or warns about; how an error body, a
// mid-stream error and a usage block read.
import * as assert from 'node:assert/strict';
import { ProviderError } from '../../../../src/core/errors';
import { OPENAI } from '../../../../src/core/providers/openai/presets';
import { buildResponsesBody, buildResponsesHttpRequest } from '../../../../src/core/providers/responses/build-request';
import { parseResponsesErrorBody, responsesStreamError } from '../../../../src/core/providers/responses/error-body';
import { mapResponsesUsage } from '../../../../src/core/providers/responses/map-usage';
import type { ChatMessage, ChatRequest, Warning } from '../../../../src/core/types';

const req = (over: Partial<ChatRequest> = {}): ChatRequest => ({ model: 'gpt-5', messages: [{ role: 'user', content: 'hi' }], ...over });
const BASE = {
  model: 'gpt-5',
  input: [{ role: 'user', content: 'hi' }],
  stream: true,
  store: false,
  include: ['reasoning.encrypted_content'],
};
const input = (messages: ChatMessage[], w: Warning[] = []) => buildResponsesBody(req({ messages }), OPENAI, w).input;

describe('responses request edges: the body', () => {
  it('sends nothing optional for a plain question, and no warnings', () => {
    const w: Warning[] = [];
    assert.deepEqual(buildResponsesBody(req({ providerOptions: {} }), OPENAI, w), BASE);
    assert.deepEqual(w, []);
  });

  it('sends temperature 0, tools without a choice, reasoning from the OpenAI option, and user extras last', () => {
    const w: Warning[] = [];
    const b = buildResponsesBody(
      req({
        temperature: 0,
        tools: [{ name: 'f', parameters: {} }],
        responseFormat: { type: 'json_schema', name: 'a', schema: {} },
        providerOptions: { openai: { reasoningEffort: 'low', extraBody: { store: true } } },
      }),
      OPENAI,
      w,
    );
    assert.deepEqual(w, []);
    assert.deepEqual(b, {
      ...BASE,
      store: true,
      temperature: 0,
      tools: [{ type: 'function', name: 'f', parameters: {}, strict: false }],
      reasoning: { effort: 'low', summary: 'auto' },
      text: { format: { type: 'json_schema', name: 'a', schema: {} } },
    });
  });

  it('warns about stop sequences and a reasoning budget, and refuses tools a host cannot call', () => {
    const w: Warning[] = [];
    buildResponsesBody(req({ stopSequences: ['END'], reasoning: { effort: 'high', maxTokens: 10 } }), OPENAI, w);
    assert.deepEqual(w, [
      { parameter: 'stopSequences', message: 'The Responses API has no stop sequences; they were not sent.' },
      { parameter: 'reasoning.maxTokens', message: 'OpenAI takes an effort, not a token budget; the budget was not sent.' },
    ]);
    const noTools = { ...OPENAI, capabilities: { ...OPENAI.capabilities, tools: false } };
    assert.throws(() => buildResponsesBody(req({ tools: [{ name: 'f', parameters: {} }] }), noTools), ProviderError);
    const plain = { ...OPENAI, capabilities: { ...OPENAI.capabilities, reasoning: false, reasoningControl: undefined } };
    assert.equal(buildResponsesBody(req({ reasoning: { effort: 'high' } }), plain, []).reasoning, undefined);
    const familyDefault = { ...OPENAI, capabilities: { ...OPENAI.capabilities, reasoning: true, reasoningControl: undefined } };
    assert.deepEqual(buildResponsesBody(req({ reasoning: { effort: 'high' } }), familyDefault, []).reasoning, {
      effort: 'high',
      summary: 'auto',
    });
  });

  it('sends the descriptor headers beside JSON, SSE and the key', () => {
    const r = buildResponsesHttpRequest(
      { descriptor: { ...OPENAI, extraHeaders: { 'x-extra': '1' } }, http: undefined as never, apiKey: 'k-1234' },
      req(),
    );
    assert.deepEqual(r.headers, {
      'content-type': 'application/json',
      accept: 'text/event-stream',
      'x-extra': '1',
      authorization: 'Bearer k-1234',
    });
  });
});

describe('responses request edges: the input items', () => {
  it('a user turn of tool results alone adds no empty message, an empty string stays one, an assistant image is no call', () => {
    const w: Warning[] = [];
    const items = input(
      [
        { role: 'user', content: '' },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: '' },
            { type: 'image', mediaType: 'image/png', data: 'AA==' },
            { type: 'tool-call', id: 'c', name: 'f', args: {} },
          ],
        },
        { role: 'user', content: [{ type: 'tool-result', toolCallId: 'c', content: 'ok' }] },
      ],
      w,
    );
    assert.deepEqual(items, [
      { role: 'user', content: '' },
      { type: 'function_call', call_id: 'c', name: 'f', arguments: '{}' },
      { type: 'function_call_output', call_id: 'c', output: 'ok' },
    ]);
    assert.deepEqual(w, []);
  });

  it('reports an image left out of a tool result, and refuses one in a system message', () => {
    const w: Warning[] = [];
    input(
      [
        {
          role: 'user',
          content: [{ type: 'tool-result', toolCallId: 'c', content: [{ type: 'image', mediaType: 'image/png', data: 'AA==' }] }],
        },
      ],
      w,
    );
    assert.deepEqual(w, [
      { parameter: 'messages[0].content', message: 'Tool results here carry text only; the image in the result was left out.' },
    ]);
    assert.throws(
      () => input([{ role: 'system', content: [{ type: 'image', mediaType: 'image/png', data: 'AA==' }] }]),
      (e: unknown) => e instanceof ProviderError && /not system messages/.test(e.message),
    );
  });

  it('sends back only reasoning items that arrived whole', () => {
    const r = (details?: unknown[]) => ({ type: 'reasoning' as const, text: 't', family: 'responses' as const, details });
    const items = input([
      {
        role: 'assistant',
        content: [r(), r(['text']), r([null]), r([{ id: 'rs', status: 'done', type: 'reasoning', encrypted_content: 'e' }])],
      },
    ]);
    assert.deepEqual(items, [{ type: 'reasoning', encrypted_content: 'e' }]);
  });
});

describe('responses errors and usage', () => {
  it('an error body: undefined when not OpenAI-shaped, Responses codes known, the type-derived category kept', () => {
    assert.equal(parseResponsesErrorBody('garbage', 500), undefined);
    assert.equal(parseResponsesErrorBody({ error: { message: 'slow', code: 'vector_store_timeout' } }, 500)?.category, 'timeout');
    const typed = { error: { message: 'x', code: 'vector_store_timeout', type: 'rate_limit_exceeded' } };
    assert.equal(parseResponsesErrorBody(typed, 500)?.category, 'rate_limit');
  });

  it('a mid-stream error: a three-digit code is its status, the final period is trimmed once', () => {
    const e = responsesStreamError({ code: '503', message: 'Try v1.2 later.' }, OPENAI, [], 'failed');
    assert.deepEqual([e.category, e.status], ['overloaded', 503]);
    assert.match(e.message, /^OpenAI failed: Try v1\.2 later\. OpenAI is overloaded/);
    for (const code of ['5031', 'x503', '50']) assert.equal(responsesStreamError({ code }, OPENAI, [], 'failed').status, undefined, code);
    const bare = responsesStreamError({}, OPENAI, [], 'failed');
    assert.deepEqual([bare.category, bare.code], ['server', undefined]);
    assert.match(bare.message, /^OpenAI failed: unknown error\. /);
  });

  it('usage: missing details read as zero; a cost is kept only when finite', () => {
    const base = { inputTokens: 5, outputTokens: 7, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };
    assert.deepEqual(mapResponsesUsage({ input_tokens: 5, output_tokens: 7 }), base);
    assert.deepEqual(mapResponsesUsage({ input_tokens: 5, output_tokens: 7, cost: 0.25 }), { ...base, providerCostUsd: 0.25 });
    assert.deepEqual(mapResponsesUsage({ input_tokens: 5, output_tokens: 7, cost: JSON.parse('1e999') as number }), base);
  });
});
