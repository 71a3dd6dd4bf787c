// The spend dashboard: KPIs, spend over time and budgets here; its tables in dashboard-tables.ts.
// Everything is built with DOM APIs (text is never parsed as HTML).
import type { DashboardData, DashboardPeriod, SpendRow } from '../../shared/protocol';
import { clear, h, icon } from '../shared/dom';
import { connectToHost } from '../shared/vscode-api';
import { barChart, progressBar } from './charts';
import { formatTokensShort as tokens, formatUsd as usd } from '../../common/format';
import { breakdowns, pricesSection, recentSection } from './dashboard-tables';
import { shortKey } from './format';

const PERIOD_LABEL: Record<DashboardPeriod, string> = { day: 'Day', week: 'Week', month: 'Month' };

/** Mounts the dashboard into `root` and connects it to the host. */
export function startDashboard(root: HTMLElement): void {
  const host = connectToHost();
  const body = h('div', { class: 'dash-body' }, h('p', { class: 'hint', text: 'Loading spend…' }));
  // A click's period until the host's data for it arrives: data already in flight for the old one is dropped.
  let requested: DashboardPeriod | undefined;
  const tabs = (Object.keys(PERIOD_LABEL) as DashboardPeriod[]).map((p) =>
    h('button', {
      type: 'button',
      role: 'tab',
      class: 'tab',
      'data-period': p,
      // Until the first data message says which period the host remembers.
      'aria-selected': p === 'day' ? 'true' : 'false',
      text: PERIOD_LABEL[p],
      onclick: () => {
        select(p);
        requested = p;
        host.post('dashboard.setPeriod', { period: p });
      },
    }),
  );
  const select = (p: DashboardPeriod) => {
    for (const t of tabs) t.setAttribute('aria-selected', t.dataset.period === p ? 'true' : 'false');
  };
  const header = h(
    'header',
    { class: 'dash-header' },
    h('h1', {}, icon('graph'), ' Spend'),
    h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Granularity' }, ...tabs),
    h('span', { class: 'spacer' }),
    h(
      'button',
      { type: 'button', class: 'secondary-button', onclick: () => host.post('dashboard.openBudgetSettings', {}) },
      icon('settings-gear'),
      'Budgets',
    ),
    h(
      'button',
      { type: 'button', class: 'primary-button', 'data-testid': 'export-csv', onclick: () => host.post('dashboard.exportCsv', {}) },
      icon('export'),
      'Export CSV',
    ),
  );
  root.append(h('div', { class: 'dashboard' }, header, body));
  host.on('dashboard.data', (data) => {
    if (requested !== undefined && data.period !== requested) return;
    requested = undefined;
    // The host remembers the period across a hidden panel's reload, while this script starts on "day" again.
    select(data.period);
    clear(body);
    body.append(...render(data));
  });
  host.post('dashboard.ready', {});
}

function render(d: DashboardData): HTMLElement[] {
  return [kpis(d), chartSection(d), budgetsSection(d), breakdowns(d), pricesSection(d), recentSection(d)].filter(
    (x): x is HTMLElement => x !== undefined,
  );
}

function kpis(d: DashboardData): HTMLElement {
  const card = (label: string, value: string, sub: string, testid?: string) =>
    h(
      'div',
      { class: 'kpi' },
      h('div', { class: 'kpi-label', text: label }),
      h('div', { class: 'kpi-value', text: value, 'data-testid': testid }),
      h('div', { class: 'kpi-sub hint', text: sub }),
    );
  const t = d.totals;
  const unpriced = (r: SpendRow) => (r.unpricedAttempts ? ` · ${r.unpricedAttempts} unpriced` : '');
  const est = (r: SpendRow) => (r.estimatedUsd > 0 ? ` · ${usd(r.estimatedUsd)} estimated` : '');
  return h(
    'section',
    { class: 'kpis', 'aria-label': 'Totals' },
    card('Today', usd(t.today.usd), `${t.today.requests} requests${est(t.today)}${unpriced(t.today)}`, 'spend-total'),
    card('This week', usd(t.week.usd), `${t.week.requests} requests${unpriced(t.week)}`),
    card('This month', usd(t.month.usd), `${t.month.requests} requests${unpriced(t.month)}`),
    card('Cache savings', usd(t.month.cacheSavedUsd), `this month · ${tokens(t.month.cacheReadTokens)} cached tokens`),
    card('Tokens', `${tokens(t.month.inputTokens)} / ${tokens(t.month.outputTokens)}`, 'in / out this month'),
  );
}

function chartSection(d: DashboardData): HTMLElement {
  const unit = d.period === 'day' ? 'day' : d.period === 'week' ? 'week' : 'month';
  const points = d.series.map((p) => ({
    label: shortKey(p.key),
    value: p.usd,
    estimated: p.estimatedUsd,
    tooltip: `${p.key}: ${usd(p.usd)}${p.estimatedUsd ? ` (${usd(p.estimatedUsd)} estimated)` : ''}, ${p.requests} requests${p.unpricedAttempts ? `, ${p.unpricedAttempts} unpriced` : ''}${p.cacheSavedUsd ? `, cache saved ${usd(p.cacheSavedUsd)}` : ''}`,
  }));
  return h(
    'section',
    { class: 'card' },
    h('h2', { text: `Spend per ${unit}` }),
    h('div', { class: 'scroll-x' }, barChart(points, `Spend per ${unit}, last ${points.length}`)),
    h(
      'div',
      { class: 'legend hint' },
      h('span', { class: 'swatch swatch-solid' }),
      'priced from provider usage',
      h('span', { class: 'swatch swatch-estimated' }),
      'estimated',
    ),
  );
}

function budgetsSection(d: DashboardData): HTMLElement {
  const s = h('section', { class: 'card' }, h('h2', { text: 'Budgets' }));
  if (d.budgets.length === 0) {
    s.append(
      h('p', {
        class: 'hint',
        text: 'No budget set. Set daily or monthly limits in switchboard.budgets to be warned, blocked or downgraded.',
      }),
    );
    return s;
  }
  for (const b of d.budgets) {
    const ratio = b.limitUsd > 0 ? b.spentUsd / b.limitUsd : 1;
    const name = `${b.scope === 'workspace' ? 'This workspace, ' : ''}${b.period === 'day' ? 'today' : 'this month'}`;
    s.append(
      h(
        'div',
        { class: `budget state-${b.state}` },
        h(
          'div',
          { class: 'budget-label' },
          h('span', { text: name }),
          h('span', { class: 'budget-figures', text: `${usd(b.spentUsd)} of ${usd(b.limitUsd)} (${Math.round(ratio * 100)}%)` }),
        ),
        progressBar(ratio, d.warnAt, b.state, `${name}: ${Math.round(ratio * 100)}% of budget`),
      ),
    );
  }
  return s;
}
