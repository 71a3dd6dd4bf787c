// Public surface of the spend ledger.
export { SpendLedger, type SpendLedgerOptions, type PeriodSummary, type SkippedLines } from './ledger';
export { type LedgerRecord, type LedgerEntry, LedgerRecordSchema } from './record';
export { type Totals, type Dimension, zeroTotals } from './aggregates';
export { type Period, dayKey, weekKey, monthKey } from './periods';
export { csvField } from './csv';
