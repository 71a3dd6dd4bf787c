// One ledger line = one attempt at one endpoint, failed attempts included.
import { z } from 'zod';

/** Outcome of an attempt as the ledger keeps it. */
const OUTCOMES = ['success', 'failed', 'cancelled', 'partial', 'skipped'] as const;

/** How sure a cost is; mirrors Charge['status']. */
const COST_STATUSES = ['exact', 'provider_reported', 'estimated', 'unpriced', 'free'] as const;

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
  /** True on the first attempt a request made, false on its retries and fallbacks; absent on records written before requests were counted. */
  requestStart: z.boolean().optional(),
  errorCategory: z.string().optional(),
  /** The front end that sent the request (chat, compare, selection, lm-api, participant, gateway). */
  origin: z.string().max(40).optional(),
  /** The program behind it, when known (a gateway client's name). */
  client: z.string().max(80).optional(),
});

/** A ledger record. */
export type LedgerRecord = z.infer<typeof LedgerRecordSchema>;

/** A duration longer than a day comes from a clock stepped forward, not from a request. */
const MAX_DURATION_MS = 86_400_000;

const COUNTS = ['inputTokens', 'outputTokens', 'cacheReadTokens', 'cacheWriteTokens', 'reasoningTokens', 'durationMs'] as const;
const OPTIONAL = ['costUsd', 'ttftMs', 'cacheSavedUsd'] as const;

/** Brings numeric fields into range in place; returns the names of those changed. Fields that are not numbers at all are set to 0 (or dropped when optional). */
export function clampFields(r: Record<string, unknown>): string[] {
  const changed: string[] = [];
  const max = (k: string) => (k === 'durationMs' || k === 'ttftMs' ? MAX_DURATION_MS : Infinity);
  const min = (k: string) => (k === 'cacheSavedUsd' ? -Infinity : 0);
  for (const k of [...COUNTS, ...OPTIONAL]) {
    const v = r[k];
    if (v === undefined && (OPTIONAL as readonly string[]).includes(k)) continue;
    const n = typeof v === 'number' && Number.isFinite(v) ? Math.min(max(k), Math.max(min(k), v)) : undefined;
    if (n === v) continue;
    changed.push(k);
    if (n === undefined && (OPTIONAL as readonly string[]).includes(k)) delete r[k];
    else r[k] = n ?? 0;
  }
  return changed;
}

/** The fields a caller supplies; id, version and time are filled in by the ledger when absent. */
export type LedgerEntry = Omit<LedgerRecord, 'v' | 'id' | 'ts'> & { id?: string; ts?: number };

/** Serializes a record as one JSONL line, dropping undefined fields to keep lines small. */
export function toLine(r: LedgerRecord): string {
  return `${JSON.stringify(r)}\n`;
}

/** A line as read: the record, and the numeric fields that had to be clamped into range. */
interface ParsedLine {
  record: LedgerRecord;
  clamped: string[];
}

/**
 * Parses one line; undefined for torn, corrupt or foreign lines. A number out of range (a
 * negative duration from a clock that stepped back) is clamped, not a reason to drop the spend.
 */
export function parseRecordLine(line: string): ParsedLine | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return undefined;
  }
  // Nearly every line is well formed: checked by hand, it skips zod and the copy zod makes.
  if (isPlainRecord(raw)) return { record: raw, clamped: [] };
  const strict = LedgerRecordSchema.safeParse(raw);
  if (strict.success) return { record: strict.data, clamped: [] };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const fields = { ...(raw as Record<string, unknown>) };
  const clamped = clampFields(fields);
  const r = LedgerRecordSchema.safeParse(fields);
  return r.success ? { record: r.data, clamped } : undefined;
}

/** Parses one line (numbers clamped); undefined for torn, corrupt or foreign lines. */
export function parseLine(line: string): LedgerRecord | undefined {
  return parseRecordLine(line)?.record;
}

const KNOWN_KEYS: ReadonlySet<string> = new Set(Object.keys(LedgerRecordSchema.shape));
const STATUSES: ReadonlySet<unknown> = new Set(COST_STATUSES);
const OUTCOME_SET: ReadonlySet<unknown> = new Set(OUTCOMES);

const count = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const optCount = (v: unknown) => v === undefined || count(v);
const optStr = (v: unknown, max = Infinity) => v === undefined || (typeof v === 'string' && v.length <= max);

/**
 * True when LedgerRecordSchema accepts `raw` as it is, with no field for it to strip: checked
 * by hand, field for field, because a cold load reads every line of every month. Anything it
 * does not vouch for (an unknown field, a number JSON read as Infinity) returns false and goes
 * through zod, which also clamps.
 */
export function isPlainRecord(raw: unknown): raw is LedgerRecord {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return false;
  const r = raw as Record<string, unknown>;
  if (r.v !== 1 || typeof r.id !== 'string' || r.id.length === 0 || !Number.isSafeInteger(r.ts) || (r.ts as number) < 0) return false;
  if (typeof r.model !== 'string' || typeof r.provider !== 'string' || typeof r.endpoint !== 'string') return false;
  if (!count(r.inputTokens) || !count(r.outputTokens) || !count(r.cacheReadTokens) || !count(r.cacheWriteTokens)) return false;
  if (!count(r.reasoningTokens) || !count(r.durationMs) || !optCount(r.costUsd) || !optCount(r.ttftMs)) return false;
  if (r.cacheSavedUsd !== undefined && !(typeof r.cacheSavedUsd === 'number' && Number.isFinite(r.cacheSavedUsd))) return false;
  if (!STATUSES.has(r.costStatus) || !OUTCOME_SET.has(r.outcome) || typeof r.fallback !== 'boolean') return false;
  if (r.requestStart !== undefined && typeof r.requestStart !== 'boolean') return false;
  if (!optStr(r.workspace) || !optStr(r.conversation) || !optStr(r.errorCategory) || !optStr(r.origin, 40) || !optStr(r.client, 80))
    return false;
  for (const k in r) if (!KNOWN_KEYS.has(k)) return false;
  return true;
}
