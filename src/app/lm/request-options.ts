// The caller's `modelOptions` (free-form in the API) → the few request fields the core takes.
// Validated with zod: a bad value is ignored rather than sent upstream.
import { z } from 'zod';

const positiveInt = z.number().int().positive().max(10_000_000);

/** The option names callers use in practice (OpenAI-style and camelCase). */
const modelOptionsSchema = z
  .object({
    temperature: z.number().min(0).max(2).optional(),
    max_tokens: positiveInt.optional(),
    maxTokens: positiveInt.optional(),
    maxOutputTokens: positiveInt.optional(),
    stop: z.union([z.string(), z.array(z.string()).max(16)]).optional(),
  })
  .partial();

/** Request fields taken from the caller's model options. */
interface MappedOptions {
  temperature?: number;
  maxOutputTokens?: number;
  stopSequences?: string[];
}

/** Reads each option on its own, so one bad field does not drop the others. */
export function requestOptions(raw: unknown): MappedOptions {
  if (!raw || typeof raw !== 'object') return {};
  const field = <K extends keyof z.infer<typeof modelOptionsSchema>>(k: K) => {
    const r = modelOptionsSchema.shape[k].safeParse((raw as Record<string, unknown>)[k]);
    return r.success ? (r.data as z.infer<typeof modelOptionsSchema>[K]) : undefined;
  };
  const stop = field('stop');
  const out: MappedOptions = {};
  const temperature = field('temperature');
  if (temperature !== undefined) out.temperature = temperature;
  const max = field('maxOutputTokens') ?? field('max_tokens') ?? field('maxTokens');
  if (max !== undefined) out.maxOutputTokens = max;
  if (stop !== undefined) out.stopSequences = typeof stop === 'string' ? [stop] : stop;
  return out;
}
