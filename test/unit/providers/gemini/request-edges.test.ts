// What the Gemini body leaves out and what it refuses: empty turns and parts, calls and thoughts
// in the wrong role, results with no known call, settings that apply only with tools or reasoning.
import * as assert from 'node:assert/strict';
import { ProviderError } from '../../../../src/core/errors';
import { buildGeminiBody, buildGeminiRequest, geminiModelPath } from '../../../../src/core/providers/gemini/build-request';
import { GEMINI_PRESET } from '../../../../src/core/providers/gemini/preset';
import type { ChatRequest, Warning } from '../../../../src/core/types';
import { WEATHER } from '../tool-fixtures';

const d = GEMINI_PRESET;
const req = (over: Partial<ChatRequest> = {}): ChatRequest => ({ model: 'm', messages: [{ role: 'user', content: 'hi' }], ...over });
const HI = { role: 'user', parts: [{ text: 'hi' }] };

describe('gemini request edges: the conversation', () => {
  it('sends only contents for a plain question, with JSON and SSE headers', () => {
    assert.deepEqual(buildGeminiBody(req(), [], d), { contents: [HI] });
    const r = buildGeminiRequest({ ...d, extraHeaders: { 'x-extra': '1' } }, 'k-1234', req());
    assert.deepEqual(r.headers, {
      'content-type': 'application/json',
      accept: 'text/event-stream',
      'x-extra': '1',
      'x-goog-api-key': 'k-1234',
    });
  });

  it('trims model ids and strips only a leading models/', () => {
    assert.equal(geminiModelPath('  gemini-2.5-pro '), 'models/gemini-2.5-pro');
    assert.equal(geminiModelPath('my-models/x'), 'models/my-models%2Fx');
  });

  it('drops empty system text, empty text parts and empty turns', () => {
    const body = buildGeminiBody(
      req({
        messages: [
          { role: 'system', content: '' },
          { role: 'user', content: [{ type: 'text', text: '' }] },
          { role: 'assistant', content: 'A' },
          {
            role: 'user',
            content: [
              { type: 'text', text: '' },
              { type: 'text', text: 'B' },
            ],
          },
        ],
      }),
    );
    assert.deepEqual(body, {
      contents: [
        { role: 'model', parts: [{ text: 'A' }] },
        { role: 'user', parts: [{ text: 'B' }] },
      ],
    });
  });

  it('sends calls and thoughts only on model turns, and Gemini thoughts only when they carry something', () => {
    const thought = (text: string, signature?: string) => ({ type: 'reasoning' as const, text, family: 'gemini' as const, signature });
    const body = buildGeminiBody(
      req({
        messages: [
          {
            role: 'user',
            content: [{ type: 'tool-call', id: 'c1', name: 'f', args: {} }, thought('user-side'), { type: 'text', text: 'q' }],
          },
          {
            role: 'assistant',
            content: [
              thought(''),
              thought('text only'),
              thought('', 'sig-only'),
              { type: 'reasoning', text: 'other', family: 'anthropic' },
            ],
          },
        ],
      }),
    );
    assert.deepEqual(body.contents, [
      { role: 'user', parts: [{ text: 'q' }] },
      {
        role: 'model',
        parts: [
          { text: 'text only', thought: true },
          { text: '', thought: true, thoughtSignature: 'sig-only' },
        ],
      },
    ]);
  });

  it('names a result with no known call unknown_tool, keeps its id, and reports a left-out image', () => {
    const w: Warning[] = [];
    const body = buildGeminiBody(
      req({
        messages: [
          { role: 'user', content: 'hi' },
          { role: 'assistant', content: 'ok' },
          {
            role: 'user',
            content: [
              {
                type: 'tool-result',
                toolCallId: 'lost-1',
                content: [
                  { type: 'text', text: 'r' },
                  { type: 'image', mediaType: 'image/png', data: 'AA==' },
                ],
              },
            ],
          },
        ],
      }),
      w,
    );
    assert.deepEqual(body.contents[2], {
      role: 'user',
      parts: [{ functionResponse: { name: 'unknown_tool', response: { result: 'r' }, id: 'lost-1' } }],
    });
    assert.deepEqual(w, [
      { parameter: 'messages[2].content', message: 'Gemini function responses carry text here; the image in the result was left out.' },
    ]);
  });
});

describe('gemini request edges: settings', () => {
  it('sends a tool choice only with tools, and no config when none is chosen', () => {
    const w: Warning[] = [];
    assert.equal(buildGeminiBody(req({ toolChoice: 'auto' }), w, d).toolConfig, undefined);
    const tools = buildGeminiBody(req({ tools: [WEATHER], parallelToolCalls: true }), w, d);
    assert.deepEqual(Object.keys(tools), ['contents', 'tools']);
    assert.deepEqual(buildGeminiBody(req({ tools: [WEATHER] })).tools, tools.tools, 'no descriptor, nothing to refuse');
    assert.deepEqual(w, []);
    buildGeminiBody(req({ tools: [WEATHER], parallelToolCalls: false }), w, d);
    assert.deepEqual(w, [
      { parameter: 'parallelToolCalls', message: 'Gemini cannot turn off parallel function calls; the setting was not sent.' },
    ]);
  });

  it('refuses tools a host cannot call', () => {
    const noTools = { ...d, capabilities: { ...d.capabilities, tools: false } };
    assert.throws(
      () => buildGeminiBody(req({ tools: [WEATHER] }), [], noTools),
      (e: unknown) => e instanceof ProviderError && e.category === 'bad_request' && e.message === 'Google Gemini cannot call tools.',
    );
  });

  it('sends each thinking option on its own, and no thinkingConfig for other extras', () => {
    const gen = (gemini: NonNullable<ChatRequest['providerOptions']>['gemini']) =>
      buildGeminiBody(req({ providerOptions: { gemini } })).generationConfig;
    assert.deepEqual(gen({ includeThoughts: false }), { thinkingConfig: { includeThoughts: false } });
    assert.deepEqual(gen({ thinkingBudget: 64 }), { thinkingConfig: { thinkingBudget: 64 } });
    assert.deepEqual(gen({ extraGenerationConfig: { topK: 3 } }), { topK: 3 });
  });

  it('ignores reasoning on a host without it, and reports a budget a level model cannot take', () => {
    const w: Warning[] = [];
    const plain = { ...d, capabilities: { ...d.capabilities, reasoning: false } };
    assert.equal(buildGeminiBody(req({ reasoning: { effort: 'high' } }), w, plain).generationConfig, undefined);
    assert.equal(w.length, 1);
    const levels = { ...d, capabilities: { ...d.capabilities, reasoningControl: 'level' as const } };
    const lw: Warning[] = [];
    buildGeminiBody(req({ reasoning: { effort: 'high' } }), lw, levels);
    assert.deepEqual(lw, []);
    const thinking = buildGeminiBody(req({ reasoning: { effort: 'high', maxTokens: 900 } }), lw, levels).generationConfig?.thinkingConfig;
    assert.deepEqual(thinking, { thinkingLevel: 'high', includeThoughts: true });
    assert.deepEqual(lw, [
      { parameter: 'reasoning.maxTokens', message: 'Google Gemini takes a thinking level, not a budget; the budget was not sent.' },
    ]);
  });
});
