// The spend dashboard: KPIs, spend over time, budgets, breakdowns, host prices, recent requests.
// Everything is built with DOM APIs (text is never parsed as HTML).
import type { DashboardData, DashboardPeriod, SpendRow } from '../../shared/protocol';
import { clear, h, icon } from '../shared/dom';
import { connectToHost } from '../shared/vscode-api';
import { barChart, progressBar, shareBar } from './charts';
import { formatPerMillion, formatTokensShort as tokens, formatUsd as usd } from '../../common/format';
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

function breakdowns(d: DashboardData): HTMLElement {
  const table = (title: string, rows: SpendRow[]) => {
    const total = rows.reduce((s, r) => s + r.usd, 0);
    const t = h(
      'table',
      { class: 'data' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { text: title }),
          h('th', { class: 'num', text: 'Cost' }),
          h('th', { class: 'num', text: 'Req.' }),
          h('th', { class: 'num', text: 'Saved', title: 'Saved by prompt-cache reads' }),
        ),
      ),
    );
    const tb = h('tbody');
    if (rows.length === 0) tb.append(h('tr', {}, h('td', { colspan: 4, class: 'hint', text: 'Nothing in this period.' })));
    for (const r of rows.slice(0, 15)) {
      tb.append(
        h(
          'tr',
          {},
          h('td', { class: 'name', title: r.name }, h('span', { text: r.name }), shareBar(total > 0 ? r.usd / total : 0)),
          h('td', {
            class: 'num',
            text: `${usd(r.usd)}${r.unpricedAttempts ? '+' : ''}`,
            title: r.unpricedAttempts ? `${r.unpricedAttempts} request(s) without a known price` : undefined,
          }),
          h('td', {
            class: 'num',
            text: `${r.requests}${r.failedAttempts ? ` (${r.failedAttempts} failed attempt${r.failedAttempts === 1 ? '' : 's'})` : ''}`,
          }),
          h('td', { class: 'num', text: r.cacheSavedUsd ? usd(r.cacheSavedUsd) : '–' }),
        ),
      );
    }
    t.append(tb);
    return h('div', { class: 'breakdown' }, t);
  };
  return h(
    'section',
    { class: 'card' },
    h('h2', { text: `Breakdown, ${d.periodKey}` }),
    h(
      'div',
      { class: 'breakdowns' },
      table('Model', d.by.model),
      table('Provider', d.by.provider),
      table('Workspace', d.by.workspace),
      table('Origin', d.by.origin),
    ),
  );
}

function pricesSection(d: DashboardData): HTMLElement | undefined {
  if (!d.catalogLoaded && d.totals.month.attempts > 0) {
    // Opening the dashboard must not load the model catalog (network, CPU); the first request does.
    return h(
      'section',
      { class: 'card', 'data-testid': 'prices-pending' },
      h('h2', { text: 'Prices across hosts, for the models you used this month' }),
      h('p', {
        class: 'hint',
        text: 'Hosts and their prices appear after the first request in this window, once the model catalog has loaded.',
      }),
    );
  }
  if (d.prices.length === 0) return undefined;
  const s = h(
    'section',
    { class: 'card' },
    h('h2', { text: 'Prices across hosts, for the models you used this month' }),
    h('p', { class: 'hint', text: 'USD per million tokens, cheapest first.' }),
  );
  const t = h(
    'table',
    { class: 'data' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { text: 'Model' }),
        h('th', { text: 'Host' }),
        h('th', { class: 'num', text: 'Input' }),
        h('th', { class: 'num', text: 'Output' }),
        h('th', { class: 'num', text: 'Cache read' }),
      ),
    ),
  );
  const tb = h('tbody');
  for (const m of d.prices) {
    m.hosts.slice(0, 6).forEach((x, i) => {
      tb.append(
        h(
          'tr',
          { class: i === 0 ? 'cheapest' : '' },
          h('td', { class: 'name', text: i === 0 ? m.model : '' }),
          h('td', { text: x.via ? `${x.provider} (${x.via})` : x.provider }),
          h('td', { class: 'num', text: price(x.inputPerMTok) }),
          h('td', { class: 'num', text: price(x.outputPerMTok) }),
          h('td', { class: 'num', text: price(x.cacheReadPerMTok) }),
        ),
      );
    });
  }
  t.append(tb);
  s.append(h('div', { class: 'scroll-x' }, t));
  return s;
}

function recentSection(d: DashboardData): HTMLElement {
  const s = h('section', { class: 'card' }, h('h2', { text: 'Recent requests' }));
  if (d.recent.length === 0) {
    s.append(h('p', { class: 'hint', text: 'No requests recorded yet.' }));
    return s;
  }
  const t = h(
    'table',
    { class: 'data' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...['Time', 'Model', 'Provider', 'Outcome', 'Tokens in / out', 'Cost'].map((c, i) =>
          h('th', { class: i >= 4 ? 'num' : '', text: c }),
        ),
      ),
    ),
  );
  const tb = h('tbody');
  for (const r of d.recent.slice(0, 20)) {
    const cost =
      r.costStatus === 'unpriced'
        ? 'unpriced'
        : r.costStatus === 'free'
          ? 'free'
          : `${r.usd === undefined ? '–' : usd(r.usd)}${r.costStatus === 'estimated' ? ' est.' : ''}`;
    tb.append(
      h(
        'tr',
        {},
        h('td', { text: new Date(r.ts).toLocaleString() }),
        h('td', { class: 'name', text: r.model }),
        h('td', { text: `${r.provider}${r.fallback ? ' (fallback)' : ''}` }),
        h('td', { class: `outcome outcome-${r.outcome}`, text: r.outcome }),
        h('td', { class: 'num', text: `${tokens(r.inputTokens)} / ${tokens(r.outputTokens)}` }),
        h('td', { class: 'num', text: cost }),
      ),
    );
  }
  t.append(tb);
  s.append(h('div', { class: 'scroll-x' }, t));
  return s;
}

/** A price per million tokens in a table cell: a dash when unknown. */
function price(v: number | undefined): string {
  return v === undefined ? '–' : v === 0 ? '$0.00' : formatPerMillion(v);
}
