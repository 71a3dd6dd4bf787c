// CSV export of raw records and compacted months, for spreadsheets and expense reports.
import { listLedgerFiles, inDir, readTail } from './files';
import { dayKey } from './periods';
import { parseLine, type LedgerRecord } from './record';
import { effectiveSummaries, readSummary } from './summary';
import { silentLogger, type Logger } from '../platform';

const COLUMNS = [
  'time',
  'workspace',
  'conversation',
  'model',
  'provider',
  'endpoint',
  'outcome',
  'fallback',
  'error',
  'input_tokens',
  'output_tokens',
  'cache_read_tokens',
  'cache_write_tokens',
  'reasoning_tokens',
  'cost_usd',
  'cost_status',
  'cache_saved_usd',
  'ttft_ms',
  'duration_ms',
  'attempts',
  // Added last so spreadsheets built on the earlier columns keep working.
  'origin',
  'client',
] as const;

/** Quotes a CSV field when needed (RFC 4180), and defuses spreadsheet formulas. */
export function csvField(v: string | number | boolean | undefined): string {
  if (v === undefined) return '';
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s) && typeof v === 'string') s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function recordRow(r: LedgerRecord): string {
  return [
    new Date(r.ts).toISOString(),
    r.workspace,
    r.conversation,
    r.model,
    r.provider,
    r.endpoint,
    r.outcome,
    r.fallback,
    r.errorCategory,
    r.inputTokens,
    r.outputTokens,
    r.cacheReadTokens,
    r.cacheWriteTokens,
    r.reasoningTokens,
    r.costUsd,
    r.costStatus,
    r.cacheSavedUsd,
    r.ttftMs,
    r.durationMs,
    1,
    r.origin,
    r.client,
  ]
    .map(csvField)
    .join(',');
}

/** Every record in the ledger folder as CSV, oldest first; compacted months appear as daily rows with outcome `compacted`. */
export function exportLedgerCsv(dir: string, logger: Logger = silentLogger): string {
  const { raw, summaries } = listLedgerFiles(dir);
  const rows: { ts: number; line: string }[] = [];
  const covered = new Map<string, number>();
  for (const s of effectiveSummaries(summaries)) {
    const content = readSummary(inDir(dir, s.name), logger) ?? { rows: [], sources: {} };
    for (const [name, bytes] of Object.entries(content.sources)) covered.set(name, bytes);
    for (const r of content.rows) {
      const t = r.totals;
      const line = [
        // The row totals a local day, whose UTC date can be the day before (east of UTC) or after (west).
        dayKey(r.ts),
        r.workspace,
        '',
        r.model,
        r.provider,
        '',
        'compacted',
        '',
        '',
        t.inputTokens,
        t.outputTokens,
        t.cacheReadTokens,
        t.cacheWriteTokens,
        t.reasoningTokens,
        t.usd,
        t.unpricedAttempts ? 'partly_unpriced' : 'summary',
        t.cacheSavedUsd,
        '',
        '',
        t.attempts,
        r.origin,
        '',
      ]
        .map(csvField)
        .join(',');
      rows.push({ ts: r.ts, line });
    }
  }
  for (const f of raw) {
    // Bytes a summary already holds are exported as its rows, not twice.
    for (const line of readTail(inDir(dir, f.name), covered.get(f.name) ?? 0).lines) {
      const r = line ? parseLine(line) : undefined;
      if (r) rows.push({ ts: r.ts, line: recordRow(r) });
    }
  }
  rows.sort((a, b) => a.ts - b.ts);
  return `${COLUMNS.join(',')}\n${rows.map((r) => r.line).join('\n')}${rows.length ? '\n' : ''}`;
}
