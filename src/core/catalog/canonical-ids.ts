// Maps a provider's own model id to a canonical `author/slug` id, so one model's hosts meet under one key.
import { curatedReverseIndex } from './curated-aliases';
import { FIRST_PARTY_AUTHOR, OPENROUTER_ID } from './provider-ids';

const CURATED = curatedReverseIndex();

/** Strips host-specific path prefixes such as Fireworks' `accounts/fireworks/models/`. */
export function bareModelId(modelId: string): string {
  return modelId.replace(/^accounts\/[^/]+\/models\//, '');
}

/**
 * Spellings of one id that hosts use interchangeably: `claude-sonnet-4-5` vs `claude-sonnet-4.5`, and dated
 * snapshots (`-20250929`, `-2024-08-06`) of an undated alias. Ordered most to least specific.
 */
export function idVariants(id: string): string[] {
  const lower = id.toLowerCase();
  const undated = lower.replace(/-(20\d{6}|20\d{2}-\d{2}-\d{2})$/, '');
  const out = [lower, undated];
  for (const v of [lower, undated]) out.push(v.replace(/(\d)-(\d)(?=$|[^\d])/g, '$1.$2'));
  return [...new Set(out)];
}

/**
 * The canonical id of `provider:modelId`. Order: curated table, OpenRouter's own ids, then `author/id` for
 * first-party hosts (matched against canonical ids known from other sources), else a host-scoped id
 * (`groq/some-model`) so unknown models never merge with the wrong one.
 */
export function canonicalFor(provider: string, modelId: string, known?: ReadonlySet<string>): string {
  const bare = bareModelId(modelId);
  for (const v of idVariants(bare)) {
    const c = CURATED.get(`${provider}:${v}`) ?? CURATED.get(`${provider}:${modelId.toLowerCase()}`);
    if (c) return c;
  }
  if (provider === OPENROUTER_ID) return modelId;
  const author = FIRST_PARTY_AUTHOR[provider];
  if (author) {
    const candidates = idVariants(bare).map((v) => `${author}/${v}`);
    return candidates.find((c) => known?.has(c)) ?? candidates[0];
  }
  // Hosts of open models often already use `author/slug` (together, groq's newer ids).
  if (bare.includes('/')) return bare.toLowerCase();
  return `${provider}/${bare.toLowerCase()}`;
}
