// How provider ids of outside data sets relate to our descriptor ids, and whose models each host serves.

/** genai-prices provider id → our descriptor id. Providers not listed are not imported. */
export const GENAI_PROVIDER_TO_OURS: Readonly<Record<string, string>> = {
  openai: 'openai',
  anthropic: 'anthropic',
  google: 'gemini',
  mistral: 'mistral',
  groq: 'groq',
  deepseek: 'deepseek',
  'x-ai': 'xai',
  together: 'together',
  fireworks: 'fireworks',
  cerebras: 'cerebras',
  openrouter: 'openrouter',
  perplexity: 'perplexity',
  moonshotai: 'moonshot',
  novita: 'novita',
};

/**
 * For first-party hosts, the OpenRouter-style author of their bare model ids (`gpt-4o` → `openai/gpt-4o`).
 * Hosts of other people's models (groq, together…) are absent: their ids carry no reliable author.
 */
export const FIRST_PARTY_AUTHOR: Readonly<Record<string, string>> = {
  openai: 'openai',
  anthropic: 'anthropic',
  gemini: 'google',
  mistral: 'mistralai',
  deepseek: 'deepseek',
  xai: 'x-ai',
  perplexity: 'perplexity',
  moonshot: 'moonshotai',
};

/** Providers that run on the user's machine; always free. */
export const LOCAL_PROVIDERS: ReadonlySet<string> = new Set(['ollama', 'lmstudio']);

/** The OpenRouter descriptor id; its model ids are canonical ids. */
export const OPENROUTER_ID = 'openrouter';
