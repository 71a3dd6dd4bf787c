// Function declarations, calling config, function calls and responses, thought signatures,
// reasoning control and schema in the Gemini body.
import * as assert from 'node:assert/strict';
import { buildGeminiBody } from '../../../../src/core/providers/gemini/build-request';
import { GEMINI_PRESET } from '../../../../src/core/providers/gemini/preset';
import type { ChatRequest, Warning } from '../../../../src/core/types';
import { CLOCK, toolLoop, WEATHER } from '../tool-fixtures';

const d = GEMINI_PRESET;
const req = (over: Partial<ChatRequest> = {}): ChatRequest => ({
  model: 'gemini-2.5-flash',
  messages: [{ role: 'user', content: 'hi' }],
  ...over,
});

describe('gemini request: tools', () => {
  it('maps tools to functionDeclarations and every tool choice to functionCallingConfig', () => {
    const body = buildGeminiBody(req({ tools: [WEATHER, CLOCK], toolChoice: 'auto' }), [], d);
    assert.deepEqual(body.tools, [
      {
        functionDeclarations: [
          { name: 'get_weather', description: 'Current weather for a city', parametersJsonSchema: WEATHER.parameters },
          { name: 'now', parametersJsonSchema: CLOCK.parameters },
        ],
      },
    ]);
    assert.deepEqual(body.toolConfig, { functionCallingConfig: { mode: 'AUTO' } });
    assert.deepEqual(buildGeminiBody(req({ tools: [WEATHER], toolChoice: 'none' }), [], d).toolConfig, {
      functionCallingConfig: { mode: 'NONE' },
    });
    assert.deepEqual(buildGeminiBody(req({ tools: [WEATHER], toolChoice: 'required' }), [], d).toolConfig, {
      functionCallingConfig: { mode: 'ANY' },
    });
    assert.deepEqual(buildGeminiBody(req({ tools: [WEATHER], toolChoice: { type: 'tool', name: 'get_weather' } }), [], d).toolConfig, {
      functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['get_weather'] },
    });
    const w: Warning[] = [];
    buildGeminiBody(req({ tools: [WEATHER], parallelToolCalls: false }), w, d);
    assert.equal(w[0]?.parameter, 'parallelToolCalls');
  });

  it('sends thought and call signatures back on the parts they came on; generated ids stay off the wire', () => {
    const w: Warning[] = [];
    const body = buildGeminiBody(req({ messages: toolLoop() }), w, d);
    assert.deepEqual(body.contents[1], {
      role: 'model',
      parts: [
        { text: 'Gemini thought', thought: true, thoughtSignature: 'sig-gemini-thought' },
        { text: 'Let me check.' },
        { functionCall: { name: 'get_weather', args: { city: 'Paris' }, id: 'call_1' }, thoughtSignature: 'sig-gemini-call' },
        { functionCall: { name: 'now', args: {} } },
      ],
    });
    assert.deepEqual(body.contents[2], {
      role: 'user',
      parts: [
        { functionResponse: { name: 'get_weather', response: { result: '18°C' }, id: 'call_1' } },
        { functionResponse: { name: 'now', response: { error: 'clock unavailable' } } },
      ],
    });
    assert.equal(w.length, 1, 'the image in a result is reported');
  });
});

describe('gemini request: reasoning control and structured output', () => {
  it('maps effort to a thinking budget, or to a level where the capability data says levels', () => {
    assert.deepEqual(buildGeminiBody(req({ reasoning: { effort: 'high' } }), [], d).generationConfig?.thinkingConfig, {
      thinkingBudget: 24576,
      includeThoughts: true,
    });
    assert.deepEqual(
      buildGeminiBody(req({ reasoning: { effort: 'low', maxTokens: 512, exclude: true } }), [], d).generationConfig?.thinkingConfig,
      { thinkingBudget: 512, includeThoughts: false },
    );
    const levels = { ...d, capabilities: { ...d.capabilities, reasoningControl: 'level' as const } };
    assert.deepEqual(buildGeminiBody(req({ reasoning: { effort: 'low' } }), [], levels).generationConfig?.thinkingConfig, {
      thinkingLevel: 'low',
      includeThoughts: true,
    });
  });

  it('maps responseFormat to responseMimeType and responseJsonSchema', () => {
    const schema = { type: 'object', properties: { a: { type: 'number' } } };
    const gen = buildGeminiBody(req({ responseFormat: { type: 'json_schema', name: 'answer', schema } }), [], d).generationConfig;
    assert.equal(gen?.responseMimeType, 'application/json');
    assert.deepEqual(gen?.responseJsonSchema, schema);
  });
});
