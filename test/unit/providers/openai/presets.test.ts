// The OpenAI-compatible presets as a user meets them: where a request goes, which variable a key
// is imported from, where to get one, which rate-limit headers are read, what the privacy view says,
// and each host's documented quirks as the request and the capability data show them.
import * as assert from 'node:assert/strict';
import { HttpClient } from '../../../../src/core/http/client';
import type { ProviderDescriptor } from '../../../../src/core/providers/descriptor';
import { buildChatBody, buildChatHttpRequest } from '../../../../src/core/providers/openai/build-request';
import { customOpenAIProvider, OPENAI_COMPATIBLE_PRESETS } from '../../../../src/core/providers/openai/presets';
import type { ChatRequest } from '../../../../src/core/types';

interface Expected {
  name: string;
  url: string;
  envKey?: string;
  keyUrl?: string;
  rateLimits: 'openai' | 'none';
  trains: 'no' | 'unknown';
  usage: 'stream_options' | 'last_chunk' | 'none';
  images: boolean;
  reasoning: boolean;
  maxField: 'max_tokens' | 'max_completion_tokens';
}

const EXPECTED: Record<string, Expected> = {
  openai: {
    name: 'OpenAI',
    url: 'https://api.openai.com/v1/chat/completions',
    envKey: 'OPENAI_API_KEY',
    keyUrl: 'https://platform.openai.com/api-keys',
    rateLimits: 'openai',
    trains: 'no',
    usage: 'stream_options',
    images: true,
    reasoning: false,
    maxField: 'max_completion_tokens',
  },
  openrouter: {
    name: 'OpenRouter',
    url: 'https://openrouter.ai/api/v1/chat/completions',
    envKey: 'OPENROUTER_API_KEY',
    keyUrl: 'https://openrouter.ai/settings/keys',
    rateLimits: 'none',
    trains: 'unknown',
    usage: 'stream_options',
    images: true,
    reasoning: true,
    maxField: 'max_tokens',
  },
  mistral: {
    name: 'Mistral',
    url: 'https://api.mistral.ai/v1/chat/completions',
    envKey: 'MISTRAL_API_KEY',
    keyUrl: 'https://console.mistral.ai/api-keys',
    rateLimits: 'none',
    trains: 'unknown',
    usage: 'last_chunk',
    images: true,
    reasoning: true,
    maxField: 'max_tokens',
  },
  groq: {
    name: 'Groq',
    url: 'https://api.groq.com/openai/v1/chat/completions',
    envKey: 'GROQ_API_KEY',
    keyUrl: 'https://console.groq.com/keys',
    rateLimits: 'openai',
    trains: 'no',
    usage: 'stream_options',
    images: true,
    reasoning: true,
    maxField: 'max_tokens',
  },
  deepseek: {
    name: 'DeepSeek',
    url: 'https://api.deepseek.com/v1/chat/completions',
    envKey: 'DEEPSEEK_API_KEY',
    keyUrl: 'https://platform.deepseek.com/api_keys',
    rateLimits: 'none',
    trains: 'unknown',
    usage: 'stream_options',
    images: false,
    reasoning: true,
    maxField: 'max_tokens',
  },
  xai: {
    name: 'xAI',
    url: 'https://api.x.ai/v1/chat/completions',
    envKey: 'XAI_API_KEY',
    keyUrl: 'https://console.x.ai',
    rateLimits: 'none',
    trains: 'unknown',
    usage: 'stream_options',
    images: true,
    reasoning: true,
    maxField: 'max_tokens',
  },
  together: {
    name: 'Together AI',
    url: 'https://api.together.xyz/v1/chat/completions',
    envKey: 'TOGETHER_API_KEY',
    keyUrl: 'https://api.together.ai/settings/api-keys',
    rateLimits: 'openai',
    trains: 'unknown',
    usage: 'last_chunk',
    images: true,
    reasoning: true,
    maxField: 'max_tokens',
  },
  fireworks: {
    name: 'Fireworks AI',
    url: 'https://api.fireworks.ai/inference/v1/chat/completions',
    envKey: 'FIREWORKS_API_KEY',
    keyUrl: 'https://fireworks.ai/account/api-keys',
    rateLimits: 'openai',
    trains: 'no',
    usage: 'last_chunk',
    images: true,
    reasoning: true,
    maxField: 'max_tokens',
  },
  cerebras: {
    name: 'Cerebras',
    url: 'https://api.cerebras.ai/v1/chat/completions',
    envKey: 'CEREBRAS_API_KEY',
    keyUrl: 'https://cloud.cerebras.ai',
    rateLimits: 'none',
    trains: 'unknown',
    usage: 'last_chunk',
    images: false,
    reasoning: true,
    maxField: 'max_completion_tokens',
  },
  ollama: {
    name: 'Ollama',
    url: 'http://localhost:11434/v1/chat/completions',
    rateLimits: 'none',
    trains: 'no',
    usage: 'stream_options',
    images: true,
    reasoning: true,
    maxField: 'max_tokens',
  },
  lmstudio: {
    name: 'LM Studio',
    url: 'http://localhost:1234/v1/chat/completions',
    rateLimits: 'none',
    trains: 'no',
    usage: 'none',
    images: true,
    reasoning: true,
    maxField: 'max_tokens',
  },
};

const REQ: ChatRequest = { model: 'm', messages: [{ role: 'user', content: 'hi' }], maxOutputTokens: 64 };
const IMAGE: ChatRequest = {
  model: 'm',
  messages: [{ role: 'user', content: [{ type: 'image', mediaType: 'image/png', data: 'AA==' }] }],
};

function accepts(d: ProviderDescriptor, req: ChatRequest): boolean {
  try {
    buildChatBody(req, d);
    return true;
  } catch {
    return false;
  }
}

describe('openai presets', () => {
  const http = new HttpClient();
  after(() => http.close());

  for (const d of OPENAI_COMPATIBLE_PRESETS) {
    it(`${d.id}: the URL, key source, rate-limit headers, privacy and quirks a user meets`, () => {
      const x = EXPECTED[d.id];
      assert.ok(x, `no expectation for ${d.id}`);
      const r = buildChatHttpRequest({ descriptor: d, http, apiKey: 'sk-preset-test-0123' }, REQ);
      assert.equal(r.url, x.url);
      assert.equal(r.headers['content-type'], 'application/json');
      assert.equal(r.headers.accept, 'text/event-stream');
      assert.equal(r.headers.authorization, 'Bearer sk-preset-test-0123');
      assert.equal(d.displayName, x.name);
      assert.equal(d.envKey, x.envKey);
      assert.equal(d.keyUrl, x.keyUrl);
      assert.equal(d.keyRequired, x.envKey !== undefined, 'only the local servers take no key');
      assert.equal(d.capabilities.local, x.envKey === undefined);
      assert.equal(d.rateLimitScheme, x.rateLimits);
      assert.deepEqual(d.dataPolicy, { trainsOnData: x.trains });
      assert.equal(d.capabilities.streamUsage, x.usage);
      assert.equal(accepts(d, IMAGE), x.images, 'image input');
      assert.equal(d.capabilities.reasoning, x.reasoning);
      const body = JSON.parse(r.body as string) as Record<string, unknown>;
      assert.equal(body[x.maxField], 64);
      assert.equal(d.capabilities.reportsCost, d.id === 'openrouter', 'only OpenRouter reports its own cost');
      assert.equal(d.capabilities.requiresMaxTokens, false);
      assert.equal(d.capabilities.stopSequences, true);
    });
  }

  it('reasoning models go over the Responses API only where the host serves them', () => {
    const responses = Object.fromEntries(OPENAI_COMPATIBLE_PRESETS.map((d) => [d.id, d.capabilities.responsesModels]));
    assert.deepEqual(responses.openai, ['gpt-5*', 'o1', 'o1-2*', 'o1-pro*', 'o3*', 'o4-mini*', 'codex-mini*']);
    assert.deepEqual(responses.openrouter, ['openai/gpt-5*', 'openai/o3*', 'openai/o4-mini*']);
    assert.deepEqual(responses.ollama, ['gpt-oss*']);
    for (const id of ['mistral', 'groq', 'deepseek', 'xai', 'together', 'fireworks', 'cerebras', 'lmstudio'])
      assert.equal(responses[id], undefined, id);
  });

  it('the reasoning control: an effort for OpenAI, the reasoning object for OpenRouter', () => {
    const reasoning: ChatRequest = { ...REQ, reasoning: { effort: 'low' } };
    const byId = (id: string) => OPENAI_COMPATIBLE_PRESETS.find((d) => d.id === id) as ProviderDescriptor;
    assert.equal(buildChatBody(reasoning, byId('openai')).reasoning_effort, 'low');
    assert.deepEqual(buildChatBody(reasoning, byId('openrouter')).reasoning, { effort: 'low' });
  });

  it('a custom endpoint reads OpenAI-style rate-limit headers and keeps what the user states', () => {
    const d = customOpenAIProvider({
      id: 'corp',
      displayName: 'Corp',
      baseUrl: 'https://gw.example/v1',
      envKey: 'CORP_KEY',
      extraHeaders: { 'x-team': 'a' },
      tools: false,
      responsesModels: ['gpt-5*'],
    });
    assert.equal(d.rateLimitScheme, 'openai');
    assert.deepEqual(d.auth, { kind: 'bearer' });
    assert.equal(d.envKey, 'CORP_KEY');
    assert.equal(d.displayName, 'Corp');
    assert.equal(d.capabilities.tools, false);
    assert.deepEqual(d.capabilities.responsesModels, ['gpt-5*']);
    assert.equal(d.capabilities.images, true, 'a custom server is assumed to take images');
    const r = buildChatHttpRequest({ descriptor: d, http, apiKey: 'k-0123456789' }, REQ);
    assert.equal(r.url, 'https://gw.example/v1/chat/completions');
    assert.equal(r.headers['x-team'], 'a');
  });
});
