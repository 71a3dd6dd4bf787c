// One ledger line = one attempt at one endpoint, failed attempts included.
import { z } from 'zod';

/** Outcome of an attempt as the ledger keeps it. */
export const OUTCOMES = ['success', 'failed', 'cancelled', 'partial', 'skipped'] as const;

/** How sure a cost is; mirrors Charge['status']. */
export const COST_STATUSES = ['exact', 'provider_reported', 'estimated', 'unpriced', 'free'] as const;

/** zod schema of a stored line; unknown fields are tolerated so newer writers don't break older readers. */
export const LedgerRecordSchema = z.object({
  v: z.literal(1),
  id: z.string().min(1),
  ts: z.number().int().nonnegative(),
  workspace: z.string().optional(),
  conversation: z.string().optional(),
  model: z.string(),
  provider: z.string(),
  endpoint: z.string(),
  inputTokens: z.number().nonnegative(),
  outputTokens: z.number().nonnegative(),
  cacheReadTokens: z.number().nonnegative(),
  cacheWriteTokens: z.number().nonnegative(),
  reasoningTokens: z.number().nonnegative(),
  /** USD; absent when unpriced. */
  costUsd: z.number().nonnegative().optional(),
  costStatus: z.enum(COST_STATUSES),
  /** USD saved by prompt-cache reads versus paying full input price. */
  cacheSavedUsd: z.number().optional(),
  ttftMs: z.number().nonnegative().optional(),
  durationMs: z.number().nonnegative(),
  outcome: z.enum(OUTCOMES),
  fallback: z.boolean(),
  errorCategory: z.string().optional(),
  /** The front end that sent the request (chat, compare, selection, lm-api, participant, gateway). */
  origin: z.string().max(40).optional(),
  /** The program behind it, when known (a gateway client's name). */
  client: z.string().max(80).optional(),
});

/** A ledger record. */
export type LedgerRecord = z.infer<typeof LedgerRecordSchema>;

/** The fields a caller supplies; id, version and time are filled in by the ledger when absent. */
export type LedgerEntry = Omit<LedgerRecord, 'v' | 'id' | 'ts'> & { id?: string; ts?: number };

/** Serializes a record as one JSONL line, dropping undefined fields to keep lines small. */
export function toLine(r: LedgerRecord): string {
  return `${JSON.stringify(r)}\n`;
}

/** Parses one line; returns undefined for torn, corrupt or foreign lines. */
export function parseLine(line: string): LedgerRecord | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return undefined;
  }
  const r = LedgerRecordSchema.safeParse(raw);
  return r.success ? r.data : undefined;
}
