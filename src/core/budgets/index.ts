// Public surface of budgets.
export { BudgetGuard, type BudgetConfig, type BudgetDecision, type BudgetLine, type BudgetStatus, type BudgetState, type SpendView } from './budget-guard';
export { chooseDowngrade, type DowngradeNeeds } from './downgrade';
