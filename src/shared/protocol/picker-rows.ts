// What the model picker lists, computed once for both pickers (panel and QuickPick): search,
// favourites and recents first, then grouped by model or by provider.
import type { HostHealth, PickerData, PickerHost, PickerModel } from './chat-model';
import { formatContext, formatPricePair } from '../../common/format';

/** How the picker groups its rows. */
export type PickerGrouping = 'model' | 'provider';

/** One selectable row: a model (any host) or one host of a model (pinned ref `provider:modelId`). */
export interface PickerRow {
  ref: string;
  label: string;
  description: string;
  detail: string;
  /** The id beside the display name (empty when they are the same). */
  aka: string;
  /** Context window and price, short enough to sit beside the host chips. */
  facts: string;
  health: HostHealth;
  favourite: boolean;
  /** The favourite the star toggles: a host row starred through its model un-stars the model. */
  favouriteRef: string;
  model: PickerModel;
  host?: PickerHost;
}

/** A titled group of rows. */
interface PickerSection {
  title: string;
  rows: PickerRow[];
}

const HEALTH_RANK: Record<HostHealth, number> = { ok: 0, degraded: 1, unknown: 2, down: 3 };

/** The best health among a model's hosts: a model is usable if any host is. */
export function bestHealth(hosts: readonly PickerHost[]): HostHealth {
  let best: HostHealth = 'unknown';
  for (const h of hosts) if (HEALTH_RANK[h.health] < HEALTH_RANK[best]) best = h.health;
  return hosts.length ? best : 'unknown';
}

/** Health as a word plus a symbol, so it never relies on colour alone. */
function healthText(h: HostHealth): string {
  return { ok: '● up', degraded: '◐ degraded', down: '○ down', unknown: '· unknown' }[h];
}

function hostSummary(host: PickerHost): string {
  return [host.providerName, healthText(host.health), formatPricePair(host.inputPerMTok, host.outputPerMTok), host.needsKey ? 'no key' : '']
    .filter(Boolean)
    .join(' · ');
}

/** A model the user can send to: at least one host has a key (or needs none). */
function reachable(m: PickerModel): boolean {
  return m.hosts.some((h) => !h.needsKey);
}

const ACRONYM = /^(\d+(\.\d+)?[bkmt]|[a-z]\d+[a-z]?|gpt|ai|oss|vl|it)$/i;

/**
 * The name shown for a model. Catalog entries without a display name carry their id
 * ("allenai/olmo-7b-instruct"); those read as a name ("Olmo 7B Instruct") so the list does not
 * mix ids and names, and the id is shown beside it.
 */
function modelLabel(m: Pick<PickerModel, 'id' | 'displayName'>): string {
  if (m.displayName && m.displayName !== m.id && !m.displayName.includes('/')) return m.displayName;
  const base = (m.displayName || m.id).split('/').pop() ?? m.id;
  return base
    .split(/[-_\s]+/)
    .filter(Boolean)
    .map((w) => (ACRONYM.test(w) ? w.toUpperCase() : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(' ');
}

function matches(query: string, haystack: string): boolean {
  const hay = haystack.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((term) => hay.includes(term));
}

function modelRow(m: PickerModel, favourites: ReadonlySet<string>): PickerRow {
  const cheapest = [...m.hosts]
    .filter((h) => h.inputPerMTok !== undefined)
    .sort((a, b) => (a.inputPerMTok ?? 0) - (b.inputPerMTok ?? 0))[0];
  const label = modelLabel(m);
  const aka = m.id !== label ? m.id : '';
  const facts = [
    formatContext(m.contextWindow),
    cheapest ? `from ${formatPricePair(cheapest.inputPerMTok, cheapest.outputPerMTok)} /MTok` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return {
    ref: m.id,
    label,
    description: [aka, facts].filter(Boolean).join(' · '),
    aka,
    facts,
    detail: m.hosts.map(hostSummary).join('  |  ') || 'no hosts configured',
    health: bestHealth(m.hosts),
    favourite: favourites.has(m.id),
    favouriteRef: m.id,
    model: m,
  };
}

function hostRow(m: PickerModel, host: PickerHost, favourites: ReadonlySet<string>): PickerRow {
  const ref = `${host.provider}:${host.modelId}`;
  const facts = formatContext(host.contextWindow ?? m.contextWindow);
  return {
    ref,
    label: modelLabel(m),
    description: [host.modelId, facts].filter(Boolean).join(' · '),
    aka: host.modelId,
    facts,
    detail: `${healthText(host.health)} · ${formatPricePair(host.inputPerMTok, host.outputPerMTok)} per MTok in/out${host.needsKey ? ' · no key set' : ''}`,
    health: host.health,
    favourite: favourites.has(ref) || favourites.has(m.id),
    favouriteRef: !favourites.has(ref) && favourites.has(m.id) ? m.id : ref,
    model: m,
    host,
  };
}

/** Sections of rows for a query and grouping; favourites and recents come first when not searching. */
export function pickerSections(data: PickerData, grouping: PickerGrouping, query = ''): PickerSection[] {
  const favourites = new Set(data.favourites);
  const searchText = (m: PickerModel) =>
    [m.id, m.displayName, ...m.hosts.flatMap((h) => [h.provider, h.providerName, h.modelId])].join(' ');
  const models = data.models.filter((m) => matches(query, searchText(m)));
  const sections: PickerSection[] = [];
  const byRef = new Map(data.models.map((m) => [m.id, m]));
  if (!query.trim()) {
    const fav = data.favourites.map((r) => refRow(r, byRef, favourites)).filter((r): r is PickerRow => !!r);
    if (fav.length) sections.push({ title: 'Favourites', rows: fav });
    const recent = data.recent
      .filter((r) => !favourites.has(r))
      .map((r) => refRow(r, byRef, favourites))
      .filter((r): r is PickerRow => !!r);
    if (recent.length) sections.push({ title: 'Recently used', rows: recent });
  }
  if (grouping === 'model') {
    sections.push({ title: 'All models', rows: models.filter(reachable).map((m) => modelRow(m, favourites)) });
    const locked = models.filter((m) => !reachable(m));
    if (locked.length) sections.push({ title: 'Needs an API key', rows: locked.map((m) => modelRow(m, favourites)) });
    return sections;
  }
  return [...sections, ...providerSections(models, favourites)];
}

/** One section per provider, those the user has a key for first. */
function providerSections(models: readonly PickerModel[], favourites: ReadonlySet<string>): PickerSection[] {
  const byProvider = new Map<string, { name: string; locked: boolean; rows: PickerRow[] }>();
  for (const m of models) {
    for (const host of m.hosts) {
      const g = byProvider.get(host.provider) ?? { name: host.providerName, locked: true, rows: [] };
      g.rows.push(hostRow(m, host, favourites));
      g.locked &&= !!host.needsKey;
      byProvider.set(host.provider, g);
    }
  }
  return [...byProvider.values()]
    .sort((a, b) => Number(a.locked) - Number(b.locked) || a.name.localeCompare(b.name))
    .map((g) => ({ title: g.locked ? `${g.name} · needs an API key` : g.name, rows: g.rows }));
}

/** Resolves a stored ref (a model id or `provider:modelId`) back into a row, if the model is still known. */
function refRow(ref: string, byRef: ReadonlyMap<string, PickerModel>, favourites: ReadonlySet<string>): PickerRow | undefined {
  const m = byRef.get(ref);
  if (m) return modelRow(m, favourites);
  for (const model of byRef.values()) {
    const host = model.hosts.find((h) => `${h.provider}:${h.modelId}` === ref);
    if (host) return hostRow(model, host, favourites);
  }
  return undefined;
}
