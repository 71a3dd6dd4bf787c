// The budget gate in front of the router: decides about each request and holds its estimated
// cost from admission until it settles, when the ledger's actual cost takes its place.
import type { BudgetGuard } from './budget-guard';
import { formatUsd as usd } from '../../common/format';
import { ReservationBook } from './reservations';

/** The endpoint a `downgrade` would route to instead. */
interface DowngradeOption {
  /** Model ref the router understands, e.g. `ollama:llama3`. */
  ref: string;
  /** Upper end of its pre-send estimate; undefined when unpriced. */
  estimateUsd: number | undefined;
  local: boolean;
}

/** One request at the gate. */
interface GateRequest {
  /** Identifies the request until it ends (the router's route id). */
  key: string;
  workspace?: string;
  /**
   * Upper end of the pre-send estimate at the first-choice endpoint; undefined when unpriced. A
   * function is called only when a limit applies and `boundUsd` could reach it.
   */
  estimateUsd: number | undefined | (() => number | undefined);
  /** A cheap upper bound of `estimateUsd`, tried first: counting a long prompt's tokens costs a send real time. */
  boundUsd?: () => number | undefined;
  /** Shown when nothing cheaper exists, e.g. `openai:gpt-4o`. */
  firstChoice?: string;
  /** The cheapest endpoint that could serve instead (asked only for `downgrade`). */
  downgrade?: () => DowngradeOption | undefined;
}

/** What the router is told (the router's BudgetDecision). */
type GateDecision = { action: 'allow' } | { action: 'warn' | 'block' | 'downgrade'; message: string; downgradeTo?: string };

/** Outcomes after which an attempt's cost is in the ledger and the request sends nothing more. */
const FINAL_OUTCOMES: ReadonlySet<string> = new Set(['success', 'partial', 'cancelled']);

/** Budget decisions plus reservations for one process. */
export class BudgetGate {
  constructor(
    private readonly guard: BudgetGuard,
    readonly reservations: ReservationBook = new ReservationBook(),
  ) {}

  /** Decides, and holds the estimate of an admitted request. Synchronous, so check and hold are one step. */
  admit(req: GateRequest): GateDecision {
    const heldBy = (ws?: string) => this.reservations.heldUsd(ws);
    if (!this.guard.limited(req.workspace)) {
      // No limit to reach: nothing is estimated, and nothing is held.
      this.reservations.reserve(req.key, 0, req.workspace);
      return { action: 'allow' };
    }
    // A bound that passes means the estimate (never larger) passes too; the bound is then what is held.
    let estimate = req.boundUsd?.() ?? 0;
    let d = req.boundUsd ? this.guard.check(req.workspace, estimate, heldBy) : undefined;
    if (d?.action !== 'allow') {
      estimate = estimateOf(req) ?? 0;
      d = this.guard.check(req.workspace, estimate, heldBy);
    }
    if (d.action === 'block') return { action: 'block', message: d.message };
    if (d.action !== 'downgrade') {
      this.reservations.reserve(req.key, estimate, req.workspace);
      return d.action === 'allow' ? { action: 'allow' } : { action: 'warn', message: d.message };
    }
    const to = req.downgrade?.();
    if (!to || !isCheaper(to, estimateOf(req))) return { action: 'block', message: `${d.reason} ${noDowngradeReason(req, to)}` };
    const held = to.local ? 0 : (to.estimateUsd ?? 0);
    this.reservations.reserve(req.key, held, req.workspace);
    const cost = to.local ? 'a local model, at no cost' : `estimated up to ${usd(held)}`;
    return {
      action: 'downgrade',
      message: `${d.reason} Routing to ${to.ref} (${cost}), the cheapest capable model, instead.`,
      downgradeTo: to.ref,
    };
  }

  /** An attempt of the request settled; its cost is now in the ledger. A failed attempt keeps the hold for the retry. */
  settled(key: string, outcome: string): void {
    if (FINAL_OUTCOMES.has(outcome)) this.reservations.release(key);
  }

  /** The request ended, however it ended. */
  ended(key: string): void {
    this.reservations.release(key);
  }
}

function estimateOf(req: GateRequest): number | undefined {
  return typeof req.estimateUsd === 'function' ? req.estimateUsd() : req.estimateUsd;
}

function isCheaper(to: DowngradeOption, firstUsd: number | undefined): boolean {
  if (to.local) return true;
  if (to.estimateUsd === undefined) return false;
  // An unpriced first choice may cost anything; a priced replacement is the known-cheaper one.
  return firstUsd === undefined || to.estimateUsd < firstUsd;
}

function noDowngradeReason(req: GateRequest, to: DowngradeOption | undefined): string {
  const why = to
    ? `${req.firstChoice ?? 'The requested model'} is already the cheapest capable model you can reach, and no local model can serve it`
    : 'No cheaper or local model you can reach can serve this request';
  return `Nothing was sent: the switchboard.budgets action is "downgrade", but ${why.charAt(0).toLowerCase()}${why.slice(1)}. Raise the limit, add a local model, or wait for the next period.`;
}
