// The spend dashboard's tables: breakdowns, host prices, recent requests.
// Everything is built with DOM APIs (text is never parsed as HTML).
import type { DashboardData, SpendRow } from '../../shared/protocol';
import { h } from '../shared/dom';
import { shareBar } from './charts';
import { formatPerMillion, formatTokensShort as tokens, formatUsd as usd } from '../../common/format';

/** Spend by model, provider, workspace and origin, each with its share of the period. */
export function breakdowns(d: DashboardData): HTMLElement {
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

/** Every host's price of the models used this month; nothing until the catalog has loaded. */
export function pricesSection(d: DashboardData): HTMLElement | undefined {
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

/** The last requests with their outcome, tokens and cost. */
export function recentSection(d: DashboardData): HTMLElement {
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
