// The shape of @pydantic/genai-prices data (bundled, or its published data.json), validated before use.
import { z } from 'zod';

/** How genai-prices decides that a model id belongs to an entry. */
type MatchLogic =
  | { and: MatchLogic[] }
  | { or: MatchLogic[] }
  | { equals: string }
  | { starts_with: string }
  | { ends_with: string }
  | { contains: string }
  | { regex: string };

/** zod schema of MatchLogic (recursive). */
const matchLogicSchema: z.ZodType<MatchLogic> = z.lazy(() =>
  z.union([
    z.object({ and: z.array(matchLogicSchema) }),
    z.object({ or: z.array(matchLogicSchema) }),
    z.object({ equals: z.string() }),
    z.object({ starts_with: z.string() }),
    z.object({ ends_with: z.string() }),
    z.object({ contains: z.string() }),
    z.object({ regex: z.string() }),
  ]),
);

const nonNegative = z.number().finite().nonnegative();

/** A price value: flat, or tiered by total prompt size (`start` = tokens the prompt must exceed). */
const tieredValueSchema = z.union([
  nonNegative,
  z.object({ base: nonNegative, tiers: z.array(z.object({ start: z.number().int().nonnegative(), price: nonNegative })) }),
]);

/** Prices keyed by unit (`input_mtok`, `cache_read_mtok`, `requests_kcount`, …). Unknown units are kept but unused. */
const modelPriceSchema = z.record(z.string(), tieredValueSchema.optional());

/** A date-from or daily-window constraint; the published feed may omit `type`. */
const constraintSchema = z.union([
  z.object({ type: z.literal('start_date').optional(), start_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
  z.object({ type: z.literal('time_of_date').optional(), start_time: z.string(), end_time: z.string() }),
]);

/** Prices that apply under a constraint; the last matching entry wins, an unconstrained one is the default. */
const conditionalPriceSchema = z.object({ constraint: constraintSchema.optional(), prices: modelPriceSchema });

/** One model of one provider. */
export const genaiModelSchema = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  match: matchLogicSchema,
  context_window: z.number().int().positive().optional(),
  deprecated: z.boolean().optional(),
  prices: z.union([modelPriceSchema, z.array(conditionalPriceSchema).min(1)]),
});

/** One provider with its models. */
export const genaiProviderSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  models: z.array(genaiModelSchema),
});

/** A validated genai-prices model entry. */
export type GenaiModel = z.infer<typeof genaiModelSchema>;
/** A validated price map. */
export type GenaiModelPrice = z.infer<typeof modelPriceSchema>;
/** A validated conditional price. */
export type GenaiConditionalPrice = z.infer<typeof conditionalPriceSchema>;

/** Whether a model id matches an entry, with genai-prices' semantics (case-insensitive, except regex). */
export function matches(logic: MatchLogic, modelId: string): boolean {
  const id = modelId.toLowerCase();
  if ('or' in logic) return logic.or.some((m) => matches(m, modelId));
  if ('and' in logic) return logic.and.every((m) => matches(m, modelId));
  if ('equals' in logic) return id === logic.equals.toLowerCase();
  if ('starts_with' in logic) return id.startsWith(logic.starts_with.toLowerCase());
  if ('ends_with' in logic) return id.endsWith(logic.ends_with.toLowerCase());
  if ('contains' in logic) return id.includes(logic.contains.toLowerCase());
  try {
    return new RegExp(logic.regex).test(modelId);
  } catch {
    // A bad pattern in a feed must not break pricing of every other model.
    return false;
  }
}
