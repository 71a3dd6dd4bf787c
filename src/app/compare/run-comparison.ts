// Runs one comparison: reads every lane concurrently, coalesces text deltas per lane, and reports
// first-token time, serving host and the final cost and speed. Pure (no vscode import).
import type { ProviderError } from '../../core/errors';
import type { CompareLane } from '../../core/router/compare';
import { summarizeStream } from '../../core/router/stream-summary';
import type { RouteReport, RouterEvent } from '../../core/router/types';
import type { Usage } from '../../core/types';
import type { AssistantMeta } from '../../shared/protocol/chat-model';
import type { LaneResult } from '../../shared/protocol/compare';

/** Where a comparison's progress goes (the compare panel). */
interface ComparisonSink {
  delta(lane: number, text: string): void;
  meta(lane: number, meta: { servedBy?: string; ttftMs?: number }): void;
  done(lane: number, result: LaneResult, text: string): void;
}

/** Options of {@link runComparison}. */
interface ComparisonOptions {
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
  const firstTokenMs = firstTokenAt === undefined ? undefined : firstTokenAt - started;
  sink.done(lane, laneResult(report, usage, error, cancelled, redact, firstTokenMs), text);
  return text;
}

/** Summarizes a lane for its column footer. */
export function laneResult(
  report: RouteReport | undefined,
  usage: Usage | undefined,
  error: ProviderError | undefined,
  cancelled: boolean,
  redact: (s: string) => string,
  firstTokenMs?: number,
): LaneResult {
  const s = summarizeStream({ report, usage, firstTokenMs });
  return {
    servedBy: s.servedBy ? `${s.servedBy.provider}:${s.servedBy.modelId}` : undefined,
    fallbacks: s.fallbacks,
    costUsd: s.cost?.usd,
    costStatus: s.cost?.status,
    ttftMs: s.ttftMs,
    tokensPerSec: s.tokensPerSec,
    inputTokens: s.usage?.inputTokens ?? 0,
    outputTokens: s.usage?.outputTokens ?? 0,
    usage: s.usage,
    usageEstimated: s.usageEstimated,
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
    usage: r.usage,
    usageEstimated: r.usageEstimated,
    charge: r.costStatus ? { usd: r.costUsd, status: r.costStatus } : undefined,
    ttftMs: r.ttftMs,
    tokensPerSecond: r.tokensPerSec,
    finishReason: r.cancelled ? 'cancelled' : r.error ? 'error' : 'stop',
  };
}
