// OpenAI-compatible hosts as data. Each quirk is a capability, verified against the host's
// docs or public bug reports (noted inline), never inferred from a hostname at runtime.
import type { ProviderCapabilities, ProviderDescriptor } from '../descriptor';

const BASE_CAPS: ProviderCapabilities = {
  streamUsage: 'stream_options',
  images: false,
  requiresMaxTokens: false,
  reasoning: false,
  local: false,
  reportsCost: false,
  maxTokensField: 'max_tokens',
  stopSequences: true,
};

function preset(
  p: Omit<ProviderDescriptor, 'family' | 'auth' | 'keyRequired' | 'capabilities'> & {
    caps: Partial<ProviderCapabilities>;
    keyRequired?: boolean;
  },
): ProviderDescriptor {
  const { caps, keyRequired, ...rest } = p;
  return { ...rest, family: 'openai', auth: { kind: 'bearer' }, keyRequired: keyRequired ?? true, capabilities: { ...BASE_CAPS, ...caps } };
}

/**
 * OpenAI itself. o-series models reject `max_tokens`, so the newer field is used everywhere.
 * Its reasoning models go over the Responses API: the only wire that carries their encrypted
 * reasoning from one tool call to the next (o1-pro and o3-pro are served nowhere else).
 */
export const OPENAI: ProviderDescriptor = preset({
  id: 'openai',
  displayName: 'OpenAI',
  baseUrl: 'https://api.openai.com/v1',
  envKey: 'OPENAI_API_KEY',
  keyUrl: 'https://platform.openai.com/api-keys',
  rateLimitScheme: 'openai',
  dataPolicy: { trainsOnData: 'no' },
  caps: {
    images: true,
    maxTokensField: 'max_completion_tokens',
    reasoningControl: 'effort',
    responsesModels: ['gpt-5*', 'o1', 'o1-2*', 'o1-pro*', 'o3*', 'o4-mini*', 'codex-mini*'],
  },
});

/**
 * OpenRouter. Usage (with `cost`) is always sent in the last chunk; `stream_options` is
 * deprecated there but accepted, so it is sent for hosts that proxy OpenRouter.
 * Training depends on the upstream it picks (`provider.data_collection` controls it).
 */
export const OPENROUTER: ProviderDescriptor = preset({
  id: 'openrouter',
  displayName: 'OpenRouter',
  baseUrl: 'https://openrouter.ai/api/v1',
  envKey: 'OPENROUTER_API_KEY',
  keyUrl: 'https://openrouter.ai/settings/keys',
  rateLimitScheme: 'none',
  dataPolicy: { trainsOnData: 'unknown' },
  extraHeaders: { 'HTTP-Referer': 'https://github.com/switchboard-dev/switchboard', 'X-Title': 'Switchboard' },
  // OpenRouter serves `/responses` (stateless) too; OpenAI's reasoning models take it there.
  caps: {
    images: true,
    reasoning: true,
    reportsCost: true,
    reasoningControl: 'openrouter',
    responsesModels: ['openai/gpt-5*', 'openai/o3*', 'openai/o4-mini*'],
  },
});

/** Mistral rejects unknown fields with 422 (`stream_options` included) and sends usage in the last chunk. */
export const MISTRAL: ProviderDescriptor = preset({
  id: 'mistral',
  displayName: 'Mistral',
  baseUrl: 'https://api.mistral.ai/v1',
  envKey: 'MISTRAL_API_KEY',
  keyUrl: 'https://console.mistral.ai/api-keys',
  rateLimitScheme: 'none',
  dataPolicy: { trainsOnData: 'unknown' },
  caps: { streamUsage: 'last_chunk', images: true, reasoning: true },
});

/** Groq accepts `stream_options` (it also repeats usage in `x_groq.usage`) and sends x-ratelimit-* headers. */
export const GROQ: ProviderDescriptor = preset({
  id: 'groq',
  displayName: 'Groq',
  baseUrl: 'https://api.groq.com/openai/v1',
  envKey: 'GROQ_API_KEY',
  keyUrl: 'https://console.groq.com/keys',
  rateLimitScheme: 'openai',
  dataPolicy: { trainsOnData: 'no' },
  caps: { images: true, reasoning: true },
});

/** DeepSeek streams `reasoning_content` and reports cache hits; no image input. */
const DEEPSEEK: ProviderDescriptor = preset({
  id: 'deepseek',
  displayName: 'DeepSeek',
  baseUrl: 'https://api.deepseek.com/v1',
  envKey: 'DEEPSEEK_API_KEY',
  keyUrl: 'https://platform.deepseek.com/api_keys',
  rateLimitScheme: 'none',
  dataPolicy: { trainsOnData: 'unknown' },
  caps: { reasoning: true },
});

/** xAI (Grok): OpenAI-compatible, `reasoning_content` on reasoning models. */
const XAI: ProviderDescriptor = preset({
  id: 'xai',
  displayName: 'xAI',
  baseUrl: 'https://api.x.ai/v1',
  envKey: 'XAI_API_KEY',
  keyUrl: 'https://console.x.ai',
  rateLimitScheme: 'none',
  dataPolicy: { trainsOnData: 'unknown' },
  caps: { images: true, reasoning: true },
});

/** Together sends usage in its final chunk without being asked. */
const TOGETHER: ProviderDescriptor = preset({
  id: 'together',
  displayName: 'Together AI',
  baseUrl: 'https://api.together.xyz/v1',
  envKey: 'TOGETHER_API_KEY',
  keyUrl: 'https://api.together.ai/settings/api-keys',
  rateLimitScheme: 'openai',
  dataPolicy: { trainsOnData: 'unknown' },
  caps: { streamUsage: 'last_chunk', images: true, reasoning: true },
});

/** Fireworks sends usage in its final chunk without being asked. */
const FIREWORKS: ProviderDescriptor = preset({
  id: 'fireworks',
  displayName: 'Fireworks AI',
  baseUrl: 'https://api.fireworks.ai/inference/v1',
  envKey: 'FIREWORKS_API_KEY',
  keyUrl: 'https://fireworks.ai/account/api-keys',
  rateLimitScheme: 'openai',
  dataPolicy: { trainsOnData: 'no' },
  caps: { streamUsage: 'last_chunk', images: true, reasoning: true },
});

/** Cerebras: usage in the final chunk, `max_completion_tokens`, text only. */
const CEREBRAS: ProviderDescriptor = preset({
  id: 'cerebras',
  displayName: 'Cerebras',
  baseUrl: 'https://api.cerebras.ai/v1',
  envKey: 'CEREBRAS_API_KEY',
  keyUrl: 'https://cloud.cerebras.ai',
  rateLimitScheme: 'none',
  dataPolicy: { trainsOnData: 'unknown' },
  caps: { streamUsage: 'last_chunk', reasoning: true, maxTokensField: 'max_completion_tokens' },
});

/** Ollama's OpenAI-compatible endpoint honours `stream_options.include_usage`; it serves `/v1/responses` (stateless) for gpt-oss. */
export const OLLAMA: ProviderDescriptor = preset({
  id: 'ollama',
  displayName: 'Ollama',
  baseUrl: 'http://localhost:11434/v1',
  keyRequired: false,
  rateLimitScheme: 'none',
  dataPolicy: { trainsOnData: 'no' },
  caps: { images: true, reasoning: true, local: true, responsesModels: ['gpt-oss*'] },
});

/** LM Studio sends no usage on streams (lmstudio-bug-tracker#713); the spend layer estimates. */
const LMSTUDIO: ProviderDescriptor = preset({
  id: 'lmstudio',
  displayName: 'LM Studio',
  baseUrl: 'http://localhost:1234/v1',
  keyRequired: false,
  rateLimitScheme: 'none',
  dataPolicy: { trainsOnData: 'no' },
  caps: { streamUsage: 'none', images: true, reasoning: true, local: true },
});

/** Every OpenAI-compatible preset, in the order the UI lists them. */
export const OPENAI_COMPATIBLE_PRESETS: ProviderDescriptor[] = [
  OPENAI,
  OPENROUTER,
  MISTRAL,
  GROQ,
  DEEPSEEK,
  XAI,
  TOGETHER,
  FIREWORKS,
  CEREBRAS,
  OLLAMA,
  LMSTUDIO,
];

/** What a user states about an OpenAI-compatible endpoint of their own. */
/** Capabilities that default to "absent" rather than a BASE_CAPS value, still settable per host. */
const OPTIONAL_CAPS: readonly (keyof ProviderCapabilities)[] = ['tools', 'structuredOutput', 'reasoningControl', 'responsesModels'];

export interface CustomOpenAIProviderInit extends Partial<ProviderCapabilities> {
  id: string;
  displayName: string;
  baseUrl: string;
  keyRequired?: boolean;
  envKey?: string;
  extraHeaders?: Record<string, string>;
}

/**
 * A descriptor for any OpenAI-compatible URL (vLLM, llama.cpp, LiteLLM, a company gateway).
 * Defaults assume a modern server: `stream_options` usage, images allowed (the server
 * rejects them if its model cannot see). Override capabilities for stricter hosts.
 */
export function customOpenAIProvider(init: CustomOpenAIProviderInit): ProviderDescriptor {
  const caps: ProviderCapabilities = { ...BASE_CAPS, images: true };
  // Copy only capability keys: callers often pass a whole settings entry (with `family` etc.).
  for (const k of [...Object.keys(BASE_CAPS), ...OPTIONAL_CAPS] as (keyof ProviderCapabilities)[]) {
    if (init[k] !== undefined) (caps as unknown as Record<string, unknown>)[k] = init[k];
  }
  return {
    id: init.id,
    displayName: init.displayName,
    family: 'openai',
    baseUrl: init.baseUrl,
    auth: { kind: 'bearer' },
    keyRequired: init.keyRequired ?? true,
    envKey: init.envKey,
    extraHeaders: init.extraHeaders,
    rateLimitScheme: 'openai',
    // `local` stays false unless stated: a loopback URL is often a paid gateway (LiteLLM), not a free model.
    capabilities: caps,
  };
}
