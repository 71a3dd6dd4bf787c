// Runs one comparison: reads every lane concurrently, coalesces text deltas per lane, and reports
// first-token time, serving host and the final cost and speed. Pure (no vscode import).
import type { ProviderError } from '../../core/errors';
import type { CompareLane } from '../../core/router/compare';
import type { RouteReport, RouterEvent } from '../../core/router/types';
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

async function runLane(events: AsyncIterable<RouterEvent>, lane: number, sink: ComparisonSink, started: number, now: () => number, opts: ComparisonOptions): Promise<string> {
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
export function laneResult(report: RouteReport | undefined, usage: Usage | undefined, error: ProviderError | undefined, cancelled: boolean, redact: (s: string) => string): LaneResult {
  const tried = report?.attempts.filter((a) => a.outcome !== 'skipped') ?? [];
  const served = report?.servedBy;
  const servedAttempt = served ? [...tried].reverse().find((a) => a.endpoint.provider === served.provider && a.endpoint.modelId === served.modelId) : undefined;
  const priced = tried.map((a) => a.charge).filter((c) => c !== undefined);
  const costUsd = priced.some((c) => c.usd !== undefined) ? priced.reduce((s, c) => s + (c.usd ?? 0), 0) : undefined;
  const status = servedAttempt?.charge?.status ?? priced.at(-1)?.status;
  const u = servedAttempt?.usage ?? usage;
  const genMs = servedAttempt && servedAttempt.ttftMs !== undefined ? servedAttempt.durationMs - servedAttempt.ttftMs : undefined;
  const tps = u && genMs && genMs > 0 ? (u.outputTokens * 1000) / genMs : undefined;
  return {
    servedBy: served ? `${served.provider}:${served.modelId}` : undefined,
    fallbacks: tried.filter((a) => a.fallback).length,
    costUsd,
    costStatus: status,
    ttftMs: servedAttempt?.ttftMs,
    tokensPerSec: tps !== undefined && Number.isFinite(tps) ? tps : undefined,
    inputTokens: Math.round(u?.inputTokens ?? 0),
    outputTokens: Math.round(u?.outputTokens ?? 0),
    error: error && !cancelled ? redact(error.message).slice(0, 2000) : undefined,
    cancelled: cancelled || undefined,
  };
}

/** What the chat footer can show of a compare column: who served it, tokens, cost, speed. */
export function metaOf(r: LaneResult | undefined): AssistantMeta | undefined {
  if (!r) return undefined;
  const [provider] = r.servedBy?.split(':') ?? [];
  return {
    provider,
    usage: { inputTokens: r.inputTokens, outputTokens: r.outputTokens, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 },
    charge: r.costStatus ? { usd: r.costUsd, status: r.costStatus } : undefined,
    ttftMs: r.ttftMs,
    tokensPerSecond: r.tokensPerSec,
    finishReason: r.cancelled ? 'cancelled' : r.error ? 'error' : 'stop',
  };
}
