import * as assert from 'node:assert/strict';
import { countTokens } from 'gpt-tokenizer';
import type { Endpoint } from '../../../src/core/catalog/types';
import { estimateUsage, preSendEstimate } from '../../../src/core/pricing/estimate';
import {
  countPromptTokens,
  countTextTokens,
  familyOf,
  FAMILY_FACTOR,
  REPLY_PRIMER_TOKENS,
  TOKENS_PER_IMAGE,
  TOKENS_PER_MESSAGE,
} from '../../../src/core/pricing/token-count';
import type { ChatMessage } from '../../../src/core/types';

const prompt: ChatMessage[] = [
  { role: 'system', content: 'You are a careful reviewer of TypeScript code.' },
  { role: 'user', content: 'Find the bug:\n```ts\nfunction add(a: number, b: number) { return a - b; }\n```' },
];

function ep(p: Partial<Endpoint>): Endpoint {
  return {
    canonicalModel: 'openai/gpt-4o',
    provider: 'openai',
    modelId: 'gpt-4o',
    capabilities: { images: true, reasoning: false, tools: true },
    source: 'bundled',
    ...p,
  };
}

describe('token counting', () => {
  it('picks the tokenizer family from canonical or host ids', () => {
    assert.equal(familyOf('openai/gpt-4o'), 'openai');
    assert.equal(familyOf('o4-mini'), 'openai');
    assert.equal(familyOf('groq:openai/gpt-oss-120b'), 'openai');
    assert.equal(familyOf('anthropic/claude-sonnet-4.5'), 'anthropic');
    assert.equal(familyOf('gemini-2.5-pro'), 'gemini');
    assert.equal(familyOf('llama-3.3-70b-versatile'), 'llama');
    assert.equal(familyOf('deepseek/deepseek-r1'), 'other');
  });

  it('counts OpenAI-family text exactly with o200k, other families scaled by their factor', () => {
    const text = prompt[1].content as string;
    const o200k = countTokens(text);
    assert.equal(countTextTokens(text, 'gpt-4o'), o200k);
    assert.equal(countTextTokens(text, 'claude-sonnet-4-5'), Math.ceil(o200k * FAMILY_FACTOR.anthropic));
    assert.ok(countTextTokens(text, 'claude-sonnet-4-5') > o200k);
  });

  it('adds message framing, the reply primer and a flat allowance per image', () => {
    const texts = prompt.map((m) => countTokens(m.content as string)).reduce((a, b) => a + b, 0);
    assert.equal(countPromptTokens(prompt, 'gpt-4o'), texts + 2 * TOKENS_PER_MESSAGE + REPLY_PRIMER_TOKENS);
    const withImage: ChatMessage[] = [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'what is this?' },
          { type: 'image', mediaType: 'image/png', data: 'AAAA' },
        ],
      },
    ];
    assert.equal(
      countPromptTokens(withImage, 'gpt-4o'),
      countTokens('what is this?') + TOKENS_PER_MESSAGE + REPLY_PRIMER_TOKENS + TOKENS_PER_IMAGE,
    );
    assert.equal(countPromptTokens([], 'gpt-4o'), 0);
  });

  it('counts only image parts as images, however many text parts surround them', () => {
    const content: ChatMessage['content'] = [
      { type: 'text', text: 'compare ' },
      { type: 'image', mediaType: 'image/png', data: 'AAAA' },
      { type: 'text', text: 'with ' },
      { type: 'text', text: 'this' },
    ];
    const framing = TOKENS_PER_MESSAGE + REPLY_PRIMER_TOKENS;
    assert.equal(countPromptTokens([{ role: 'user', content }], 'gpt-4o'), countTokens('compare with this') + framing + TOKENS_PER_IMAGE);
  });

  it('loads the tokenizer on the first count of a freshly loaded module', () => {
    // The tokenizer is cached in module state, so only a fresh copy of the module shows the first count.
    const path = require.resolve('../../../src/core/pricing/token-count');
    const cached = require.cache[path];
    delete require.cache[path];
    try {
      const fresh = require(path) as typeof import('../../../src/core/pricing/token-count');
      assert.equal(fresh.countTextTokens('hello world', 'gpt-4o'), countTokens('hello world'));
    } finally {
      if (cached) require.cache[path] = cached;
    }
  });
});

describe('estimateUsage', () => {
  it('counts the prompt and the partial output of a cut-short stream', () => {
    const u = estimateUsage(prompt, 'The bug is that add subtracts', 'gpt-4o');
    assert.equal(u.inputTokens, countPromptTokens(prompt, 'gpt-4o'));
    assert.equal(u.outputTokens, countTokens('The bug is that add subtracts'));
    assert.equal(u.reasoningTokens, 0);
    assert.equal(u.cacheReadTokens + u.cacheWriteTokens, 0);
  });

  it('includes partial reasoning in output and reports it as reasoning', () => {
    const u = estimateUsage(prompt, 'Answer.', 'deepseek-reasoner', 'Let me think about subtraction versus addition.');
    const reasoning = countTextTokens('Let me think about subtraction versus addition.', 'deepseek-reasoner');
    assert.equal(u.reasoningTokens, reasoning);
    assert.equal(u.outputTokens, countTextTokens('Answer.', 'deepseek-reasoner') + reasoning);
  });
});

describe('preSendEstimate', () => {
  it('gives input tokens, the method, and a rising cost range for typical outputs', () => {
    const e = ep({ price: { inputPerMTok: 2.5, outputPerMTok: 10 } });
    const est = preSendEstimate({ messages: prompt }, e);
    assert.equal(est.inputTokens, countPromptTokens(prompt, 'gpt-4o'));
    assert.equal(est.method, 'o200k');
    assert.deepEqual(est.outputTokens, { low: 256, typical: 1_024, high: 4_096 });
    assert.equal(est.costRange.typical, Math.round(((est.inputTokens * 2.5 + 1_024 * 10) / 1e6) * 1e12) / 1e12);
    assert.ok(est.costRange.low! < est.costRange.typical! && est.costRange.typical! < est.costRange.high!);
    assert.equal(est.status, 'estimated');
  });

  it('caps output sizes by maxOutputTokens and widens them for reasoning models', () => {
    const capped = preSendEstimate({ messages: prompt, maxOutputTokens: 500 }, ep({ price: { inputPerMTok: 1, outputPerMTok: 1 } }));
    assert.deepEqual(capped.outputTokens, { low: 256, typical: 500, high: 500 });
    const thinking = preSendEstimate(
      { messages: prompt },
      ep({
        canonicalModel: 'anthropic/claude-sonnet-4.5',
        modelId: 'claude-sonnet-4-5',
        price: { inputPerMTok: 3, outputPerMTok: 15 },
        capabilities: { images: true, reasoning: true, tools: true },
      }),
    );
    assert.deepEqual(thinking.outputTokens, { low: 1_024, typical: 4_096, high: 16_384 });
    assert.match(thinking.method, /anthropic approx/);
  });

  it('ignores a maxOutputTokens of zero or below instead of capping every size to it', () => {
    const price = { inputPerMTok: 1, outputPerMTok: 1 };
    for (const maxOutputTokens of [0, -5]) {
      assert.deepEqual(
        preSendEstimate({ messages: prompt, maxOutputTokens }, ep({ price })).outputTokens,
        { low: 256, typical: 1_024, high: 4_096 },
        `maxOutputTokens ${maxOutputTokens}`,
      );
    }
  });

  it('is unpriced without a price and free on a local endpoint', () => {
    const unpriced = preSendEstimate({ messages: prompt }, ep({ price: undefined }));
    assert.equal(unpriced.status, 'unpriced');
    assert.deepEqual(unpriced.costRange, { low: undefined, typical: undefined, high: undefined });
    assert.ok(unpriced.inputTokens > 0);
    const local = preSendEstimate({ messages: prompt }, ep({ provider: 'ollama', price: undefined }), { local: true });
    assert.equal(local.status, 'free');
    assert.equal(local.costRange.high, 0);
  });

  it('scales with the size of the selection, so large pastes can be confirmed', () => {
    const big: ChatMessage[] = [{ role: 'user', content: 'const x = 1;\n'.repeat(5_000) }];
    const small = preSendEstimate({ messages: prompt }, ep({ price: { inputPerMTok: 2.5, outputPerMTok: 10 } }));
    const large = preSendEstimate({ messages: big }, ep({ price: { inputPerMTok: 2.5, outputPerMTok: 10 } }));
    assert.ok(large.inputTokens > 20 * small.inputTokens);
    assert.ok(large.costRange.typical! > small.costRange.typical!);
  });
});

describe('tools in the estimate', () => {
  const tool = {
    name: 'search_code',
    description: 'Search the repository for a regular expression',
    parameters: {
      type: 'object',
      properties: { pattern: { type: 'string', description: 'A regular expression' }, path: { type: 'string' } },
      required: ['pattern'],
    },
  };

  it('tool definitions count as input, name, description and schema included', () => {
    const e = ep({ price: { inputPerMTok: 2.5, outputPerMTok: 10 } });
    const without = preSendEstimate({ messages: prompt }, e);
    const withTools = preSendEstimate({ messages: prompt, tools: [tool, { ...tool, name: 'read_file' }] }, e);
    const schemaTokens = countTokens(JSON.stringify(tool.parameters));
    assert.ok(withTools.inputTokens - without.inputTokens >= 2 * schemaTokens, 'both schemas are counted');
    assert.ok(withTools.costRange.typical! > without.costRange.typical!);
  });

  it('tool calls and tool results in the history count as prompt text', () => {
    const call: ChatMessage[] = [
      { role: 'user', content: 'Find TODOs' },
      {
        role: 'assistant',
        content: [{ type: 'tool-call', id: 'c1', name: 'search_code', args: { pattern: 'TODO: remove this workaround before release' } }],
      },
      {
        role: 'tool',
        content: [{ type: 'tool-result', toolCallId: 'c1', content: 'src/a.ts:10 TODO: remove this workaround before release' }],
      },
    ];
    const bare: ChatMessage[] = [
      { role: 'user', content: 'Find TODOs' },
      { role: 'assistant', content: [] },
      { role: 'tool', content: [] },
    ];
    assert.ok(
      countPromptTokens(call, 'gpt-4o') - countPromptTokens(bare, 'gpt-4o') >=
        2 * countTokens('TODO: remove this workaround before release'),
    );
  });
});
