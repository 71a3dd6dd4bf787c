// Simulator routes for catalog feeds: OpenRouter-shaped /api/v1/models and per-model /endpoints,
// plus a genai-prices-shaped data.json for updatePrices. A mutable mode switches in faults.
import type { Router, Scenario } from './server';
import { htmlError, jsonError } from './server';

/** How the feeds answer. `nonsense` is valid JSON of the wrong shape; `garbage` is a half-written body. */
export type FeedMode = 'ok' | 'nonsense' | 'garbage' | 'error' | 'html';

/** Mutable knobs of the simulated feeds. */
export interface CatalogFeedState {
  models: FeedMode;
  endpoints: FeedMode;
  prices: FeedMode;
}

/** Per-token price strings, as OpenRouter writes them. */
function perTok(perMTok: number): string {
  return String(perMTok / 1e6);
}

function pricing(input: number, output: number, extra: Record<string, string> = {}): Record<string, string> {
  return {
    prompt: perTok(input),
    completion: perTok(output),
    request: '0',
    image: '0',
    web_search: '0',
    internal_reasoning: '0',
    ...extra,
  };
}

/** OpenRouter `/models` entries modelled on the real listing (prices per MTok noted beside each). */
export const SIM_OR_MODELS = [
  {
    id: 'anthropic/claude-sonnet-4.5',
    canonical_slug: 'anthropic/claude-4.5-sonnet-20250929',
    name: 'Anthropic: Claude Sonnet 4.5',
    context_length: 1_000_000,
    architecture: {
      modality: 'text+image->text',
      input_modalities: ['text', 'image', 'file'],
      output_modalities: ['text'],
      tokenizer: 'Claude',
    },
    pricing: pricing(3, 15, { input_cache_read: perTok(0.3), input_cache_write: perTok(3.75) }), // $3 / $15
    top_provider: { context_length: 1_000_000, max_completion_tokens: 64_000, is_moderated: true },
    supported_parameters: ['include_reasoning', 'max_tokens', 'reasoning', 'stop', 'temperature', 'tool_choice', 'tools', 'top_k', 'top_p'],
  },
  {
    id: 'meta-llama/llama-3.3-70b-instruct',
    canonical_slug: 'meta-llama/llama-3.3-70b-instruct',
    name: 'Meta: Llama 3.3 70B Instruct',
    context_length: 131_072,
    architecture: { modality: 'text->text', input_modalities: ['text'], output_modalities: ['text'], tokenizer: 'Llama3' },
    pricing: pricing(0.1, 0.32), // $0.10 / $0.32
    top_provider: { context_length: 131_072, max_completion_tokens: 16_384, is_moderated: false },
    supported_parameters: ['frequency_penalty', 'max_tokens', 'response_format', 'stop', 'temperature', 'tool_choice', 'tools', 'top_p'],
  },
  {
    id: 'meta-llama/llama-3.3-70b-instruct:free',
    name: 'Meta: Llama 3.3 70B Instruct (free)',
    context_length: 65_536,
    architecture: { input_modalities: ['text'], output_modalities: ['text'] },
    pricing: pricing(0, 0),
    top_provider: { context_length: 65_536, max_completion_tokens: null, is_moderated: false },
    supported_parameters: ['max_tokens', 'temperature'],
  },
  {
    id: 'openai/gpt-4o',
    name: 'OpenAI: GPT-4o',
    context_length: 128_000,
    architecture: { input_modalities: ['text', 'image', 'file'], output_modalities: ['text'] },
    pricing: pricing(2.5, 10, { input_cache_read: perTok(1.25) }),
    top_provider: { context_length: 128_000, max_completion_tokens: 16_384, is_moderated: true },
    supported_parameters: ['max_tokens', 'tools', 'tool_choice', 'response_format', 'structured_outputs'],
  },
  {
    id: 'deepseek/deepseek-r1',
    name: 'DeepSeek: R1',
    context_length: 163_840,
    architecture: { input_modalities: ['text'], output_modalities: ['text'] },
    pricing: pricing(0.4, 2, { internal_reasoning: perTok(2) }),
    top_provider: { context_length: 163_840, max_completion_tokens: null, is_moderated: false },
    supported_parameters: ['include_reasoning', 'reasoning', 'max_tokens'],
  },
  {
    id: 'sim/brand-new-model',
    name: 'Sim: Brand New Model',
    context_length: 32_768,
    architecture: { input_modalities: ['text'], output_modalities: ['text'] },
    pricing: pricing(0.2, 0.6),
    top_provider: { context_length: 32_768 },
    supported_parameters: ['tools'],
  },
  {
    // Routers have no fixed price: OpenRouter writes -1, which means unknown, not free.
    id: 'openrouter/auto',
    name: 'Auto Router',
    context_length: 2_000_000,
    architecture: { input_modalities: ['text', 'image'], output_modalities: ['text'] },
    pricing: { prompt: '-1', completion: '-1' },
    top_provider: { context_length: null, max_completion_tokens: null, is_moderated: false },
    supported_parameters: [],
  },
];

/** Upstream hosts of Llama 3.3 70B, as `/models/meta-llama/llama-3.3-70b-instruct/endpoints` lists them. */
export const SIM_LLAMA_HOSTS = [
  {
    name: 'Groq | meta-llama/llama-3.3-70b-instruct',
    provider_name: 'Groq',
    tag: 'groq',
    context_length: 131_072,
    max_completion_tokens: 32_768,
    pricing: pricing(0.59, 0.79),
    quantization: 'unknown',
    status: 0,
    uptime_last_30m: 99.2,
    supported_parameters: ['tools'],
  },
  {
    name: 'Together | meta-llama/llama-3.3-70b-instruct',
    provider_name: 'Together',
    tag: 'together/fp8',
    context_length: 131_072,
    max_completion_tokens: 2_048,
    pricing: pricing(0.88, 0.88),
    quantization: 'fp8',
    status: 0,
    uptime_last_30m: 100,
    supported_parameters: ['tools'],
  },
  {
    name: 'Cerebras | meta-llama/llama-3.3-70b-instruct',
    provider_name: 'Cerebras',
    tag: 'cerebras',
    context_length: 65_536,
    max_completion_tokens: 8_192,
    pricing: pricing(0.85, 1.2),
    quantization: 'fp16',
    status: 0,
    uptime_last_30m: 97.5,
    supported_parameters: [],
  },
  {
    name: 'Fireworks | meta-llama/llama-3.3-70b-instruct',
    provider_name: 'Fireworks',
    tag: 'fireworks',
    context_length: 131_072,
    max_completion_tokens: 16_384,
    pricing: pricing(0.9, 0.9),
    quantization: 'fp16',
    status: 0,
    uptime_last_30m: 98.9,
    supported_parameters: ['tools'],
  },
  {
    name: 'DeepInfra | meta-llama/llama-3.3-70b-instruct',
    provider_name: 'DeepInfra',
    tag: 'deepinfra/fp8',
    context_length: 131_072,
    max_completion_tokens: 16_384,
    pricing: pricing(0.1, 0.32),
    quantization: 'fp8',
    status: 0,
    uptime_last_30m: null,
    supported_parameters: ['tools'],
  },
];

/** A genai-prices-shaped data set (a newer copy of its data.json) with a price cut on Groq's Llama 3.3. */
export const SIM_PRICE_DATA = [
  {
    id: 'groq',
    name: 'Groq',
    api_pattern: 'https://api\\.groq\\.com',
    models: [
      {
        id: 'llama-3.3-70b-versatile',
        name: 'Llama 3.3 70B Versatile',
        match: { equals: 'llama-3.3-70b-versatile' },
        context_window: 131_072,
        prices: { input_mtok: 0.29, output_mtok: 0.39 },
      },
      {
        id: 'openai/gpt-oss-120b',
        match: { equals: 'openai/gpt-oss-120b' },
        prices: { input_mtok: 0.15, cache_read_mtok: 0.075, output_mtok: 0.6 },
      },
    ],
  },
  {
    id: 'anthropic',
    name: 'Anthropic',
    api_pattern: 'https://api\\.anthropic\\.com',
    models: [
      {
        id: 'claude-sonnet-4-5',
        match: { or: [{ starts_with: 'claude-sonnet-4-5' }, { starts_with: 'claude-sonnet-4.5' }] },
        prices: {
          input_mtok: { base: 3, tiers: [{ start: 200_000, price: 6 }] },
          cache_write_mtok: { base: 3.75, tiers: [{ start: 200_000, price: 7.5 }] },
          cache_read_mtok: { base: 0.3, tiers: [{ start: 200_000, price: 0.6 }] },
          output_mtok: { base: 15, tiers: [{ start: 200_000, price: 22.5 }] },
        },
      },
    ],
  },
  { id: 'unknown-provider', name: 'Ignored', api_pattern: '', models: [] },
];

function ok(body: unknown): Scenario {
  return { status: 200, headers: { 'content-type': 'application/json' }, steps: [{ kind: 'write', data: JSON.stringify(body) }] };
}

function faulty(mode: FeedMode, good: () => unknown): Scenario {
  switch (mode) {
    case 'ok':
      return ok(good());
    case 'nonsense':
      return ok({ data: [{ id: 42, pricing: 'free!' }, { hello: 'world' }], prices: 'n/a' });
    case 'garbage':
      return {
        status: 200,
        headers: { 'content-type': 'application/json' },
        steps: [{ kind: 'write', data: '{"data": [{"id": "anthropic/cla' }],
      };
    case 'error':
      return jsonError(500, { error: { message: 'Internal Server Error', code: 500 } });
    case 'html':
      return htmlError(502);
  }
}

/** Routes: `/api/v1/models`, `/api/v1/models/{author}/{slug}/endpoints`, `/prices/data.json`. */
export function catalogFeedRouter(state: CatalogFeedState): Router {
  return (req) => {
    if (req.method !== 'GET') return undefined;
    if (req.path === '/api/v1/models') return faulty(state.models, () => ({ data: SIM_OR_MODELS }));
    const m = /^\/api\/v1\/models\/([^/]+)\/([^/]+)\/endpoints$/.exec(req.path);
    if (m) {
      const id = `${decodeURIComponent(m[1])}/${decodeURIComponent(m[2])}`;
      const model = SIM_OR_MODELS.find((x) => x.id === id);
      if (!model) return jsonError(404, { error: { code: 404, message: 'Model not found' } });
      const hosts = id === 'meta-llama/llama-3.3-70b-instruct' ? SIM_LLAMA_HOSTS : [];
      return faulty(state.endpoints, () => ({ data: { id, name: model.name, architecture: model.architecture, endpoints: hosts } }));
    }
    if (req.path === '/prices/data.json') return faulty(state.prices, () => SIM_PRICE_DATA);
    return undefined;
  };
}
