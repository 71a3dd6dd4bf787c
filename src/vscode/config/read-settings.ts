// Validates raw setting values one setting at a time: a bad value is reported by name and replaced
// by its default, and the rest keep working. Pure, so the editor adapter stays thin.
import type { z } from 'zod';
import { ARRAY_ITEM_SCHEMAS, SETTING_SCHEMAS, routingSchema, type SettingName, type Settings } from './schema';

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

/** Reads and validates every setting; never throws. */
export function readSettings(source: SettingsSource): SettingsReadResult {
  const problems: SettingProblem[] = [];
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(SETTING_SCHEMAS) as SettingName[]) {
    out[name] = readOne(name, source.get(name), problems);
  }
  const settings = out as Settings;
  const routingLevels = readRoutingLevels(source, settings, problems);
  return { settings, routingLevels, problems };
}

function readOne(name: SettingName, raw: unknown, problems: SettingProblem[]): unknown {
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
        return void problems.push({ setting: `${PREFIX}${name}[${i}].id`, message: `"${itemId}" is used twice; the later entry is ignored.` });
      }
      if (typeof itemId === 'string') ids.add(itemId);
      kept.push(r.data);
    });
    return kept;
  }
  const r = schema.safeParse(raw === null ? undefined : raw);
  if (r.success) return r.data;
  problems.push(...issuesToProblems(`${PREFIX}${name}`, r.error));
  return schema.parse(undefined);
}

function readRoutingLevels(source: SettingsSource, settings: Settings, problems: SettingProblem[]): RoutingLevels {
  const levels = source.levels?.('routing');
  if (!levels) return { user: settings.routing, workspace: {} };
  const parse = (raw: unknown, label: string) => {
    if (raw === undefined || raw === null) return {};
    const r = routingSchema.safeParse(raw);
    if (r.success) return r.data;
    // The effective value was already reported when it is this level's; avoid saying it twice.
    if (!problems.some((p) => p.setting.startsWith(`${PREFIX}routing`))) {
      problems.push(...issuesToProblems(`${PREFIX}routing (${label})`, r.error));
    }
    return {};
  };
  return { user: parse(levels.user, 'user'), workspace: parse(levels.workspace, 'workspace') };
}

/** Turns zod issues into one problem per offending field. */
export function issuesToProblems(base: string, error: z.ZodError): SettingProblem[] {
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
