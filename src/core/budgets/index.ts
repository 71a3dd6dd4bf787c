// Public surface of budgets.
export { BudgetGuard, type BudgetConfig, type BudgetLine, type BudgetStatus, type BudgetState, type SpendView } from './budget-guard';
export { BudgetGate } from './budget-gate';
export { chooseDowngrade } from './downgrade';
export { ReservationBook, RESERVATION_TTL_MS } from './reservations';
export { budgetHooks, type BudgetHooks } from './router-hooks';
export { mergeBudgetLevels } from './merge-levels';
