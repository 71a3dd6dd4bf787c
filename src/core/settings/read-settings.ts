// Validates raw setting values one setting at a time: a bad value is reported by name and replaced
// by its default, and the rest keep working. Pure, so the editor adapter stays thin.
import type { z } from 'zod';
import { mergeBudgetLevels, type BudgetConfig } from '../budgets';
import {
  ARRAY_ITEM_SCHEMAS,
  BUDGET_FIELDS,
  id as idSchema,
  SETTING_SCHEMAS,
  routingSchema,
  type SettingName,
  type Settings,
} from './schema';

/** One invalid value, phrased for a notification: which setting, what is wrong. */
export interface SettingProblem {
  /** Full name, e.g. `switchboard.budgets.warnAt` or `switchboard.customProviders[2].baseUrl`. */
  setting: string;
  message: string;
}

/** Routing preferences per scope, so the router can merge user then workspace then request. */
export interface RoutingLevels {
  user: z.output<typeof routingSchema>;
  workspace: z.output<typeof routingSchema>;
}

/** Where raw values come from: VS Code's configuration in the extension, a plain object in tests. */
export interface SettingsSource {
  /** The effective value, or undefined when unset. */
  get(name: SettingName): unknown;
  /** The user-level and workspace-level values separately, when the source knows them. */
  levels?(name: SettingName): { user?: unknown; workspace?: unknown };
}

/** The outcome of one read: usable settings plus everything that had to be ignored. */
export interface SettingsReadResult {
  settings: Settings;
  routingLevels: RoutingLevels;
  problems: SettingProblem[];
}

const PREFIX = 'switchboard.';

/** What validation needs to know beyond the values. */
interface ReadOptions {
  /** Ids of the built-in providers: a custom provider may not take one (it would get that provider's key). */
  builtInProviderIds?: ReadonlySet<string>;
}

/** Reads and validates every setting; never throws. */
export function readSettings(source: SettingsSource, opts: ReadOptions = {}): SettingsReadResult {
  const problems: SettingProblem[] = [];
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(SETTING_SCHEMAS) as SettingName[]) {
    if (source.levels && (name === 'budgets' || name === 'priceOverrides')) continue;
    out[name] = readOne(name, source.get(name), problems, opts);
  }
  if (source.levels) {
    out.budgets = readBudgetLevels(source.levels('budgets'), problems, opts);
    out.priceOverrides = readUserOnly('priceOverrides', source.levels('priceOverrides'), problems, opts);
  }
  const settings = out as Settings;
  settings.routing = routingFailClosed(source.get('routing'), settings.routing);
  const routingLevels = readRoutingLevels(source, settings, problems);
  return { settings, routingLevels, problems };
}

function readOne(name: SettingName, raw: unknown, problems: SettingProblem[], opts: ReadOptions): unknown {
  const schema = SETTING_SCHEMAS[name] as z.ZodType;
  const itemSchema = ARRAY_ITEM_SCHEMAS[name];
  if (itemSchema && Array.isArray(raw)) {
    // One bad row of a table should not throw away the good rows.
    const kept: unknown[] = [];
    const ids = new Set<string>();
    raw.forEach((item, i) => {
      const r = itemSchema.safeParse(item);
      if (!r.success) return void problems.push(...issuesToProblems(`${PREFIX}${name}[${i}]`, r.error));
      const itemId = (r.data as { id?: unknown }).id;
      if (typeof itemId === 'string' && ids.has(itemId)) {
        return void problems.push({
          setting: `${PREFIX}${name}[${i}].id`,
          message: `"${itemId}" is used twice; the later entry is ignored`,
        });
      }
      if (name === 'customProviders' && typeof itemId === 'string' && opts.builtInProviderIds?.has(itemId)) {
        const message = `"${itemId}" is a built-in provider; pick another id (to move ${itemId} itself, set switchboard.providers.${itemId}.baseUrl); the entry is ignored`;
        return void problems.push({ setting: `${PREFIX}${name}[${i}].id`, message });
      }
      if (typeof itemId === 'string') ids.add(itemId);
      kept.push(r.data);
    });
    return kept;
  }
  const value = raw === null ? undefined : raw;
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  problems.push(...issuesToProblems(`${PREFIX}${name}`, r.error));
  // One bad field should not take the good ones with it (a budget's limit and action stay when
  // only its warning fraction is wrong).
  const kept = salvage(schema, value, r.error);
  const out = kept === undefined ? schema.parse(undefined) : kept;
  return failClosed(name, value, out, problems);
}

/**
 * The user's budget tightened by the workspace's (see mergeBudgetLevels). Only the fields the
 * workspace set and that are valid take part: a default filled in for it must not count as its choice.
 */
function readBudgetLevels(levels: { user?: unknown; workspace?: unknown }, problems: SettingProblem[], opts: ReadOptions): BudgetConfig {
  const user = readOne('budgets', levels.user ?? undefined, problems, opts) as BudgetConfig;
  if (!levels.workspace || typeof levels.workspace !== 'object') return user;
  const found: SettingProblem[] = [];
  const base = `${PREFIX}budgets`;
  // An unknown field (a typo) is named and left out before parsing: as a problem of the whole
  // object it would void the workspace's other, valid tightenings.
  const ws = levels.workspace;
  const unknown = Array.isArray(ws) ? [] : Object.keys(ws).filter((k) => !BUDGET_FIELDS.has(k));
  if (unknown.length > 0)
    problems.push({ setting: `${base} (workspace)`, message: `unknown field(s) ${unknown.map((k) => `"${k}"`).join(', ')}` });
  const raw = Array.isArray(ws) ? ws : Object.fromEntries(Object.entries(ws).filter(([k]) => BUDGET_FIELDS.has(k)));
  const parsed = readOne('budgets', raw, found, opts) as Record<string, unknown>;
  problems.push(...found.map((p) => ({ ...p, setting: p.setting.replace(base, `${base} (workspace)`) })));
  return mergeBudgetLevels(user, validFields(parsed, raw, found, base) as Partial<BudgetConfig>);
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * The fields of a parsed value that were set in `raw` and are valid. A nested object keeps its own
 * valid fields, so a typo inside `perWorkspace` does not void the limit beside it.
 */
function validFields(parsed: Record<string, unknown>, raw: object, found: SettingProblem[], at: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(parsed)) {
    if (!(k in raw)) continue;
    const path = `${at}.${k}`;
    const set = (raw as Record<string, unknown>)[k];
    // Both objects: salvage kept this object and dropped only its bad fields.
    if (isRecord(v) && isRecord(set)) out[k] = validFields(v, set, found, path);
    else if (!found.some((p) => p.setting === path || p.setting.startsWith(`${path}.`))) out[k] = v;
  }
  return out;
}

/** A setting read from user settings only; a workspace value is ignored, and reported. */
function readUserOnly(
  name: SettingName,
  levels: { user?: unknown; workspace?: unknown },
  problems: SettingProblem[],
  opts: ReadOptions,
): unknown {
  const ws = levels.workspace;
  if (ws !== undefined && ws !== null && !(Array.isArray(ws) && ws.length === 0)) {
    problems.push({
      setting: `${PREFIX}${name}`,
      message: 'this workspace tried to set it; it is read from user settings only, so the workspace value is ignored',
    });
  }
  return readOne(name, levels.user ?? undefined, problems, opts);
}

/** Drops the fields and list entries zod named and parses again; undefined if nothing valid is left. */
function salvage(schema: z.ZodType, raw: unknown, error: z.ZodError): unknown {
  if (!raw || typeof raw !== 'object') return undefined;
  let value: unknown;
  try {
    // VS Code hands out configuration values as read-only proxies, which structuredClone refuses.
    value = JSON.parse(JSON.stringify(raw));
  } catch {
    return undefined;
  }
  let issues = error.issues;
  for (let round = 0; round < 8; round++) {
    const paths = issues.flatMap((i) => (i.code === 'unrecognized_keys' ? i.keys.map((k) => [...i.path, k]) : [i.path]));
    if (paths.some((p) => p.length === 0)) return undefined;
    for (const p of paths) markRemoved(value, p);
    value = sweep(value);
    const again = schema.safeParse(value);
    if (again.success) return again.data;
    issues = again.error.issues;
  }
  return undefined;
}

const REMOVED = Symbol('removed');

function markRemoved(root: unknown, path: readonly PropertyKey[]): void {
  let parent = root as Record<PropertyKey, unknown>;
  for (const key of path.slice(0, -1)) {
    const next = parent?.[key];
    if (!next || typeof next !== 'object') return;
    parent = next as Record<PropertyKey, unknown>;
  }
  const last = path[path.length - 1];
  if (parent && typeof parent === 'object' && last in parent) parent[last] = REMOVED;
}

function sweep(v: unknown): unknown {
  if (Array.isArray(v)) return v.filter((x) => x !== REMOVED).map(sweep);
  if (!v || typeof v !== 'object') return v;
  return Object.fromEntries(
    Object.entries(v)
      .filter(([, x]) => x !== REMOVED)
      .map(([k, x]) => [k, sweep(x)]),
  );
}

/** An id no provider can have (ids are lower-case words), so a list holding only it allows none. */
export const NO_PROVIDER = '!invalid';

/**
 * A restriction that was set but could not be read restricts to nothing rather than to nothing at
 * all, and a provider whose base URL is invalid is turned off rather than sent to its default host.
 */
function failClosed(name: SettingName, raw: unknown, out: unknown, problems: SettingProblem[]): unknown {
  if (name === 'workspaceAllowedProviders' && raw !== undefined && (out as string[]).length === 0) {
    problems.push({ setting: `${PREFIX}${name}`, message: 'no provider is used in this workspace until it is fixed' });
    return [NO_PROVIDER];
  }
  if (name === 'providers' && raw && typeof raw === 'object') {
    const providers = { ...(out as Record<string, { enabled?: boolean; baseUrl?: string }>) };
    for (const [id, entry] of Object.entries(raw as Record<string, unknown>)) {
      const baseUrl = entry && typeof entry === 'object' ? (entry as { baseUrl?: unknown }).baseUrl : undefined;
      if (baseUrl !== undefined && providers[id]?.baseUrl === undefined && idSchema.safeParse(id).success) {
        providers[id] = { ...providers[id], enabled: false };
        problems.push({ setting: `${PREFIX}${name}.${id}`, message: 'turned off until its baseUrl is fixed' });
      }
    }
    return providers;
  }
  return out;
}

/** An `only` list that was set but lost every entry allows no provider instead of every one. */
function routingFailClosed(raw: unknown, out: z.output<typeof routingSchema>): z.output<typeof routingSchema> {
  const wanted = raw && typeof raw === 'object' ? (raw as { only?: unknown }).only : undefined;
  if (wanted === undefined || wanted === null || (Array.isArray(wanted) && wanted.length === 0)) return out;
  return out.only?.length ? out : { ...out, only: [NO_PROVIDER] };
}

function readRoutingLevels(source: SettingsSource, settings: Settings, problems: SettingProblem[]): RoutingLevels {
  const levels = source.levels?.('routing');
  if (!levels) return { user: settings.routing, workspace: {} };
  labelRoutingLevel(problems, levels.workspace);
  const parse = (raw: unknown, label: string) => {
    if (raw === undefined || raw === null) return {};
    const r = routingSchema.safeParse(raw);
    if (r.success) return r.data;
    // The effective value was already reported when it is this level's; avoid saying it twice.
    if (!problems.some((p) => p.setting.startsWith(`${PREFIX}routing`))) {
      problems.push(...issuesToProblems(`${PREFIX}routing (${label})`, r.error));
    }
    return routingFailClosed(raw, (salvage(routingSchema, raw, r.error) ?? {}) as z.output<typeof routingSchema>);
  };
  return { user: parse(levels.user, 'user'), workspace: parse(levels.workspace, 'workspace') };
}

/**
 * Names the level a problem of the effective routing came from: the workspace when it set the
 * offending field (or the whole value), the user otherwise. A repository's settings are not the
 * user's own, so a problem must say which file to open.
 */
function labelRoutingLevel(problems: SettingProblem[], workspace: unknown): void {
  const base = `${PREFIX}routing`;
  for (const p of problems) {
    // No other setting's name starts so, and the levels' own problems are added after this.
    if (!p.setting.startsWith(base)) continue;
    const rest = p.setting.slice(base.length);
    const field = rest.slice(1).split(/[.[]/)[0];
    const set = field ? isRecord(workspace) && field in workspace : workspace !== undefined && workspace !== null;
    p.setting = `${base} (${set ? 'workspace' : 'user'})${rest}`;
  }
}

/** Turns zod issues into one problem per offending field. */
function issuesToProblems(base: string, error: z.ZodError): SettingProblem[] {
  return error.issues.map((issue) => {
    const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
    return { setting: `${base}${path}`, message: describeIssue(issue) };
  });
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  if (issue.code === 'invalid_type') return `expected ${issue.expected}`;
  if (issue.code === 'invalid_value') return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  return issue.message;
}

/** One line per problem, for a warning notification or the log. */
export function formatProblems(problems: readonly SettingProblem[]): string {
  return problems.map((p) => `${p.setting}: ${p.message}`).join('; ');
}
