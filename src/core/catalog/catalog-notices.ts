// What the catalog tells the rest: problems its sources and cache met, and that new data arrived.
import type { Clock, Logger } from '../platform';
import type { CatalogProblem } from './catalog-api';

/** The most recent problems kept; older ones are in the log. */
const MAX_PROBLEMS = 50;

/** The catalog's problem list and change listeners. */
export class CatalogNotices {
  private readonly list: CatalogProblem[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  /** Problems seen so far, newest last. */
  problems(): CatalogProblem[] {
    return [...this.list];
  }

  report(source: string, message: string): void {
    this.list.push({ at: this.clock.now(), source, message });
    if (this.list.length > MAX_PROBLEMS) this.list.shift();
    this.log.warn(`catalog: ${message}`);
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  emitChange(): void {
    for (const l of this.listeners) {
      try {
        l();
      } catch (e) {
        // A broken listener must not fail the refresh.
        this.log.warn(`catalog listener failed: ${String(e)}`);
      }
    }
  }
}
