// Runs one comparison: reads every lane concurrently, coalesces text deltas per lane, and reports
// first-token time, serving host and the final cost and speed. Pure (no vscode import).
import type { ProviderError } from '../../core/errors';
import type { CompareLane } from '../../core/router/compare';
import type { AttemptReport, RouteReport, RouterEvent } from '../../core/router/types';
import type { Usage } from '../../core/types';
import type { AssistantMeta } from '../../shared/protocol/chat-model';
import type { LaneResult } from '../../shared/protocol/compare';

/** Where a comparison's progress goes (the compare panel). */
export interface ComparisonSink {
  delta(lane: number, text: string): void;
  meta(lane: number, meta: { servedBy?: string; ttftMs?: number }): void;
  done(lane: number, result: LaneResult, text: string): void;
}

/** Options of {@link runComparison}. */
export interface ComparisonOptions {
  /** Milliseconds to gather deltas before posting them (one message per lane per tick). */
  flushMs?: number;
  now?: () => number;
  /** Removes keys from error text. */
  redact?: (s: string) => string;
}

/** Consumes every lane to the end; resolves with each lane's full text. Never rejects. */
export async function runComparison(lanes: readonly CompareLane[], sink: ComparisonSink, opts: ComparisonOptions = {}): Promise<string[]> {
  const now = opts.now ?? Date.now;
  const started = now();
  return Promise.all(lanes.map((lane, i) => runLane(lane.events, i, sink, started, now, opts)));
}

async function runLane(
  events: AsyncIterable<RouterEvent>,
  lane: number,
  sink: ComparisonSink,
  started: number,
  now: () => number,
  opts: ComparisonOptions,
): Promise<string> {
  const flushMs = opts.flushMs ?? 40;
  const redact = opts.redact ?? ((s: string) => s);
  let text = '';
  let buffer = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstTokenAt: number | undefined;
  let usage: Usage | undefined;
  let error: ProviderError | undefined;
  let report: RouteReport | undefined;
  let cancelled = false;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (buffer) sink.delta(lane, buffer);
    buffer = '';
  };
  try {
    for await (const ev of events) {
      if (ev.type === 'text-delta') {
        if (firstTokenAt === undefined) {
          firstTokenAt = now();
          sink.meta(lane, { ttftMs: firstTokenAt - started });
        }
        text += ev.text;
        buffer += ev.text;
        timer ??= setTimeout(flush, flushMs);
      } else if (ev.type === 'response-metadata') {
        sink.meta(lane, { servedBy: ev.upstreamProvider ? `${ev.provider} (${ev.upstreamProvider})` : ev.provider });
      } else if (ev.type === 'usage') usage = ev.usage;
      else if (ev.type === 'error') error = ev.error;
      else if (ev.type === 'finish') cancelled = ev.reason === 'cancelled';
      else if (ev.type === 'route-report') report = ev.report;
    }
  } catch (e) {
    // The router never throws by contract; if something else does, the lane still ends cleanly.
    error ??= { message: e instanceof Error ? e.message : String(e), category: 'protocol' } as ProviderError;
  }
  flush();
  sink.done(lane, laneResult(report, usage, error, cancelled, redact), text);
  return text;
}

/** Summarizes a lane for its column footer. */
export function laneResult(
  report: RouteReport | undefined,
  usage: Usage | undefined,
  error: ProviderError | undefined,
  cancelled: boolean,
  redact: (s: string) => string,
): LaneResult {
  const tried = report?.attempts.filter((a) => a.outcome !== 'skipped') ?? [];
  const servedAttempt = answeringAttempt(report, tried);
  // Stopped before its first token, an endpoint served nothing, so the column does not name it.
  const served = report?.servedBy ?? (servedAttempt?.ttftMs !== undefined ? servedAttempt.endpoint : undefined);
  const priced = tried.map((a) => a.charge).filter((c) => c !== undefined);
  const costUsd = priced.some((c) => c.usd !== undefined) ? priced.reduce((s, c) => s + (c.usd ?? 0), 0) : undefined;
  const status = servedAttempt?.charge?.status ?? priced.at(-1)?.status;
  const u = servedAttempt?.usage ?? usage;
  const genMs = servedAttempt && servedAttempt.ttftMs !== undefined ? servedAttempt.durationMs - servedAttempt.ttftMs : undefined;
  const tps = u && genMs && genMs > 0 ? (u.outputTokens * 1000) / genMs : servedAttempt?.tokensPerSec;
  return {
    servedBy: served ? `${served.provider}:${served.modelId}` : undefined,
    fallbacks: tried.filter((a) => a.fallback).length,
    costUsd,
    costStatus: status,
    ttftMs: servedAttempt?.ttftMs,
    tokensPerSec: tps !== undefined && Number.isFinite(tps) ? tps : undefined,
    inputTokens: whole(u?.inputTokens),
    outputTokens: whole(u?.outputTokens),
    usage: u ? wholeUsage(u) : undefined,
    usageEstimated: servedAttempt?.usageEstimated || undefined,
    error: error && !cancelled ? redact(error.message).slice(0, 2000) : undefined,
    cancelled: cancelled || undefined,
  };
}

/**
 * The attempt whose text the column shows. A stopped route sets no `servedBy`, yet its last
 * attempt streamed the text and carries the locally counted usage, TTFT and estimated charge.
 */
function answeringAttempt(report: RouteReport | undefined, tried: readonly AttemptReport[]): AttemptReport | undefined {
  const served = report?.servedBy;
  if (served) return [...tried].reverse().find((a) => a.endpoint.provider === served.provider && a.endpoint.modelId === served.modelId);
  return [...tried].reverse().find((a) => a.outcome === 'cancelled' || a.outcome === 'partial');
}

// Estimated usage may be fractional, and the protocol refuses anything but whole non-negative
// counts: one odd number from a provider would otherwise drop the whole laneDone message.
function whole(n: number | undefined): number {
  return n !== undefined && Number.isFinite(n) && n > 0 ? Math.round(n) : 0;
}

function wholeUsage(u: Usage): Usage {
  const out: Usage = {
    inputTokens: whole(u.inputTokens),
    outputTokens: whole(u.outputTokens),
    cacheReadTokens: whole(u.cacheReadTokens),
    cacheWriteTokens: whole(u.cacheWriteTokens),
    reasoningTokens: whole(u.reasoningTokens),
  };
  if (u.providerCostUsd !== undefined && Number.isFinite(u.providerCostUsd) && u.providerCostUsd >= 0)
    out.providerCostUsd = u.providerCostUsd;
  return out;
}

/** What the chat footer can show of a compare column: who served it, tokens, cost, speed. */
export function metaOf(r: LaneResult | undefined): AssistantMeta | undefined {
  if (!r) return undefined;
  const [provider] = r.servedBy?.split(':') ?? [];
  return {
    provider,
    usage: r.usage,
    usageEstimated: r.usageEstimated,
    charge: r.costStatus ? { usd: r.costUsd, status: r.costStatus } : undefined,
    ttftMs: r.ttftMs,
    tokensPerSecond: r.tokensPerSec,
    finishReason: r.cancelled ? 'cancelled' : r.error ? 'error' : 'stop',
  };
}
