// `GET /v1/models`: the models the user can reach through the gateway — named chains, canonical
// ids with at least one reachable host, and each reachable host pinned (`groq:llama-…`).
import { CHOICE_MODEL_IDS, type Engine } from '../core/engine';

/** Model ids in listing order: chains first, the virtual models (when any model is reachable), canonical ids, then pinned ones. */
export function reachableModelIds(engine: Engine, chains: Readonly<Record<string, unknown>>): string[] {
  const reachable = (p: string) => engine.isReachable(p);
  const canonical: string[] = [];
  const pinned: string[] = [];
  for (const row of engine.catalog.listing(reachable)) {
    canonical.push(row.model);
    for (const e of engine.catalog.endpointsOf(row.model)) if (reachable(e.provider)) pinned.push(`${e.provider}:${e.modelId}`);
  }
  const virtual = canonical.length ? Object.values(CHOICE_MODEL_IDS) : [];
  return [...new Set([...Object.keys(chains), ...virtual, ...canonical, ...pinned.sort()])];
}

/** OpenAI's list shape. */
export function openaiModelList(ids: readonly string[]): unknown {
  return { object: 'list', data: ids.map((id) => ({ id, object: 'model', created: 0, owned_by: ownerOf(id) })) };
}

/** Anthropic's list shape (one page holding everything). */
export function anthropicModelList(ids: readonly string[]): unknown {
  const data = ids.map((id) => ({ type: 'model', id, display_name: id, created_at: '1970-01-01T00:00:00Z' }));
  return { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null };
}

function ownerOf(id: string): string {
  const colon = id.indexOf(':');
  if (colon > 0 && !id.slice(0, colon).includes('/')) return id.slice(0, colon);
  const slash = id.indexOf('/');
  return slash > 0 ? id.slice(0, slash) : 'switchboard';
}
