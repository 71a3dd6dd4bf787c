// What the @switchboard participant writes: the footer under an answer, the /cost tables, the
// /route explanation and the /compare summary. Pure (no vscode import), so each is unit-tested.
import type { Charge } from '../../core/catalog/types';
import type { PeriodSummary, Totals } from '../../core/ledger';
import type { CompareResult } from '../../core/router/compare';
import type { RoutePlan } from '../../core/router/route-plan';
import type { AttemptReport, RouteReport } from '../../core/router/types';
import type { ChatMessage } from '../../core/types';
import { formatUsd } from '../../common/format';

/** Marks the footer so it is left out when the conversation is sent again. */
export const FOOTER_MARK = '\n\n---\n';

const tokens = (n: number) => n.toLocaleString('en-US');

function chargeText(charges: readonly Charge[]): string {
  if (charges.length === 0) return 'cost unknown';
  if (charges.every((c) => c.status === 'free')) return 'free';
  const usd = charges.reduce((s, c) => s + (c.usd ?? 0), 0);
  const unpriced = charges.some((c) => c.status === 'unpriced');
  const estimated = charges.some((c) => c.status === 'estimated');
  return `${estimated ? '~' : ''}${formatUsd(usd)}${estimated ? ' estimated' : ''}${unpriced ? ' (+unpriced)' : ''}`;
}

/** The footer line: model, host, tokens and cost of every attempt (failed ones cost too). */
export function footerLine(report: RouteReport, hostName: (provider: string) => string): string {
  const tried = report.attempts.filter((a) => a.outcome !== 'skipped');
  const served = report.servedBy;
  const input = tried.reduce((s, a) => s + (a.usage?.inputTokens ?? 0), 0);
  const output = tried.reduce((s, a) => s + (a.usage?.outputTokens ?? 0), 0);
  const parts = [
    served ? `**${served.canonicalModel}**` : '**no answer**',
    served ? `via ${hostName(served.provider)} (\`${served.provider}:${served.modelId}\`)` : undefined,
    `${tokens(input)} in / ${tokens(output)} out tokens`,
    chargeText(tried.flatMap((a) => (a.charge ? [a.charge] : []))),
    fallbackNote(tried),
    report.comparableFallback ? `moved from ${report.comparableFallback.from}` : undefined,
  ];
  return `${FOOTER_MARK}${parts.filter(Boolean).join(' · ')}`;
}

function fallbackNote(tried: readonly AttemptReport[]): string | undefined {
  const failed = tried.filter((a) => a.outcome === 'failed').length;
  return failed ? `${failed} failed attempt${failed === 1 ? '' : 's'} before` : undefined;
}

function totalsRow(label: string, t: Totals): string {
  const unpriced = t.unpricedAttempts ? ` (+${t.unpricedAttempts} unpriced)` : '';
  return `| ${label} | ${formatUsd(t.usd)}${unpriced} | ${t.requests} | ${tokens(t.inputTokens)} | ${tokens(t.outputTokens)} |`;
}

/** Today's and this month's spend, by model and by origin (chat, lm-api, gateway, …). */
export function costMarkdown(day: PeriodSummary, month: PeriodSummary): string {
  const table = (title: string, s: PeriodSummary) =>
    [
      `**${title}** (${s.key}): ${formatUsd(s.totals.usd)}`,
      '',
      '| Model | Cost | Requests | Input tokens | Output tokens |',
      '| --- | ---: | ---: | ---: | ---: |',
      ...s.by.model.slice(0, 20).map(([model, t]) => totalsRow(model, t)),
      ...(s.by.model.length === 0 ? ['| (none) | $0.00 | 0 | 0 | 0 |'] : []),
      '',
      '| Origin | Cost | Requests | Input tokens | Output tokens |',
      '| --- | ---: | ---: | ---: | ---: |',
      ...s.by.origin.map(([origin, t]) => totalsRow(origin || '(earlier)', t)),
    ].join('\n');
  return `${table('Today', day)}\n\n${table('This month', month)}`;
}

/** One host of a route, with what the router knows about it now. */
interface RouteRow {
  order: number;
  host: string;
  modelId: string;
  price?: { inputPerMTok: number; outputPerMTok: number };
  health: string;
  breaker: string;
  ttftMs?: number;
}

/** Rows for the planned hosts, in the order the router would try them. */
export function routeRows(
  plan: RoutePlan,
  hostName: (p: string) => string,
  healthOf: (key: string) => { state: string; breaker: string; ttftMs?: number } | undefined,
): RouteRow[] {
  return plan.candidates.map((c, i) => {
    const h = healthOf(c.key);
    return {
      order: i + 1,
      host: hostName(c.endpoint.provider),
      modelId: c.endpoint.modelId,
      price: c.endpoint.price,
      health: h?.state ?? 'no traffic yet',
      breaker: h?.breaker ?? 'closed',
      ttftMs: h?.ttftMs,
    };
  });
}

/** How a model would be routed now: hosts in order, prices, health and breaker, then what was left out. */
export function routeMarkdown(model: string, plan: RoutePlan, rows: readonly RouteRow[]): string {
  const head = `**${model}** is routed by **${plan.strategy}**; hosts are tried in this order:`;
  const table = [
    '| # | Host | Model id | $/MTok in / out | Health | Breaker | TTFT |',
    '| ---: | --- | --- | --- | --- | --- | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.order} | ${r.host} | \`${r.modelId}\` | ${r.price ? `${r.price.inputPerMTok} / ${r.price.outputPerMTok}` : 'unknown'} | ${r.health} | ${r.breaker} | ${r.ttftMs === undefined ? '–' : `${Math.round(r.ttftMs)} ms`} |`,
    ),
  ].join('\n');
  const skipped = plan.skipped.map((s) => `- \`${s.key}\`: ${s.reason}`);
  const unknown = plan.unknownModels.map((m) => `- \`${m}\`: not in the catalog`);
  const none = rows.length === 0 ? `No host can serve **${model}** now.` : `${head}\n\n${table}`;
  const left = [...skipped, ...unknown];
  return left.length ? `${none}\n\nLeft out:\n${left.join('\n')}` : none;
}

/** The /compare summary under each lane's answer. */
export function compareLaneMarkdown(r: CompareResult, hostName: (p: string) => string): string {
  const served = r.report?.servedBy;
  const speed = [
    r.ttftMs !== undefined ? `first token ${Math.round(r.ttftMs)} ms` : undefined,
    r.tokensPerSec !== undefined ? `${r.tokensPerSec.toFixed(1)} tok/s` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  const cost = r.totalUsd !== undefined ? formatUsd(r.totalUsd) : chargeText(r.charge ? [r.charge] : []);
  const meta = [served ? `via ${hostName(served.provider)}` : undefined, cost, speed || undefined].filter(Boolean).join(' · ');
  const body = r.error ? `_Failed: ${r.error.message}_` : r.text;
  return `### ${r.model}\n\n${body}\n\n_${meta}_\n`;
}

/** Splits `/compare a/b c:d the prompt` into the models named first and the prompt after them. */
export function splitCompareArgs(prompt: string, isModel: (ref: string) => boolean): { models: string[]; prompt: string } {
  const words = prompt.trim().split(/\s+/);
  const models: string[] = [];
  while (words.length && isModel(words[0].replace(/,$/, ''))) models.push(words.shift()!.replace(/,$/, ''));
  return { models, prompt: words.join(' ') };
}

/** The conversation so far, from the chat's history turns (request turns have `prompt`; response turns markdown parts). */
export function historyMessages(history: readonly unknown[]): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const turn of history) {
    if (!turn || typeof turn !== 'object') continue;
    const t = turn as { prompt?: unknown; response?: unknown };
    if (typeof t.prompt === 'string') out.push({ role: 'user', content: t.prompt });
    else if (Array.isArray(t.response)) {
      const text = t.response
        .map((p: unknown) => (p as { value?: { value?: unknown } })?.value?.value)
        .filter((v): v is string => typeof v === 'string' && !v.startsWith(FOOTER_MARK))
        .join('');
      if (text) out.push({ role: 'assistant', content: text });
    }
  }
  return out;
}
