// Chunk validation (fast path must agree with zod), error bodies, finish reasons, model lists.
import * as assert from 'node:assert/strict';
import { chunkSchema, isPlainDeltaChunk, validateChunk } from '../../../../src/core/providers/openai/chunk-schema';
import { inBandError, parseOpenAIErrorBody } from '../../../../src/core/providers/openai/error-body';
import { normalizeModelList } from '../../../../src/core/providers/openai/list-models';
import { mapOpenAIFinishReason } from '../../../../src/core/providers/openai/map-finish-reason';
import { OpenAIStreamMapper } from '../../../../src/core/providers/openai/stream-mapper';
import { textChunks } from '../../../sim/openai';
import { simDescriptor } from './helpers';

const CHUNKS: unknown[] = [
  ...textChunks({ pieces: ['a', 'b'], reasoning: ['r'] }),
  ...textChunks({ pieces: ['a'], usage: 'last-content-chunk', provider: 'X' }),
  { choices: [{ delta: { content: 'x' } }] },
  { choices: [{ index: 0, delta: null, finish_reason: 'stop' }] },
  { id: 1, choices: [{ delta: { content: 'x' } }] },
  { choices: [{ delta: { content: 5 } }] },
  { choices: [{ delta: { content: [{ type: 'text', text: 'hi' }] } }] },
  { choices: [{ delta: { content: 'a' } }, { delta: { content: 'b' } }] },
  { choices: [{ delta: { content: 'x', tool_calls: [{ index: 0 }] } }] },
  // zod's int() wants a safe integer.
  { choices: [{ delta: { tool_calls: [{ index: 2 ** 53 }] } }] },
  { choices: 'nope' },
  { choices: [{ delta: 'nope' }] },
  { choices: [{ index: '0', delta: { content: 'x' } }] },
  { choices: [{ delta: { reasoning: 7 } }] },
  { choices: [], usage: { prompt_tokens: '1' } },
  { choices: [], x_groq: { usage: { prompt_tokens: 3, completion_tokens: 4 } } },
  null,
  [],
  'text',
];

describe('openai schemas', () => {
  it('the fast path never accepts what zod rejects, and accepts the common chunk', () => {
    for (const c of CHUNKS) {
      if (isPlainDeltaChunk(c)) assert.ok(chunkSchema.safeParse(c).success, JSON.stringify(c));
      assert.equal(validateChunk(c).ok, chunkSchema.safeParse(c).success, JSON.stringify(c));
    }
    const sim = textChunks({ pieces: ['a', 'b'] });
    assert.ok(isPlainDeltaChunk(sim[1]), 'a text chunk takes the fast path');
    assert.ok(!isPlainDeltaChunk(sim.at(-1)), 'the usage chunk goes through zod');
  });

  it('rejects wrongly typed fields with a readable issue', () => {
    const r = validateChunk({ choices: [{ delta: { content: 5 } }] });
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.issue, /choices\.0\.delta\.content/);
  });

  it('finish reasons', () => {
    assert.equal(mapOpenAIFinishReason('stop'), 'stop');
    assert.equal(mapOpenAIFinishReason('length'), 'length');
    assert.equal(mapOpenAIFinishReason('content_filter'), 'content_filter');
    assert.equal(mapOpenAIFinishReason('tool_calls'), 'tool_calls');
    assert.equal(mapOpenAIFinishReason('function_call'), 'tool_calls');
    assert.equal(mapOpenAIFinishReason('error'), 'error');
    assert.equal(mapOpenAIFinishReason('eos'), 'stop');
  });

  it('error bodies: OpenAI, OpenRouter, top-level (vLLM/Mistral), and garbage', () => {
    assert.deepEqual(
      parseOpenAIErrorBody(
        { error: { message: 'nope', type: 'invalid_request_error', code: 'context_length_exceeded', param: 'messages' } },
        400,
      ),
      {
        message: 'nope',
        code: 'context_length_exceeded',
        category: 'context_length',
      },
    );
    assert.equal(
      parseOpenAIErrorBody(
        { error: { message: "This model's maximum context length is 8192 tokens", type: 'invalid_request_error', code: null } },
        400,
      )?.category,
      'context_length',
    );
    assert.equal(
      parseOpenAIErrorBody(
        { error: { message: 'You exceeded your current quota', type: 'insufficient_quota', code: 'insufficient_quota' } },
        429,
      )?.category,
      'payment',
    );
    assert.equal(
      parseOpenAIErrorBody({ error: { code: 429, message: 'slow down', metadata: { error_type: 'rate_limit_exceeded' } } }, 429)?.category,
      'rate_limit',
    );
    assert.equal(
      parseOpenAIErrorBody({ error: { code: 403, message: 'flagged', metadata: { reasons: ['x'] } } }, 403)?.category,
      'content_policy',
    );
    assert.equal(
      parseOpenAIErrorBody({ error: { code: 403, message: 'no access' } }, 403)?.category,
      undefined,
      'plain 403 stays permission',
    );
    const mistral = parseOpenAIErrorBody(
      {
        object: 'error',
        message: { detail: [{ type: 'extra_forbidden', loc: ['body', 'stream_options'] }] },
        type: 'invalid_request_error',
        param: null,
        code: null,
      },
      422,
    );
    assert.match(mistral?.message ?? '', /extra_forbidden/);
    assert.equal(
      parseOpenAIErrorBody({ error: { message: 'model "llama9" not found, try pulling it first', type: 'api_error' } }, 404)?.message,
      'model "llama9" not found, try pulling it first',
    );
    assert.equal(parseOpenAIErrorBody({ hello: 'world' }, 500), undefined);
    assert.equal(parseOpenAIErrorBody('str', 500), undefined);
  });

  it('in-band errors categorise from metadata.error_type, string codes and numeric codes', () => {
    const cases: [Record<string, unknown>, string, boolean][] = [
      [{ code: 'server_error', message: 'x' }, 'server', true],
      [{ code: 429, message: 'x', metadata: { error_type: 'rate_limit_exceeded' } }, 'rate_limit', true],
      [{ code: 502, message: 'x', metadata: { error_type: 'provider_overloaded' } }, 'overloaded', true],
      [{ code: 400, message: 'x', metadata: { error_type: 'context_length_exceeded' } }, 'context_length', false],
      [{ code: 'content_policy_violation', message: 'x' }, 'content_policy', false],
      [{ code: 503, message: 'x' }, 'overloaded', true],
      [{ code: 502, message: 'x' }, 'server', true],
      [{ message: 'mystery' }, 'server', true],
    ];
    for (const [f, cat, retryable] of cases) {
      const e = inBandError(f, 'p', 'P');
      assert.equal(e.category, cat, JSON.stringify(f));
      assert.equal(e.retryable, retryable, JSON.stringify(f));
    }
    assert.ok(!inBandError({ message: 'bad key sk-test-SENTINEL-0123456789abcdef' }, 'p', 'P').message.includes('SENTINEL'));
  });

  it('mapper: typed content parts (Mistral reasoning), Groq x_groq usage, blank frames', () => {
    const m = new OpenAIStreamMapper(simDescriptor('http://x'));
    const ev = (data: unknown) =>
      m.onEvent({ data: typeof data === 'string' ? data : JSON.stringify(data), event: undefined, id: undefined });
    assert.deepEqual(ev(''), []);
    const parts = ev({
      id: 'a',
      model: 'magistral',
      choices: [
        {
          delta: {
            content: [
              { type: 'thinking', thinking: [{ type: 'text', text: 'hmm' }] },
              { type: 'text', text: 'Yes' },
            ],
          },
        },
      ],
    });
    assert.deepEqual(
      parts.filter((e) => e.type !== 'response-metadata'),
      [
        { type: 'reasoning-delta', text: 'hmm' },
        { type: 'text-delta', text: 'Yes' },
      ],
    );
    ev({ choices: [{ delta: {}, finish_reason: 'stop' }], x_groq: { id: 'g', usage: { prompt_tokens: 3, completion_tokens: 4 } } });
    ev('[DONE]');
    assert.ok(m.done);
    assert.deepEqual(m.onEnd(), [
      { type: 'usage', usage: { inputTokens: 3, outputTokens: 4, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 } },
      { type: 'finish', reason: 'stop', rawReason: 'stop' },
    ]);
  });

  it('mapper: DeepSeek cache hits without prompt_tokens_details', () => {
    const m = new OpenAIStreamMapper(simDescriptor('http://x'));
    m.onEvent({
      data: JSON.stringify({
        choices: [],
        usage: { prompt_tokens: 100, completion_tokens: 10, prompt_cache_hit_tokens: 64, prompt_cache_miss_tokens: 36 },
      }),
      event: undefined,
      id: undefined,
    });
    assert.equal(m.partialUsage()?.cacheReadTokens, 64);
  });

  it('model lists: OpenAI, OpenRouter, Groq, vLLM, Mistral, Together (bare array), bad entries dropped', () => {
    const list = normalizeModelList(
      {
        object: 'list',
        data: [
          { id: 'gpt-4o', object: 'model', owned_by: 'openai' },
          {
            id: 'anthropic/claude-x',
            name: 'Anthropic: Claude X',
            context_length: 200000,
            top_provider: { context_length: 200000, max_completion_tokens: 64000 },
          },
          { id: 'llama-3.3-70b-versatile', context_window: 131072, max_completion_tokens: 32768 },
          { id: 'served', max_model_len: 8192 },
          { id: 'mistral-large-latest', max_context_length: 131072 },
          { id: '' },
          { nope: true },
        ],
      },
      'p',
    );
    assert.deepEqual(list, [
      { id: 'gpt-4o', displayName: 'gpt-4o', contextWindow: undefined, maxOutputTokens: undefined },
      { id: 'anthropic/claude-x', displayName: 'Anthropic: Claude X', contextWindow: 200000, maxOutputTokens: 64000 },
      { id: 'llama-3.3-70b-versatile', displayName: 'llama-3.3-70b-versatile', contextWindow: 131072, maxOutputTokens: 32768 },
      { id: 'served', displayName: 'served', contextWindow: 8192, maxOutputTokens: undefined },
      { id: 'mistral-large-latest', displayName: 'mistral-large-latest', contextWindow: 131072, maxOutputTokens: undefined },
    ]);
    const together = normalizeModelList(
      [
        { id: 'meta/llama', display_name: 'Llama', type: 'chat', context_length: 8192 },
        { id: 'emb', type: 'embedding' },
      ],
      'together',
    );
    assert.deepEqual(together, [{ id: 'meta/llama', displayName: 'Llama', contextWindow: 8192, maxOutputTokens: undefined }]);
    assert.throws(
      () => normalizeModelList({ models: [] }, 'p'),
      (e: Error & { category?: string }) => e.category === 'protocol',
    );
  });
});
