// Retention: months older than the limit are folded into a summary file, then their raw
// files are removed. The summary is written (atomically) before anything is deleted.
import * as fs from 'node:fs';
import type { Logger } from '../platform';
import { addTotals, totalsOf, zeroTotals, type Totals } from './aggregates';
import { inDir, listLedgerFiles, readTail, summaryFileName, writeFileAtomic } from './files';
import { dayKey, monthKey } from './periods';
import { parseLine } from './record';
import { readSummaryRows, type MonthSummary } from './summary';

/** Result of one compaction pass. */
export interface CompactionResult {
  monthsCompacted: string[];
  filesRemoved: number;
}

/** Compacts every month strictly older than `retentionMonths` before `now`'s month. */
export function compactLedger(dir: string, retentionMonths: number, now: number, logger: Logger): CompactionResult {
  const cutoff = new Date(now);
  cutoff.setMonth(cutoff.getMonth() - Math.max(1, Math.floor(retentionMonths)) + 1, 1);
  const cutoffMonth = monthKey(cutoff.getTime());
  const { raw, summaries } = listLedgerFiles(dir);
  const months = [...new Set(raw.map((f) => f.month))].filter((m) => m < cutoffMonth).sort();
  const result: CompactionResult = { monthsCompacted: [], filesRemoved: 0 };
  for (const month of months) {
    const rows = new Map<string, { day: string; ts: number; model: string; provider: string; workspace: string; totals: Totals }>();
    const add = (ts: number, model: string, provider: string, workspace: string, t: Totals) => {
      const day = dayKey(ts);
      const k = `${day}\u0000${model}\u0000${provider}\u0000${workspace}`;
      let row = rows.get(k);
      if (!row) {
        row = { day, ts, model, provider, workspace, totals: zeroTotals() };
        rows.set(k, row);
      }
      addTotals(row.totals, t);
    };
    // A month compacted earlier (then appended to by a window with a skewed clock) keeps its old rows.
    const existing = summaries.find((s) => s.month === month);
    if (existing) for (const r of readSummaryRows(inDir(dir, existing.name), logger)) add(r.ts, r.model, r.provider, r.workspace, r.totals);
    const files = raw.filter((f) => f.month === month);
    for (const f of files) {
      for (const line of readTail(inDir(dir, f.name), 0).lines) {
        const r = line ? parseLine(line) : undefined;
        if (r) add(r.ts, r.model, r.provider, r.workspace ?? '', totalsOf(r));
      }
    }
    const summary: MonthSummary = { v: 1, month, rows: [...rows.values()] };
    writeFileAtomic(inDir(dir, summaryFileName(month)), JSON.stringify(summary));
    for (const f of files) {
      fs.rmSync(inDir(dir, f.name), { force: true });
      result.filesRemoved++;
    }
    result.monthsCompacted.push(month);
    logger.info(`Spend ledger: compacted ${month} into ${summaryFileName(month)} (${rows.size} rows).`);
  }
  return result;
}
