// The narrow views of the core that the status bar and dashboard read. The real SpendLedger and
// HealthBoard satisfy them structurally; tests pass small fakes.
import type { HealthChange, HealthSnapshot } from '../../core/health/types';
import type { PeriodSummary } from '../../core/ledger/ledger';
import type { Period } from '../../core/ledger/periods';
import type { LedgerRecord } from '../../core/ledger/record';
import type { Totals } from '../../core/ledger/aggregates';

/** Read side of the spend ledger. */
export interface SpendSource {
  spent(period: Period, opts?: { at?: number; workspace?: string; origin?: string }): Totals;
  summary(period: Period, at?: number): PeriodSummary;
  series(period: Period, count: number, at?: number): { key: string; totals: Totals }[];
  recent(): LedgerRecord[];
  /** Own appends and other windows' (after the host's file watcher calls refresh). */
  onChange(listener: () => void): () => void;
}

/** Read side of the health board (see health-source.ts for the adapter over HealthBoard). */
export interface HealthSource {
  snapshot(): HealthSnapshot;
  /** Returns an unsubscribe function. */
  onChange(listener: (change: HealthChange) => void): () => void;
}
