// Which wire one request goes over: the descriptor's family, or the Responses API for the models
// the host's capability data lists. Data, never a check of the hostname or a model-name guess.
import type { ProtocolFamily, ProviderDescriptor } from './descriptor';

/** True when `modelId` matches one pattern: an exact id, or a prefix ending in `*`. */
export function matchesModel(patterns: readonly string[], modelId: string): boolean {
  for (const p of patterns) {
    if (p.endsWith('*') ? modelId.startsWith(p.slice(0, -1)) : p === modelId) return true;
  }
  return false;
}

/** The family whose adapter serves this model on this host. */
export function wireFamilyFor(d: ProviderDescriptor, modelId: string): ProtocolFamily {
  const models = d.capabilities.responsesModels;
  return models?.length && matchesModel(models, modelId) ? 'responses' : d.family;
}
