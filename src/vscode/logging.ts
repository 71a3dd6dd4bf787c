// The Switchboard log: one line per request, every line passed through key redaction.
// Only type imports from vscode, so the formatting is unit-tested in plain Node.
import type * as vscode from 'vscode';
import type { Logger } from '../core/platform';
import type { AttemptReport, RouteReport } from '../core/router/types';
import type { Usage } from '../core/types';

/** Inputs of one request line. Prompt and output are logged only when the user opted in. */
interface RequestLogEntry {
  /** What the user asked for (canonical or pinned model, or the fallback list). */
  requested: string[];
  report: RouteReport;
  /** Where the request came from, e.g. `chat`, `compare`, `selection:explain`. */
  origin?: string;
  prompt?: string;
  output?: string;
}

/** The extension's logger: the core's Logger plus request lines. */
export interface SwitchboardLog extends Logger {
  /** Logs one finished request. */
  request(entry: RequestLogEntry): void;
  debug(message: string): void;
}

/** Options of {@link createSwitchboardLog}. */
interface SwitchboardLogOptions {
  /** Removes keys from text (the key ring's redact). */
  redact(text: string): string;
  /** Whether `switchboard.logPrompts` is on; read per line so a settings change applies at once. */
  logPrompts(): boolean;
}

/** Wraps a LogOutputChannel (or anything with its methods) into the Switchboard logger. */
export function createSwitchboardLog(
  channel: Pick<vscode.LogOutputChannel, 'info' | 'warn' | 'error' | 'debug'>,
  opts: SwitchboardLogOptions,
): SwitchboardLog {
  const safe = (s: string) => opts.redact(s);
  return {
    info: (m) => channel.info(safe(m)),
    warn: (m) => channel.warn(safe(m)),
    error: (m) => channel.error(safe(m)),
    debug: (m) => channel.debug(safe(m)),
    request(entry) {
      const failed = entry.report.servedBy === undefined || entry.report.partial;
      const line = safe(formatRequestLine(entry));
      if (failed) channel.warn(line);
      else channel.info(line);
      if (opts.logPrompts()) {
        if (entry.prompt !== undefined) channel.info(safe(`  prompt: ${JSON.stringify(entry.prompt)}`));
        if (entry.output !== undefined) channel.info(safe(`  output: ${JSON.stringify(entry.output)}`));
      }
    },
  };
}

/** One line describing a routed request; never includes prompt or output text. */
export function formatRequestLine(entry: RequestLogEntry): string {
  const r = entry.report;
  const tried = r.attempts.filter((a) => a.outcome !== 'skipped');
  const final = tried.at(-1);
  const served = r.servedBy ? `${r.servedBy.provider}:${r.servedBy.modelId}` : 'none';
  const status = r.partial ? 'partial' : r.servedBy ? 'ok' : (final?.outcome ?? 'no-endpoint');
  const usage = sumUsage(tried);
  const parts = [
    `request${entry.origin ? ` [${entry.origin}]` : ''}`,
    `model=${entry.requested.join(',')}`,
    `endpoint=${served}`,
    `attempts=${tried.length}${tried.some((a) => a.fallback) ? ' (fallback)' : ''}`,
    `status=${status}${final?.status ? ` http=${final.status}` : ''}${final?.errorCategory && !r.servedBy ? ` error=${final.errorCategory}` : ''}`,
    `tokens in=${usage.inputTokens} out=${usage.outputTokens} cached=${usage.cacheReadTokens} reasoning=${usage.reasoningTokens}`,
    `cost=${formatCost(tried)}`,
  ];
  const timing = final
    ? `ttft=${final.ttftMs === undefined ? '-' : `${Math.round(final.ttftMs)}ms`} total=${Math.round(tried.reduce((s, a) => s + a.durationMs, 0))}ms`
    : '';
  if (timing) parts.push(timing);
  const tps =
    final?.ttftMs !== undefined && final.usage && final.durationMs > final.ttftMs
      ? (final.usage.outputTokens * 1000) / (final.durationMs - final.ttftMs)
      : undefined;
  if (tps !== undefined && Number.isFinite(tps)) parts.push(`tps=${tps.toFixed(1)}`);
  if (r.comparableFallback) parts.push(`comparable=${r.comparableFallback.from}->${r.comparableFallback.to}`);
  if (r.budgetAction) parts.push(`budget=${r.budgetAction.action}`);
  const trail = r.attempts
    .filter((a) => a.outcome !== 'success')
    .map(
      (a) =>
        `${a.endpoint.provider}:${a.endpoint.modelId} ${a.outcome}${a.status ? ` ${a.status}` : ''}${a.errorCategory ? ` ${a.errorCategory}` : ''}`,
    );
  if (trail.length) parts.push(`trail=[${trail.join('; ')}]`);
  return parts.join(' ');
}

function sumUsage(attempts: AttemptReport[]): Usage {
  const u: Usage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };
  for (const a of attempts) {
    if (!a.usage) continue;
    u.inputTokens += a.usage.inputTokens;
    u.outputTokens += a.usage.outputTokens;
    u.cacheReadTokens += a.usage.cacheReadTokens;
    u.cacheWriteTokens += a.usage.cacheWriteTokens;
    u.reasoningTokens += a.usage.reasoningTokens;
  }
  return u;
}

function formatCost(attempts: AttemptReport[]): string {
  const charges = attempts.map((a) => a.charge).filter((c) => c !== undefined);
  if (charges.length === 0) return 'unknown';
  if (charges.every((c) => c.status === 'free')) return '$0 (free)';
  const usd = charges.reduce((s, c) => s + (c.usd ?? 0), 0);
  const unpriced = charges.some((c) => c.status === 'unpriced');
  const estimated = charges.some((c) => c.status === 'estimated');
  return `$${usd.toFixed(6)}${estimated ? ' (estimated)' : ''}${unpriced ? ' (+unpriced)' : ''}`;
}
