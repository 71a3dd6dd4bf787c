// Every part of a prompt that a vendor bills as input must be in the pre-send count, or a budget
// lets through a request that costs more than it was told.
import * as assert from 'node:assert/strict';
import { countTokens } from 'gpt-tokenizer';
import type { Endpoint } from '../../../src/core/catalog/types';
import { preSendEstimate, TYPICAL_OUTPUT_TOKENS } from '../../../src/core/pricing/estimate';
import {
  countPromptTokens,
  countToolTokens,
  inputTokensUpperBound,
  REPLY_PRIMER_TOKENS,
  TOKENS_PER_IMAGE,
  TOKENS_PER_MESSAGE,
  TOKENS_PER_TOOL,
} from '../../../src/core/pricing/token-count';
import type { ChatMessage } from '../../../src/core/types';

const MODEL = 'openai/gpt-4o';
const frame = (n: number) => REPLY_PRIMER_TOKENS + n * TOKENS_PER_MESSAGE;
const image = { type: 'image', mediaType: 'image/png', data: 'AAAA' } as const;

describe('prompt parts in token counts', () => {
  it('a tool result’s text parts count as text and its images as images', () => {
    const messages: ChatMessage[] = [
      {
        role: 'tool',
        content: [{ type: 'tool-result', toolCallId: 'c1', content: [{ type: 'text', text: 'screenshot of the failing page' }, image] }],
      },
    ];
    assert.equal(countPromptTokens(messages, MODEL), frame(1) + countTokens('screenshot of the failing page') + TOKENS_PER_IMAGE);
    const textOnly: ChatMessage[] = [
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c1', content: [{ type: 'text', text: 'plain output' }] }] },
    ];
    assert.equal(countPromptTokens(textOnly, MODEL), frame(1) + countTokens('plain output'));
  });

  it('reasoning sent back in the history counts as text; a tool call without arguments counts as its name and {}', () => {
    const messages: ChatMessage[] = [
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'check the sign of the subtraction' },
          { type: 'tool-call', id: 'c1', name: 'run_tests', args: undefined },
        ],
      },
    ];
    assert.equal(countPromptTokens(messages, MODEL), frame(1) + countTokens('check the sign of the subtractionrun_tests{}'));
  });

  it('a tool call’s arguments count as their JSON, and a call without arguments as {} in the upper bound too', () => {
    const call = (args: unknown): ChatMessage[] => [
      { role: 'assistant', content: [{ type: 'tool-call', id: 'c1', name: 'read_file', args }] },
    ];
    const args = { path: 'src/core/pricing/token-count.ts', startLine: 120, endLine: 140 };
    const json = `read_file${JSON.stringify(args)}`;
    assert.equal(countPromptTokens(call(args), MODEL), frame(1) + countTokens(json));
    assert.equal(inputTokensUpperBound({ messages: call(args) }, MODEL), frame(1) + Buffer.byteLength(json));
    assert.equal(inputTokensUpperBound({ messages: call(undefined) }, MODEL), frame(1) + Buffer.byteLength('read_file{}'));
  });

  it('a tool’s description counts when it has one', () => {
    const tool = { name: 'search', description: 'Search the code base for a symbol', parameters: { type: 'object' } };
    assert.equal(
      countToolTokens([tool], MODEL),
      TOKENS_PER_TOOL + countTokens(`search\nSearch the code base for a symbol\n{"type":"object"}`),
    );
    const { description: _, ...bare } = tool;
    assert.equal(countToolTokens([bare], MODEL), TOKENS_PER_TOOL + countTokens(`search\n\n{"type":"object"}`));
  });

  it('the upper bound counts UTF-8 bytes of messages and tools, and is what a bound estimate reports', () => {
    const messages: ChatMessage[] = [{ role: 'user', content: 'héllo' }];
    const tools = [{ name: 't', parameters: {} }];
    const bound = frame(1) + 6 + TOKENS_PER_TOOL + Buffer.byteLength('t\n\n{}');
    assert.equal(inputTokensUpperBound({ messages, tools }, MODEL), bound);
    const e: Pick<Endpoint, 'price' | 'canonicalModel' | 'modelId' | 'capabilities'> = {
      canonicalModel: MODEL,
      modelId: 'gpt-4o',
      price: { inputPerMTok: 1, outputPerMTok: 1 },
      capabilities: { images: true, reasoning: false, tools: true },
    };
    const est = preSendEstimate({ messages, tools }, e, { upperBound: true });
    assert.equal(est.inputTokens, bound);
    assert.equal(est.method, 'UTF-8 bytes (upper bound)');
  });

  it('an endpoint with no known capabilities is estimated with ordinary reply sizes', () => {
    const est = preSendEstimate({ messages: [{ role: 'user', content: 'hi' }] }, {
      canonicalModel: MODEL,
      modelId: 'gpt-4o',
      price: { inputPerMTok: 1, outputPerMTok: 1 },
    } as Pick<Endpoint, 'price' | 'canonicalModel' | 'modelId' | 'capabilities'>);
    assert.deepEqual(Object.values(est.outputTokens), [...TYPICAL_OUTPUT_TOKENS.plain]);
  });
});
