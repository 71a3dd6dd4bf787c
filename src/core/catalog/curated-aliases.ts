// The same model under each host's own id, for models worth routing across hosts.
// Canonical ids follow OpenRouter's `author/slug`. Hand-kept: verify a host id against its model list before adding it.
import type { EndpointCapabilities } from './types';

/** One canonical model and its ids on each host we know. */
interface CuratedModel {
  canonical: string;
  displayName: string;
  capabilities: EndpointCapabilities;
  /** providerId → that provider's model id. OpenRouter is implied (its id is the canonical id) unless listed. */
  hosts: Readonly<Record<string, string>>;
}

const text = { images: false, reasoning: false, tools: true };
const vision = { images: true, reasoning: false, tools: true };
const thinking = { images: true, reasoning: true, tools: true };
const textThinking = { images: false, reasoning: true, tools: true };

/** The curated table. */
export const CURATED_MODELS: readonly CuratedModel[] = [
  {
    canonical: 'anthropic/claude-sonnet-4.5',
    displayName: 'Claude Sonnet 4.5',
    capabilities: thinking,
    hosts: { anthropic: 'claude-sonnet-4-5' },
  },
  {
    canonical: 'anthropic/claude-sonnet-4',
    displayName: 'Claude Sonnet 4',
    capabilities: thinking,
    hosts: { anthropic: 'claude-sonnet-4-0' },
  },
  {
    canonical: 'anthropic/claude-opus-4.1',
    displayName: 'Claude Opus 4.1',
    capabilities: thinking,
    hosts: { anthropic: 'claude-opus-4-1' },
  },
  {
    canonical: 'anthropic/claude-haiku-4.5',
    displayName: 'Claude Haiku 4.5',
    capabilities: thinking,
    hosts: { anthropic: 'claude-haiku-4-5' },
  },
  {
    canonical: 'anthropic/claude-3.5-haiku',
    displayName: 'Claude Haiku 3.5',
    capabilities: vision,
    hosts: { anthropic: 'claude-3-5-haiku-latest' },
  },
  { canonical: 'openai/gpt-4o', displayName: 'GPT-4o', capabilities: vision, hosts: { openai: 'gpt-4o' } },
  { canonical: 'openai/gpt-4o-mini', displayName: 'GPT-4o mini', capabilities: vision, hosts: { openai: 'gpt-4o-mini' } },
  { canonical: 'openai/gpt-4.1', displayName: 'GPT-4.1', capabilities: vision, hosts: { openai: 'gpt-4.1' } },
  { canonical: 'openai/gpt-4.1-mini', displayName: 'GPT-4.1 mini', capabilities: vision, hosts: { openai: 'gpt-4.1-mini' } },
  { canonical: 'openai/gpt-4.1-nano', displayName: 'GPT-4.1 nano', capabilities: vision, hosts: { openai: 'gpt-4.1-nano' } },
  { canonical: 'openai/gpt-5', displayName: 'GPT-5', capabilities: thinking, hosts: { openai: 'gpt-5' } },
  { canonical: 'openai/gpt-5-mini', displayName: 'GPT-5 mini', capabilities: thinking, hosts: { openai: 'gpt-5-mini' } },
  { canonical: 'openai/gpt-5-nano', displayName: 'GPT-5 nano', capabilities: thinking, hosts: { openai: 'gpt-5-nano' } },
  { canonical: 'openai/o4-mini', displayName: 'o4-mini', capabilities: thinking, hosts: { openai: 'o4-mini' } },
  {
    canonical: 'openai/gpt-oss-120b',
    displayName: 'gpt-oss-120b',
    capabilities: textThinking,
    hosts: {
      groq: 'openai/gpt-oss-120b',
      cerebras: 'gpt-oss-120b',
      fireworks: 'accounts/fireworks/models/gpt-oss-120b',
      together: 'openai/gpt-oss-120b',
    },
  },
  { canonical: 'google/gemini-2.5-pro', displayName: 'Gemini 2.5 Pro', capabilities: thinking, hosts: { gemini: 'gemini-2.5-pro' } },
  { canonical: 'google/gemini-2.5-flash', displayName: 'Gemini 2.5 Flash', capabilities: thinking, hosts: { gemini: 'gemini-2.5-flash' } },
  {
    canonical: 'google/gemini-2.5-flash-lite',
    displayName: 'Gemini 2.5 Flash-Lite',
    capabilities: thinking,
    hosts: { gemini: 'gemini-2.5-flash-lite' },
  },
  {
    canonical: 'meta-llama/llama-3.3-70b-instruct',
    displayName: 'Llama 3.3 70B Instruct',
    capabilities: text,
    hosts: {
      groq: 'llama-3.3-70b-versatile',
      together: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
      fireworks: 'accounts/fireworks/models/llama-v3p3-70b-instruct',
      cerebras: 'llama-3.3-70b',
    },
  },
  {
    canonical: 'meta-llama/llama-3.1-8b-instruct',
    displayName: 'Llama 3.1 8B Instruct',
    capabilities: text,
    hosts: { groq: 'llama-3.1-8b-instant', cerebras: 'llama3.1-8b' },
  },
  {
    canonical: 'deepseek/deepseek-chat',
    displayName: 'DeepSeek V3',
    capabilities: text,
    hosts: { deepseek: 'deepseek-chat', fireworks: 'accounts/fireworks/models/deepseek-v3-0324' },
  },
  {
    canonical: 'deepseek/deepseek-r1',
    displayName: 'DeepSeek R1',
    capabilities: textThinking,
    hosts: { deepseek: 'deepseek-reasoner', fireworks: 'accounts/fireworks/models/deepseek-r1-0528' },
  },
  { canonical: 'mistralai/mistral-large', displayName: 'Mistral Large', capabilities: text, hosts: { mistral: 'mistral-large-latest' } },
  {
    canonical: 'qwen/qwen3-32b',
    displayName: 'Qwen3 32B',
    capabilities: textThinking,
    hosts: { groq: 'qwen/qwen3-32b', cerebras: 'qwen-3-32b' },
  },
  { canonical: 'moonshotai/kimi-k2', displayName: 'Kimi K2', capabilities: text, hosts: { groq: 'moonshotai/kimi-k2-instruct' } },
  { canonical: 'x-ai/grok-4', displayName: 'Grok 4', capabilities: thinking, hosts: { xai: 'grok-4-0709' } },
];

/** `provider:modelId` (model id lower-cased) → canonical, over the curated table. */
export function curatedReverseIndex(models: readonly CuratedModel[] = CURATED_MODELS): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of models) for (const [p, id] of Object.entries(m.hosts)) out.set(`${p}:${id.toLowerCase()}`, m.canonical);
  return out;
}
