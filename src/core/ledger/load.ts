// Reading a ledger folder into a LedgerState at start: from the checkpoint when it still
// describes the folder; otherwise compacted months from their summaries, sealed months from their
// digests (made here when missing), and every other record from the raw files.
import { isSealed } from './appender';
import { readCheckpoint } from './checkpoint';
import { readDigest, writeDigest } from './digest';
import { inDir, listLedgerFiles, type RawFile, type SummaryFile } from './files';
import { LedgerState } from './ledger-state';
import { effectiveSummaries, readSummary } from './summary';

/** How often a load restarts because a compaction changed the folder while it was read. */
const LOAD_ATTEMPTS = 5;

/**
 * At load the write stands between the window and its first totals, and a checkpoint of a large
 * ledger (megabytes) costs more to write than reading a few thousand lines: below this many new
 * lines, load leaves the write to close().
 */
const CHECKPOINT_AT_LOAD_EVERY = 5_000;

/** Identity of the set of summaries a reader counted. */
export function summaryKeyOf(summaries: readonly { name: string }[]): string {
  return summaries.map((s) => s.name).join('\n');
}

/** Loads the folder into `state`, again from the files alone when one changed under the checkpoint. */
export function loadLedger(state: LedgerState, now: number, useCheckpoint: boolean): void {
  for (let attempt = 1; attempt <= LOAD_ATTEMPTS; attempt++) {
    const outcome = tryLoad(state, now, useCheckpoint);
    if (outcome === 'done') return;
    if (outcome === 'rebuild') useCheckpoint = false;
  }
  state.logger.warn('Spend ledger: the folder kept changing while it was read; totals may be off until the next change.');
}

/** Files are read after listing them; a compaction that ran meanwhile means reading again. */
function tryLoad(state: LedgerState, now: number, useCheckpoint: boolean): 'done' | 'again' | 'rebuild' {
  state.reset();
  const { dir, logger } = state;
  const { raw, summaries } = listLedgerFiles(dir);
  const effective = effectiveSummaries(summaries);
  const names = effective.map((s) => s.name);
  const cp = useCheckpoint ? readCheckpoint(dir, raw, names, logger) : undefined;
  if (cp) state.restore(cp);
  const summaryRead = readSummaries(state, raw, effective, cp !== undefined);
  if (summaryRead === 'vanished') return 'again';
  if (!cp) readSealedMonths(state, raw, new Set(effective.map((s) => s.month)), now);
  state.summaryKey = summaryKeyOf(effective);
  state.sinceCheckpoint = 0;
  if (state.readNew(raw, true) === 'rebuild') return 'rebuild';
  if (summaryKeyOf(effectiveSummaries(listLedgerFiles(dir).summaries)) !== state.summaryKey) return 'again';
  // Totals without a damaged summary's month must not outlive it in a checkpoint: once the summary
  // is restored, the next start has to read it.
  state.loaded = summaryRead === 'read';
  state.changed = false;
  if (state.loaded && (!cp || state.sinceCheckpoint >= CHECKPOINT_AT_LOAD_EVERY)) state.checkpoint();
  return 'done';
}

/**
 * Adds the summaries' rows (unless the checkpoint holds them) and skips the raw bytes they hold;
 * `vanished` when one was removed meanwhile, `damaged` when one could not be read.
 */
function readSummaries(
  state: LedgerState,
  raw: readonly RawFile[],
  effective: readonly SummaryFile[],
  fromCheckpoint: boolean,
): 'read' | 'vanished' | 'damaged' {
  const rawMonths = new Set(raw.map((f) => f.month));
  let result: 'read' | 'damaged' = 'read';
  for (const s of effective) {
    if (fromCheckpoint && !rawMonths.has(s.month)) continue;
    const content = readSummary(inDir(state.dir, s.name), state.logger);
    if (!content) return 'vanished';
    if (content.damaged) result = 'damaged';
    if (!fromCheckpoint) for (const row of content.rows) state.aggregates.addRow(row);
    for (const [name, bytes] of Object.entries(content.sources)) state.cursors.covered.set(name, bytes);
  }
  return result;
}

/** Counts each sealed, uncompacted month from its digest, making the digest first when there is no valid one. */
function readSealedMonths(state: LedgerState, raw: readonly RawFile[], compacted: ReadonlySet<string>, now: number): void {
  const byMonth = new Map<string, RawFile[]>();
  for (const f of raw) {
    if (compacted.has(f.month) || !isSealed(f.month, now)) continue;
    (byMonth.get(f.month) ?? byMonth.set(f.month, []).get(f.month)!).push(f);
  }
  for (const [month, files] of byMonth) {
    let digest = readDigest(state.dir, month, files, state.logger);
    if (!digest) {
      const alone = new LedgerState(state.dir, state.logger, state.recentLimit);
      alone.readNew(files, false);
      digest = alone.toDigest(month);
      writeDigest(state.dir, digest, state.logger);
    }
    state.applyDigest(digest);
  }
}
