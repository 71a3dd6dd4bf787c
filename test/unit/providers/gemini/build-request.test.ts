import { strict as assert } from 'node:assert';
import { buildGeminiBody, buildGeminiRequest, geminiModelPath } from '../../../../src/core/providers/gemini/build-request';
import { GEMINI_PRESET } from '../../../../src/core/providers/gemini/preset';
import type { ChatRequest } from '../../../../src/core/types';
import { SENTINEL_KEY } from './helpers';

describe('gemini build-request', () => {
  it('targets :streamGenerateContent?alt=sse and sends the key only in x-goog-api-key', () => {
    const r = buildGeminiRequest(GEMINI_PRESET, SENTINEL_KEY, { model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(r.method, 'POST');
    assert.equal(r.url, 'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse');
    assert.equal(r.headers['x-goog-api-key'], SENTINEL_KEY);
    assert.equal(r.headers.authorization, undefined);
    assert.ok(!r.url.includes(SENTINEL_KEY));
    assert.equal(r.provider, 'gemini');
  });

  it('accepts model ids with or without the models/ prefix, and tuned models', () => {
    assert.equal(geminiModelPath('models/gemini-2.5-pro'), 'models/gemini-2.5-pro');
    assert.equal(geminiModelPath('gemini-2.5-pro'), 'models/gemini-2.5-pro');
    assert.equal(geminiModelPath('tunedModels/my-model-42'), 'tunedModels/my-model-42');
    const r = buildGeminiRequest({ ...GEMINI_PRESET, baseUrl: 'http://127.0.0.1:9/v1beta/' }, undefined, {
      model: 'models/x',
      messages: [],
    });
    assert.equal(r.url, 'http://127.0.0.1:9/v1beta/models/x:streamGenerateContent?alt=sse');
  });

  it('moves system messages to systemInstruction, maps roles and merges consecutive turns', () => {
    const body = buildGeminiBody({
      model: 'm',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'First' },
        { role: 'user', content: [{ type: 'text', text: 'Second' }] },
        { role: 'assistant', content: 'Answer' },
        { role: 'assistant', content: '' },
        { role: 'system', content: 'Use metric units.' },
        { role: 'user', content: 'Again' },
      ],
    });
    assert.deepEqual(body.systemInstruction, { parts: [{ text: 'Be brief.' }, { text: 'Use metric units.' }] });
    assert.deepEqual(body.contents, [
      { role: 'user', parts: [{ text: 'First' }, { text: 'Second' }] },
      { role: 'model', parts: [{ text: 'Answer' }] },
      { role: 'user', parts: [{ text: 'Again' }] },
    ]);
    assert.equal(body.generationConfig, undefined);
  });

  it('sends images as inlineData', () => {
    const body = buildGeminiBody({
      model: 'm',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image', mediaType: 'image/png', data: 'iVBORw0KGgo=' },
          ],
        },
      ],
    });
    assert.deepEqual(body.contents[0].parts, [{ text: 'What is this?' }, { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } }]);
  });

  it('fills generationConfig, thinkingConfig, and lets extraGenerationConfig win', () => {
    const req: ChatRequest = {
      model: 'm',
      messages: [{ role: 'user', content: 'x' }],
      temperature: 0.2,
      maxOutputTokens: 256,
      stopSequences: ['END'],
      providerOptions: { gemini: { thinkingBudget: 1024, includeThoughts: true, extraGenerationConfig: { topK: 40, temperature: 0.9 } } },
    };
    assert.deepEqual(buildGeminiBody(req).generationConfig, {
      temperature: 0.9,
      maxOutputTokens: 256,
      stopSequences: ['END'],
      thinkingConfig: { thinkingBudget: 1024, includeThoughts: true },
      topK: 40,
    });
    const zero = buildGeminiBody({ ...req, temperature: 0, stopSequences: [], providerOptions: { gemini: { thinkingBudget: 0 } } });
    assert.deepEqual(zero.generationConfig, { temperature: 0, maxOutputTokens: 256, thinkingConfig: { thinkingBudget: 0 } });
  });
});
