// The model row's reasoning-effort control. The host owns the setting (it is saved with the
// conversation); this only shows it and asks for a change.
import { REASONING_EFFORTS, type ReasoningEffortChoice } from '../../shared/protocol';
import { h, icon } from '../shared/dom';

const LABELS: Record<ReasoningEffortChoice, string> = {
  off: 'Off',
  minimal: 'Minimal',
  low: 'Low',
  medium: 'Medium',
  high: 'High',
};

/** The control's element and update function. */
interface ReasoningSelect {
  element: HTMLElement;
  update(effort: ReasoningEffortChoice, busy: boolean): void;
}

/** Builds the control; `onChange` gets the effort the user picked. */
export function createReasoningSelect(onChange: (effort: ReasoningEffortChoice) => void): ReasoningSelect {
  const choices: ReasoningEffortChoice[] = ['off', ...REASONING_EFFORTS];
  const select = h(
    'select',
    {
      class: 'reasoning-select',
      'data-testid': 'reasoning-effort',
      'aria-label': 'Reasoning effort',
      title: 'Reasoning effort for this conversation; a model that cannot reason ignores it and says so under its answer',
      onchange: () => onChange(select.value as ReasoningEffortChoice),
    },
    ...choices.map((c) => h('option', { value: c, text: LABELS[c] })),
  );
  const element = h('span', { class: 'reasoning-field' }, icon('lightbulb'), select);
  return {
    element,
    update(effort, busy) {
      select.value = effort;
      select.disabled = busy;
    },
  };
}
