// What a client's `model` field names: a named fallback chain from settings, or one model ref
// (canonical `anthropic/claude-sonnet-4.5` or pinned `groq:llama-3.3-70b-versatile`) the router resolves.
import type { ModelRef } from '../core/router/types';

/** The router's model list for a client's model name. */
export function modelsFor(name: string, chains: Readonly<Record<string, readonly ModelRef[]>>): ModelRef[] {
  const chain = Object.prototype.hasOwnProperty.call(chains, name) ? chains[name] : undefined;
  return chain && chain.length ? [...chain] : [name];
}
