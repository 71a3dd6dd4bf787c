// What a model reference names: a canonical model, or one provider's own model id.
import type { ModelRef } from './types';

/** A parsed model reference. */
type ParsedModelRef = { kind: 'pinned'; provider: string; modelId: string } | { kind: 'canonical'; model: string };

/**
 * `groq:llama-3.3-70b-versatile` is pinned when the text before the first colon is a known
 * provider id. Canonical ids may hold colons too (`meta-llama/llama-3.1-8b:free`), but their
 * prefix contains a slash, so no provider id can match it.
 */
export function parseModelRef(ref: ModelRef, isProvider: (id: string) => boolean): ParsedModelRef {
  const colon = ref.indexOf(':');
  if (colon > 0) {
    const provider = ref.slice(0, colon);
    if (!provider.includes('/') && isProvider(provider)) return { kind: 'pinned', provider, modelId: ref.slice(colon + 1) };
  }
  return { kind: 'canonical', model: ref };
}
