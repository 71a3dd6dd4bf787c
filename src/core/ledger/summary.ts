// Compacted months: raw lines are replaced by day × model × provider × workspace totals,
// so retention never loses a month's figures.
import * as fs from 'node:fs';
import { z } from 'zod';
import type { Logger } from '../platform';
import type { AggregateRow, Totals } from './aggregates';
import type { SummaryFile } from './files';

const TotalsSchema = z.object({
  usd: z.number(),
  estimatedUsd: z.number(),
  unpricedAttempts: z.number(),
  // Summaries written before requests were counted lack it; their attempts are the best count left.
  requests: z.number().optional(),
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
const MonthSummarySchema = z.object({
  v: z.literal(1),
  month: z.string(),
  /**
   * Raw file name → bytes of it whose lines are inside `rows`. A raw file is removed only after
   * the summary naming it is durable; until then a reader skips the bytes counted here.
   */
  sources: z.record(z.string(), z.number().int().nonnegative()).optional(),
  rows: z.array(
    // `origin` came later: summaries written before it hold ''.
    z.object({
      day: z.string(),
      ts: z.number(),
      model: z.string(),
      provider: z.string(),
      workspace: z.string(),
      origin: z.string().default(''),
      totals: TotalsSchema,
    }),
  ),
});

/** A compacted month. */
export type MonthSummary = z.infer<typeof MonthSummarySchema>;

/** A summary as read: its rows and the raw bytes they include. */
interface SummaryContent {
  rows: AggregateRow[];
  sources: Record<string, number>;
  /** Unreadable or invalid: it counts for nothing until the user restores it. */
  damaged?: true;
}

/**
 * Reads a summary file. A corrupt file is reported and contributes nothing; a missing one
 * (removed by a newer compaction while it was being listed) is `undefined`, so the caller re-lists.
 */
export function readSummary(file: string, logger: Logger): SummaryContent | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    logger.error(`Spend ledger: could not read summary ${file}: ${(e as Error).message}`);
    return { rows: [], sources: {}, damaged: true };
  }
  try {
    const parsed = MonthSummarySchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(parsed.error.issues[0]?.message);
    const rows = parsed.data.rows.map((r) => ({
      ts: r.ts,
      model: r.model,
      provider: r.provider,
      workspace: r.workspace,
      origin: r.origin,
      totals: { ...r.totals, requests: r.totals.requests ?? r.totals.attempts } as Totals,
    }));
    return { rows, sources: parsed.data.sources ?? {} };
  } catch (e) {
    logger.error(
      `Spend ledger: summary ${file} is not valid (${(e as Error).message}); its month is missing from totals. Restore it from a backup.`,
    );
    return { rows: [], sources: {}, damaged: true };
  }
}

/** The summary that counts for each month: the highest generation. Older ones are leftovers of a compaction cut short. */
export function effectiveSummaries<S extends SummaryFile>(all: readonly S[]): S[] {
  const best = new Map<string, S>();
  for (const s of all) if ((best.get(s.month)?.gen ?? -1) < s.gen) best.set(s.month, s);
  return [...best.values()].sort((a, b) => (a.month < b.month ? -1 : 1));
}
