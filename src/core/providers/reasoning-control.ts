// Which way a host takes the one reasoning control, from capability data, shared by the families.
import type { ReasoningControl, Warning } from '../types';
import type { ProviderCapabilities, ProviderDescriptor } from './descriptor';

/** Token budgets per effort, for families that take a budget rather than a level. */
export const EFFORT_BUDGET_TOKENS: Readonly<Record<ReasoningControl['effort'], number>> = {
  minimal: 1024,
  low: 2048,
  medium: 8192,
  high: 24576,
};

/**
 * The control style to use, or undefined after pushing a warning when the host cannot reason.
 * `familyDefault` applies to hosts that reason but name no style.
 */
export function reasoningStyle(
  d: ProviderDescriptor,
  familyDefault: NonNullable<ProviderCapabilities['reasoningControl']>,
  warnings: Warning[],
): ProviderCapabilities['reasoningControl'] {
  const style = d.capabilities.reasoningControl ?? (d.capabilities.reasoning ? familyDefault : undefined);
  if (!style)
    warnings.push({ parameter: 'reasoning', message: `${d.displayName} has no reasoning control; the reasoning setting was ignored.` });
  return style;
}

/** The budget for a control: its own maxTokens, or the effort's default. */
export function budgetFor(r: ReasoningControl): number {
  return r.maxTokens !== undefined && Number.isFinite(r.maxTokens) && r.maxTokens > 0
    ? Math.floor(r.maxTokens)
    : EFFORT_BUDGET_TOKENS[r.effort];
}
