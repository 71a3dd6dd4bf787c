// Public surface of budgets.
export {
  BudgetGuard,
  type BudgetConfig,
  type BudgetDecision,
  type BudgetLine,
  type BudgetStatus,
  type BudgetState,
  type SpendView,
} from './budget-guard';
export { BudgetGate, type DowngradeOption, type GateDecision, type GateRequest } from './budget-gate';
export { chooseDowngrade, type DowngradeNeeds } from './downgrade';
export { ReservationBook, RESERVATION_TTL_MS, type Reservation } from './reservations';
export { budgetHooks, type BudgetHookDeps, type BudgetHooks } from './router-hooks';
export { mergeBudgetLevels } from './merge-levels';
