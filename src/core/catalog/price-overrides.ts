// User overrides for negotiated prices (the `switchboard.priceOverrides` setting), validated entry by entry.
import { z } from 'zod';

/** The setting's name, used in problem reports. */
const PRICE_OVERRIDES_SETTING = 'switchboard.priceOverrides';

const usd = z.number().finite().nonnegative();

/** One override entry. `model` is the provider's model id or a canonical id. */
const priceOverrideSchema = z.object({
  provider: z.string().min(1),
  model: z.string().min(1),
  inputPerMTok: usd,
  outputPerMTok: usd,
  cacheReadPerMTok: usd.optional(),
  cacheWritePerMTok: usd.optional(),
});

/** A valid override. */
export type PriceOverride = z.infer<typeof priceOverrideSchema>;

/** What is wrong with one entry of a setting. */
export interface SettingProblem {
  /** E.g. `switchboard.priceOverrides[2]`. */
  setting: string;
  message: string;
}

/** Splits raw setting data into usable overrides and per-entry problems; a bad entry never hides the good ones. */
export function validatePriceOverrides(
  raw: unknown,
  knownProviders: ReadonlySet<string>,
): { overrides: PriceOverride[]; problems: SettingProblem[] } {
  if (raw === undefined || raw === null) return { overrides: [], problems: [] };
  if (!Array.isArray(raw))
    return {
      overrides: [],
      problems: [
        { setting: PRICE_OVERRIDES_SETTING, message: 'must be an array of {provider, model, inputPerMTok, outputPerMTok}; ignored.' },
      ],
    };
  const overrides: PriceOverride[] = [];
  const problems: SettingProblem[] = [];
  raw.forEach((entry, i) => {
    const setting = `${PRICE_OVERRIDES_SETTING}[${i}]`;
    const parsed = priceOverrideSchema.safeParse(entry);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((x) => `${x.path.join('.') || 'entry'}: ${x.message}`).join('; ');
      problems.push({ setting, message: `${issues}; entry ignored.` });
      return;
    }
    if (!knownProviders.has(parsed.data.provider)) {
      problems.push({ setting, message: `unknown provider "${parsed.data.provider}"; entry ignored.` });
      return;
    }
    overrides.push(parsed.data);
  });
  return { overrides, problems };
}
