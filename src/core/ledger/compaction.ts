// Retention: months older than the limit are folded into a summary, then their raw files are
// removed. Safe with any number of windows at once and after a crash at any point:
// - one compaction at a time (lock.ts), and even if two run, a summary generation is created
//   exclusively, so only one of them publishes and deletes;
// - a summary is durable (temp file, fsync, exclusive link) before any raw file is removed;
// - the summary names the raw bytes it holds, so a reader that still sees those files skips them,
//   and a later pass adds only what came after.
import * as fs from 'node:fs';
import type { Logger } from '../platform';
import { addTotals, totalsOf, zeroTotals, type AggregateRow, type Totals } from './aggregates';
import { isSealed } from './appender';
import { digestFileName } from './digest';
import { fsyncDir, inDir, listLedgerFiles, readTail, summaryFileName, writeDurableTemp, type RawFile, type SummaryFile } from './files';
import { processAlive, tryLock } from './lock';
import { dayKey, monthKey } from './periods';
import { parseLine } from './record';
import { effectiveSummaries, readSummary, type MonthSummary } from './summary';

/** Result of one compaction pass. */
export interface CompactionResult {
  monthsCompacted: string[];
  filesRemoved: number;
}

/** Test seam: `step` is called after each change on disk, so a test can stop the pass there. */
interface CompactionHooks {
  step?(name: string): void;
}

/** Compacts every sealed month strictly older than `retentionMonths` before `now`'s month. */
export function compactLedger(
  dir: string,
  retentionMonths: number,
  now: number,
  logger: Logger,
  hooks: CompactionHooks = {},
): CompactionResult {
  const result: CompactionResult = { monthsCompacted: [], filesRemoved: 0 };
  const lock = tryLock(dir, now);
  if (!lock) {
    logger.info('Spend ledger: another window is compacting; skipped.');
    return result;
  }
  try {
    const step = hooks.step ?? (() => undefined);
    step('locked');
    removeDeadTemps(dir);
    const cutoff = new Date(now);
    cutoff.setMonth(cutoff.getMonth() - Math.max(1, Math.floor(retentionMonths)) + 1, 1);
    const cutoffMonth = monthKey(cutoff.getTime());
    const { raw, summaries } = listLedgerFiles(dir);
    const leftovers = summaries.filter((s) => summaries.some((o) => o.month === s.month && o.gen > s.gen)).map((s) => s.month);
    const months = [...new Set([...raw.map((f) => f.month), ...leftovers])].filter((m) => m < cutoffMonth && isSealed(m, now)).sort();
    // A summarized month is never read from its digest again; one may be left by a load racing a compaction.
    for (const s of summaries) fs.rmSync(inDir(dir, digestFileName(s.month)), { force: true });
    for (const month of months) {
      const mine = summaries.filter((s) => s.month === month);
      compactMonth(
        dir,
        month,
        raw.filter((f) => f.month === month),
        mine,
        logger,
        step,
        result,
      );
    }
  } finally {
    lock.release();
  }
  return result;
}

type Row = AggregateRow & { day: string };

function compactMonth(
  dir: string,
  month: string,
  files: RawFile[],
  summaries: SummaryFile[],
  logger: Logger,
  step: (n: string) => void,
  result: CompactionResult,
): void {
  const [base] = effectiveSummaries(summaries);
  const prior = base ? readSummary(inDir(dir, base.name), logger) : { rows: [], sources: {} };
  if (!prior) return; // removed meanwhile: another pass is at work on this month
  // A newer generation would hide the user's restored backup for good, and the old one would be removed.
  if (prior.damaged && base) {
    logger.warn(`Spend ledger: not compacting ${month} while its summary ${base.name} is damaged.`);
    return;
  }
  const rows = new Map<string, Row>();
  for (const r of prior.rows) addRow(rows, r, r.totals);
  const sources: Record<string, number> = {};
  let added = 0;
  for (const f of files) {
    const from = prior.sources[f.name] ?? 0;
    // A file gone or now shorter than the summary holds reads as nothing from `from`: the new
    // generation keeps the old claim, or a load would count the file again from its start.
    const tail = readTail(inDir(dir, f.name), from);
    for (const line of tail.lines) {
      const r = line ? parseLine(line) : undefined;
      if (r)
        addRow(rows, { ts: r.ts, model: r.model, provider: r.provider, workspace: r.workspace ?? '', origin: r.origin ?? '' }, totalsOf(r));
    }
    // A sealed month's writers are gone: an unterminated last line is torn for good.
    if (tail.fragment) logger.warn(`Spend ledger: dropped an incomplete last line of ${f.name} while compacting.`);
    sources[f.name] = tail.nextOffset + Buffer.byteLength(tail.fragment);
    added += sources[f.name] - from;
  }
  step('read');
  let gen = base?.gen ?? 0;
  if (added > 0 || !base) {
    gen = Math.max(0, ...summaries.map((s) => s.gen)) + 1;
    const summary: MonthSummary = {
      v: 1,
      month,
      sources,
      rows: [...rows.values()].map(({ day, ts, model, provider, workspace, origin, totals }) => ({
        day,
        ts,
        model,
        provider,
        workspace,
        origin,
        totals,
      })),
    };
    if (!publish(dir, summaryFileName(month, gen), JSON.stringify(summary), step)) return;
    result.monthsCompacted.push(month);
    logger.info(`Spend ledger: compacted ${month} into ${summaryFileName(month, gen)} (${rows.size} rows).`);
  }
  // Only the newest generation may clean up: an older one may not hold what a newer one added.
  if (listLedgerFiles(dir).summaries.some((s) => s.month === month && s.gen > gen)) return;
  for (const f of files) {
    if (sources[f.name] === undefined || sizeOf(inDir(dir, f.name)) !== sources[f.name]) continue;
    fs.rmSync(inDir(dir, f.name), { force: true });
    result.filesRemoved++;
    step('raw-removed');
  }
  for (const s of summaries) {
    if (s.gen >= gen) continue;
    fs.rmSync(inDir(dir, s.name), { force: true });
    step('old-summary-removed');
  }
  fs.rmSync(inDir(dir, digestFileName(month)), { force: true });
}

function addRow(rows: Map<string, Row>, at: Omit<AggregateRow, 'totals'>, t: Totals): void {
  const { ts, model, provider, workspace, origin } = at;
  const day = dayKey(ts);
  const k = `${day}\u0000${model}\u0000${provider}\u0000${workspace}\u0000${origin}`;
  let row = rows.get(k);
  if (!row) {
    row = { day, ts, model, provider, workspace, origin, totals: zeroTotals() };
    rows.set(k, row);
  }
  addTotals(row.totals, t);
}

/** Creates `name` with `data`, durably, unless it exists (then another pass published first). */
function publish(dir: string, name: string, data: string, step: (n: string) => void): boolean {
  const file = inDir(dir, name);
  const tmp = writeDurableTemp(file, data);
  step('temp-written');
  try {
    fs.linkSync(tmp, file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      fs.rmSync(tmp, { force: true });
      return false;
    }
    // A file system without hard links: the lock is then what keeps the name unique.
    if (fs.existsSync(file)) return (fs.rmSync(tmp, { force: true }), false);
    fs.renameSync(tmp, file);
  }
  fs.rmSync(tmp, { force: true });
  fsyncDir(dir);
  step('published');
  return true;
}

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return -1;
  }
}

/** Temp files of processes that died mid-write (or of an earlier failed pass of this one). */
function removeDeadTemps(dir: string): void {
  for (const name of fs.readdirSync(dir)) {
    const m = /\.(\d+)-[0-9a-f]+\.tmp$/.exec(name);
    if (m && (Number(m[1]) === process.pid || !processAlive(Number(m[1])))) fs.rmSync(inDir(dir, name), { force: true });
  }
}
