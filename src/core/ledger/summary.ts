// Compacted months: raw lines are replaced by day × model × provider × workspace totals,
// so retention never loses a month's figures.
import * as fs from 'node:fs';
import { z } from 'zod';
import type { Logger } from '../platform';
import type { AggregateRow, Totals } from './aggregates';

const TotalsSchema = z.object({
  usd: z.number(),
  estimatedUsd: z.number(),
  unpricedAttempts: z.number(),
  attempts: z.number(),
  failedAttempts: z.number(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  cacheReadTokens: z.number(),
  cacheWriteTokens: z.number(),
  reasoningTokens: z.number(),
  cacheSavedUsd: z.number(),
});

/** zod schema of a summary file. */
export const MonthSummarySchema = z.object({
  v: z.literal(1),
  month: z.string(),
  rows: z.array(
    z.object({ day: z.string(), ts: z.number(), model: z.string(), provider: z.string(), workspace: z.string(), totals: TotalsSchema }),
  ),
});

/** A compacted month. */
export type MonthSummary = z.infer<typeof MonthSummarySchema>;

/** Reads a summary file as aggregate rows; a corrupt file is reported and contributes nothing. */
export function readSummaryRows(file: string, logger: Logger): AggregateRow[] {
  try {
    const parsed = MonthSummarySchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (!parsed.success) {
      logger.error(`Spend ledger: summary ${file} is not valid (${parsed.error.issues[0]?.message}); its month is missing from totals. Restore it from a backup.`);
      return [];
    }
    return parsed.data.rows.map((r) => ({ ts: r.ts, model: r.model, provider: r.provider, workspace: r.workspace, totals: r.totals as Totals }));
  } catch (e) {
    logger.error(`Spend ledger: could not read summary ${file}: ${(e as Error).message}`);
    return [];
  }
}
