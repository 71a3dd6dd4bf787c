// zod schemas for every `switchboard.*` setting. Pure: no vscode import, so it is unit-tested in Node.
// Each setting has its own schema and default so one bad value never disables the others.
import { z } from 'zod';

/** A provider or template id: lower-case, as the built-in providers' ids are. */
export const id = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'use lower-case letters, digits, ".", "_" or "-" (at most 64)');
const httpUrl = z
  .string()
  .url('must be a URL')
  .refine((u) => /^https?:\/\//i.test(u), 'must start with http:// or https://');
const usd = z.number().finite().nonnegative('must be 0 or more');
const perMTok = z.number().finite().nonnegative('must be 0 or more');

/** `switchboard.providers`: per preset enable flag and base-URL override. */
const providersSchema = z.record(id, z.object({ enabled: z.boolean().optional(), baseUrl: httpUrl.optional() }).strict());

/** One entry of `switchboard.customProviders`. */
const customProviderSchema = z
  .object({
    id,
    displayName: z.string().min(1).max(80),
    family: z.enum(['openai', 'anthropic', 'gemini', 'responses']),
    baseUrl: httpUrl,
    keyRequired: z.boolean().optional(),
  })
  .strict();

/** `switchboard.routing`: router preferences at one level (user or workspace). */
export const routingSchema = z
  .object({
    sort: z.enum(['price', 'latency', 'throughput', 'balanced']).optional(),
    only: z.array(id).optional(),
    ignore: z.array(id).optional(),
    maxPrice: z.object({ inputPerMTok: perMTok.optional(), outputPerMTok: perMTok.optional() }).strict().optional(),
    noTraining: z.boolean().optional(),
    maxAttempts: z.number().int().min(1).max(10).optional(),
    comparableModels: z.record(z.string().min(1), z.array(z.string().min(1))).optional(),
    allowComparableFallback: z.boolean().optional(),
  })
  .strict();

/** `switchboard.budgets`. */
const budgetsSchema = z
  .object({
    dailyUsd: usd.optional(),
    monthlyUsd: usd.optional(),
    warnAt: z.number().gt(0, 'must be above 0').max(1, 'is a fraction of the budget, at most 1').default(0.8),
    action: z.enum(['warn', 'block', 'downgrade']).default('warn'),
    perWorkspace: z.object({ dailyUsd: usd.optional(), monthlyUsd: usd.optional() }).strict().optional(),
  })
  .strict();

/** The fields of `switchboard.budgets`, to set apart a workspace's unknown ones (read-settings.ts). */
export const BUDGET_FIELDS: ReadonlySet<string> = new Set(Object.keys(budgetsSchema.shape));

/** One row of `switchboard.priceOverrides`. */
const priceOverrideSchema = z
  .object({
    provider: id,
    model: z.string().min(1),
    inputPerMTok: perMTok,
    outputPerMTok: perMTok,
    cacheReadPerMTok: perMTok.optional(),
    cacheWritePerMTok: perMTok.optional(),
  })
  .strict();

/** `switchboard.timeouts`, in milliseconds. */
const timeoutsSchema = z
  .object({
    connectMs: z.number().int().min(100).max(600_000).default(10_000),
    firstByteMs: z.number().int().min(100).max(3_600_000).default(120_000),
    idleMs: z.number().int().min(100).max(3_600_000).default(60_000),
  })
  .strict();

/** One entry of `switchboard.promptTemplates`. */
const promptTemplateSchema = z.object({ id, title: z.string().min(1).max(80), prompt: z.string().min(1) }).strict();

/** `switchboard.gateway`: the local OpenAI/Anthropic-compatible gateway. */
const gatewaySchema = z
  .object({
    enabled: z.boolean().default(false),
    /** 0 picks any free port. */
    port: z.number().int().min(0).max(65_535).default(0),
    /** Named fallback chains a client can ask for by name, e.g. `{"fast": ["groq:llama-3.3-70b-versatile", "openai/gpt-4o-mini"]}`. */
    fallbackChains: z.record(z.string().min(1).max(128), z.array(z.string().min(1)).min(1)).default({}),
    /** Point new integrated terminals at the gateway (OPENAI_BASE_URL, ANTHROPIC_BASE_URL, …). */
    configureTerminals: z.boolean().default(false),
  })
  .strict();
/** `switchboard.modelChains`: named fallback chains offered as models, e.g. `coding: [a, b, c]`. */
const modelChainsSchema = z.record(
  z.string().regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,39}$/, 'use letters, digits, spaces, ".", "_" or "-" (at most 40)'),
  z.array(z.string().min(1).max(300)).min(1, 'needs at least one model').max(8, 'at most 8 models'),
);

/** `switchboard.openrouterFeed`: OpenRouter's model and price feed; `auto` follows the openrouter provider (on, and its base URL). */
const openrouterFeedSchema = z.union([z.enum(['auto', 'off']), httpUrl]);

/** Every setting's schema, keyed by its name under `switchboard.`; order is the read order. */
export const SETTING_SCHEMAS = {
  providers: providersSchema.default({}),
  customProviders: z.array(customProviderSchema).default([]),
  routing: routingSchema.default({}),
  workspaceAllowedProviders: z.array(id).default([]),
  budgets: budgetsSchema.default({ warnAt: 0.8, action: 'warn' }),
  confirmAboveUsd: usd.default(0.25),
  priceOverrides: z.array(priceOverrideSchema).default([]),
  timeouts: timeoutsSchema.default({ connectMs: 10_000, firstByteMs: 120_000, idleMs: 60_000 }),
  useVsCodeProxy: z.boolean().default(true),
  keysFromEnvironment: z.boolean().default(false),
  logPrompts: z.boolean().default(false),
  promptTemplates: z.array(promptTemplateSchema).default([]),
  defaultModel: z.string().default(''),
  ledgerRetentionMonths: z.number().int().min(1).max(120).default(24),
  gateway: gatewaySchema.default({ enabled: false, port: 0, fallbackChains: {}, configureTerminals: false }),
  modelChains: modelChainsSchema.default({}),
  languageModelPinnedHosts: z.boolean().default(false),
  openrouterFeed: openrouterFeedSchema.default('auto'),
} as const;

/** Name of one setting under `switchboard.`. */
export type SettingName = keyof typeof SETTING_SCHEMAS;

/** The validated value of every setting. */
export type Settings = { [K in SettingName]: z.output<(typeof SETTING_SCHEMAS)[K]> };

/** Settings whose arrays are validated entry by entry, so one bad row drops only that row. */
export const ARRAY_ITEM_SCHEMAS: Partial<Record<SettingName, z.ZodType>> = {
  customProviders: customProviderSchema,
  priceOverrides: priceOverrideSchema,
  promptTemplates: promptTemplateSchema,
};
