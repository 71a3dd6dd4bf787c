// What one routed stream came to: who answered, its tokens, first-token time, speed and cost.
// The chat footer, the compare columns and the participant's /compare all show these figures,
// so they are computed here once, by one rule, from the route report.
import { saneAttempt, saneUsage } from '../attempt-numbers';
import type { Charge, Endpoint } from '../catalog/types';
import type { Usage } from '../types';
import type { AttemptReport, RouteReport } from './types';

/** Below this, the time after the first token is one chunk's arrival jitter, not a speed. */
const MIN_GENERATION_MS = 50;

/** What the reader of a stream knows besides its route report. */
export interface StreamObservation {
  report?: RouteReport;
  /** The stream's last usage event; used when no attempt carries usage. */
  usage?: Usage;
  /** Milliseconds to the first token as the reader saw it; used when the attempt reports none. */
  firstTokenMs?: number;
  /** Told about each provider or clock number dropped as implausible. */
  note?: (message: string) => void;
}

/** One routed stream, summarized. */
export interface StreamSummary {
  /** The attempt whose text was shown (bad numbers clamped): the served one, or the one streaming when the route stopped. */
  attempt?: AttemptReport;
  /** The endpoint that produced the text; a stopped attempt counts only once its first token came. */
  servedBy?: Endpoint;
  /** Attempts that failed at other hosts before the answer; a failed try at the answering host was a retry. */
  failed: AttemptReport[];
  /** Distinct hosts among `failed`: how many times the route moved on. */
  fallbacks: number;
  usage?: Usage;
  /** `usage` was counted locally because the provider sent none. */
  usageEstimated?: true;
  ttftMs?: number;
  /** Output tokens per second after the first token. */
  tokensPerSec?: number;
  /**
   * What the stream cost: every priced attempt summed (a partial attempt that failed was billed
   * too), under the answering attempt's status. Undefined when no attempt was priced.
   */
  cost?: Charge;
}

/** Summarizes one stream from its route report and what its reader saw. */
export function summarizeStream(o: StreamObservation): StreamSummary {
  const note = o.note ?? (() => undefined);
  const attempts = o.report?.attempts ?? [];
  const raw = answeringAttempt(o.report);
  const attempt = raw && saneAttempt(raw, note);
  const served = o.report?.servedBy ?? (attempt?.ttftMs !== undefined ? attempt.endpoint : undefined);
  const failed = failedBefore(o.report, raw);
  const usage = attempt?.usage ?? (o.usage && saneUsage(o.usage, note));
  return {
    attempt,
    servedBy: served,
    failed,
    fallbacks: new Set(failed.map((a) => `${a.endpoint.provider}:${a.endpoint.modelId}`)).size,
    usage,
    usageEstimated: attempt?.usage && attempt.usageEstimated ? true : undefined,
    ttftMs: attempt?.ttftMs ?? o.firstTokenMs,
    tokensPerSec: speedOf(attempt, usage),
    cost: costOf(
      attempts.map((a) => (a === raw ? attempt! : a)),
      attempt,
    ),
  };
}

/**
 * The attempt whose text the reader shows. A stopped route names no served endpoint, yet its last
 * attempt streamed the text and carries the locally counted usage, first-token time and charge.
 */
function answeringAttempt(report: RouteReport | undefined): AttemptReport | undefined {
  const served = report?.servedBy;
  const tried = [...(report?.attempts ?? [])].reverse();
  if (served) return tried.find((a) => sameEndpoint(a.endpoint, served) && a.outcome !== 'skipped' && a.outcome !== 'failed');
  return tried.find((a) => a.outcome === 'cancelled' || a.outcome === 'partial');
}

function failedBefore(report: RouteReport | undefined, answering: AttemptReport | undefined): AttemptReport[] {
  const served = report?.servedBy;
  return (report?.attempts ?? []).filter(
    (a) => (a.outcome === 'failed' || (a.outcome === 'partial' && a !== answering)) && !(served && sameEndpoint(a.endpoint, served)),
  );
}

/** Output tokens over the attempt's time after its first token; none for a span too short to measure. */
function speedOf(attempt: AttemptReport | undefined, usage: Usage | undefined): number | undefined {
  if (attempt?.ttftMs === undefined) return undefined;
  const genMs = attempt.durationMs - attempt.ttftMs;
  if (!(genMs >= MIN_GENERATION_MS)) return undefined;
  // Without usage, the router's own figure counted the characters received.
  const tps = usage ? (usage.outputTokens * 1000) / genMs : attempt.tokensPerSec;
  return tps !== undefined && Number.isFinite(tps) && tps >= 0 ? tps : undefined;
}

function costOf(attempts: readonly AttemptReport[], answering: AttemptReport | undefined): Charge | undefined {
  const priced = attempts.flatMap((a) => (a.charge ? [a.charge] : []));
  if (!priced.length) return undefined;
  // The answering attempt's charge was checked above; another's bad figure counts as unknown.
  const usds = priced.flatMap((c) => (c.usd !== undefined && Number.isFinite(c.usd) && c.usd >= 0 ? [c.usd] : []));
  const usd = usds.length ? usds.reduce((sum, u) => sum + u, 0) : undefined;
  return { usd, status: answering?.charge?.status ?? priced[priced.length - 1].status };
}

function sameEndpoint(a: Pick<Endpoint, 'provider' | 'modelId'>, b: Pick<Endpoint, 'provider' | 'modelId'>): boolean {
  return a.provider === b.provider && a.modelId === b.modelId;
}
