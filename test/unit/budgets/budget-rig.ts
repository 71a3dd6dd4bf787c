// A router wired to a budget gate as the editor wires it, for the budget tests.
import { BudgetGate, BudgetGuard, budgetHooks, ReservationBook, type BudgetConfig } from '../../../src/core/budgets';
import { preSendEstimate, priceOf } from '../../../src/core/pricing';
import type { Endpoint } from '../../../src/core/catalog/types';
import type { RouterEvent } from '../../../src/core/router/types';
import { descriptor, ep, MemoryCatalog } from '../router/fakes';
import { rig } from '../router/setup';
import type { MemorySpend } from './spend-fake';

const price = { inputPerMTok: 1.25, outputPerMTok: 6 }; // about $0.025 estimated for one short prompt
export const big = ep('openai', 'big', 'openai/big', { price, contextWindow: 128_000 });
export const request = { models: ['openai/big'], messages: [{ role: 'user' as const, content: 'hi' }], workspaceId: 'ws' };
export const ESTIMATE = preSendEstimate(request, big).costRange.high!;
/** What is held far from a limit: the cheap upper bound, not the exact count. */
export const BOUND = preSendEstimate(request, big, { upperBound: true }).costRange.high!;

export function gateOver(spend: MemorySpend, config: Partial<BudgetConfig>, book = new ReservationBook()) {
  const cfg: BudgetConfig = { warnAt: 0.8, action: 'block', ...config };
  return new BudgetGate(new BudgetGuard(spend, () => cfg), book);
}

/** A router whose attempts settle into `spend`, with the gate wired as the editor wires it. */
export function routed(spend: MemorySpend, gate: BudgetGate, endpoints: Endpoint[] = [big], local: string[] = []) {
  const hooks = budgetHooks({ gate, catalog: new MemoryCatalog(endpoints), isReachable: () => true, isLocal: (p) => local.includes(p) });
  const r = rig({
    endpoints,
    descriptors: local.map((id) => descriptor(id, { local: true })),
    deps: {
      priceOf: (u, e) => priceOf(u, e, { local: local.includes(e.provider) }),
      onAttempt: (a, ctx) => {
        spend.add(a.charge?.usd ?? 0, ctx.workspaceId);
        hooks.settled(a, ctx);
      },
      budgetGate: hooks.budgetGate,
      onRouteEnd: hooks.onRouteEnd,
    },
  });
  return r;
}

export const errorOf = (events: RouterEvent[]) => events.find((e) => e.type === 'error');

export async function drain(it: AsyncIterable<RouterEvent>): Promise<RouterEvent[]> {
  const out: RouterEvent[] = [];
  for await (const e of it) out.push(e);
  return out;
}
