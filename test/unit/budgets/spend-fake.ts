// An in-memory spend view for budget tests: a starting spend plus what attempts settle.
import type { SpendView } from '../../../src/core/budgets';
import type { Totals } from '../../../src/core/ledger/aggregates';

/** Settled spend per workspace, readable as the ledger's totals. */
export class MemorySpend implements SpendView {
  private readonly byWorkspace = new Map<string, number>();
  constructor(private base = 0) {}

  add(usd: number, workspace = 'ws'): void {
    this.byWorkspace.set(workspace, (this.byWorkspace.get(workspace) ?? 0) + usd);
  }

  total(workspace?: string): number {
    if (workspace !== undefined) return this.byWorkspace.get(workspace) ?? 0;
    let sum = this.base;
    for (const v of this.byWorkspace.values()) sum += v;
    return sum;
  }

  spent(_period: unknown, opts: { workspace?: string } = {}): Totals {
    return { usd: this.total(opts.workspace) } as Totals;
  }
}
