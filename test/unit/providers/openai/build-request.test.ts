// Request building per preset: the capability data decides every optional field.
import * as assert from 'node:assert/strict';
import { buildChatBody, buildChatHttpRequest } from '../../../../src/core/providers/openai/build-request';
import { customOpenAIProvider, OPENAI_COMPATIBLE_PRESETS } from '../../../../src/core/providers/openai/presets';
import type { ProviderDescriptor } from '../../../../src/core/providers/descriptor';
import type { ChatRequest } from '../../../../src/core/types';
import { HttpClient } from '../../../../src/core/http/client';
import { SENTINEL_KEY } from './helpers';

const byId = (id: string): ProviderDescriptor => {
  const d = OPENAI_COMPATIBLE_PRESETS.find((p) => p.id === id);
  if (!d) throw new Error(`no preset ${id}`);
  return d;
};

const REQ: ChatRequest = {
  model: 'm',
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Hi' },
    { role: 'assistant', content: [{ type: 'text', text: 'Hello' }] },
    { role: 'user', content: 'Again' },
  ],
  temperature: 0.3,
  maxOutputTokens: 256,
  stopSequences: ['END'],
};

describe('openai build-request', () => {
  it('every preset is an openai-family descriptor with a unique id and a real https base (or local http)', () => {
    const ids = new Set<string>();
    for (const d of OPENAI_COMPATIBLE_PRESETS) {
      assert.equal(d.family, 'openai');
      assert.ok(!ids.has(d.id), d.id);
      ids.add(d.id);
      if (d.capabilities.local) assert.match(d.baseUrl, /^http:\/\/localhost:\d+\/v1$/);
      else {
        assert.match(d.baseUrl, /^https:\/\//);
        assert.ok(d.envKey && /_API_KEY$/.test(d.envKey), `${d.id} envKey`);
        assert.ok(d.keyRequired);
        assert.ok(d.keyUrl?.startsWith('https://'));
      }
    }
    assert.deepEqual(
      [...ids],
      ['openai', 'openrouter', 'mistral', 'groq', 'deepseek', 'xai', 'together', 'fireworks', 'cerebras', 'ollama', 'lmstudio'],
    );
  });

  it('maps messages, temperature, stop and the max-tokens field per preset', () => {
    const expectField: Record<string, string> = { openai: 'max_completion_tokens', cerebras: 'max_completion_tokens' };
    for (const d of OPENAI_COMPATIBLE_PRESETS) {
      const b = buildChatBody(REQ, d);
      const field = expectField[d.id] ?? 'max_tokens';
      const other = field === 'max_tokens' ? 'max_completion_tokens' : 'max_tokens';
      assert.equal(b[field], 256, d.id);
      assert.equal(b[other], undefined, d.id);
      assert.equal(b.stream, true);
      assert.equal(b.temperature, 0.3);
      assert.deepEqual(b.stop, ['END']);
      assert.deepEqual(b.messages, [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello' },
        { role: 'user', content: 'Again' },
      ]);
    }
  });

  it('stream_options only for hosts that take it (Mistral rejects it with 422)', () => {
    const withOptions = OPENAI_COMPATIBLE_PRESETS.filter((d) => buildChatBody(REQ, d).stream_options !== undefined).map((d) => d.id);
    assert.deepEqual(withOptions, ['openai', 'openrouter', 'groq', 'deepseek', 'xai', 'ollama']);
    assert.deepEqual(buildChatBody(REQ, byId('openai')).stream_options, { include_usage: true });
    assert.equal(buildChatBody(REQ, byId('mistral')).stream_options, undefined);
  });

  it('omits optional fields the request does not set', () => {
    const b = buildChatBody({ model: 'm', messages: [{ role: 'user', content: 'x' }] }, byId('groq'));
    assert.deepEqual(Object.keys(b).sort(), ['messages', 'model', 'stream', 'stream_options']);
  });

  it('reasoning_effort and extraBody (merged last, can override)', () => {
    const b = buildChatBody(
      { ...REQ, providerOptions: { openai: { reasoningEffort: 'high', extraBody: { provider: { sort: 'price' }, temperature: 1 } } } },
      byId('openrouter'),
    );
    assert.equal(b.reasoning_effort, 'high');
    assert.deepEqual(b.provider, { sort: 'price' });
    assert.equal(b.temperature, 1);
  });

  it('images become image_url data URLs where supported, and are refused elsewhere', () => {
    const req: ChatRequest = {
      model: 'm',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'what?' },
            { type: 'image', mediaType: 'image/png', data: 'iVBORw0K' },
          ],
        },
      ],
    };
    const b = buildChatBody(req, byId('openai'));
    assert.deepEqual((b.messages as unknown[])[0], {
      role: 'user',
      content: [
        { type: 'text', text: 'what?' },
        { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0K' } },
      ],
    });
    assert.throws(
      () => buildChatBody(req, byId('deepseek')),
      (e: Error & { category?: string }) => e.category === 'bad_request' && /DeepSeek does not accept images/.test(e.message),
    );
  });

  it('HTTP request: URL join, bearer auth, OpenRouter attribution headers, no auth for keyless', () => {
    const http = new HttpClient();
    const or = buildChatHttpRequest({ descriptor: byId('openrouter'), http, apiKey: SENTINEL_KEY }, REQ);
    assert.equal(or.url, 'https://openrouter.ai/api/v1/chat/completions');
    assert.equal(or.method, 'POST');
    assert.equal(or.headers.authorization, `Bearer ${SENTINEL_KEY}`);
    assert.equal(or.headers['X-Title'], 'Switchboard');
    assert.ok(or.headers['HTTP-Referer']);
    assert.equal(or.provider, 'openrouter');
    const ol = buildChatHttpRequest({ descriptor: byId('ollama'), http }, REQ);
    assert.equal(ol.url, 'http://localhost:11434/v1/chat/completions');
    assert.equal(ol.headers.authorization, undefined);
    const groq = buildChatHttpRequest(
      { descriptor: { ...byId('groq'), baseUrl: 'http://127.0.0.1:9/openai/v1/' }, http, apiKey: 'k-123456' },
      REQ,
    );
    assert.equal(groq.url, 'http://127.0.0.1:9/openai/v1/chat/completions');
    void http.close();
  });

  it('customOpenAIProvider: defaults plus capability overrides', () => {
    const d = customOpenAIProvider({
      id: 'corp',
      displayName: 'Corp Gateway',
      baseUrl: 'http://localhost:4000/v1',
      keyRequired: false,
      streamUsage: 'none',
      maxTokensField: 'max_completion_tokens',
    });
    assert.equal(d.family, 'openai');
    assert.equal(d.keyRequired, false);
    assert.equal(d.capabilities.local, false, 'a loopback gateway may be paid; local must be stated');
    assert.equal(d.capabilities.streamUsage, 'none');
    const b = buildChatBody(REQ, d);
    assert.equal(b.max_completion_tokens, 256);
    assert.equal(b.stream_options, undefined);
    assert.equal(customOpenAIProvider({ id: 'x', displayName: 'X', baseUrl: 'https://x/v1' }).keyRequired, true);
    const fromSettings = { id: 's', displayName: 'S', family: 'openai', baseUrl: 'https://s/v1', keyRequired: false };
    const s = customOpenAIProvider(fromSettings);
    assert.deepEqual(Object.keys(s.capabilities).sort(), [
      'images',
      'local',
      'maxTokensField',
      'reasoning',
      'reportsCost',
      'requiresMaxTokens',
      'stopSequences',
      'streamUsage',
    ]);
  });
});
