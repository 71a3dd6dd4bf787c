// A/B compare: one request to 2–4 models at once, each an independent routed stream.
import type { Charge } from '../catalog/types';
import type { ProviderError } from '../errors';
import type { Usage } from '../types';
import { summarizeStream } from './stream-summary';
import type { ModelRef, RouteReport, RoutedRequest, RouterEvent } from './types';

/** How one lane of a comparison ended. */
export interface CompareResult {
  model: ModelRef;
  text: string;
  report?: RouteReport;
  ttftMs?: number;
  tokensPerSec?: number;
  usage?: Usage;
  /** Cost of the attempt that served the lane (failed attempts are in the report). */
  charge?: Charge;
  /** Sum of every priced attempt of the lane, failed ones included. */
  totalUsd?: number;
  error?: ProviderError;
}

/** One model's stream; `result` settles once `events` has been read to the end. */
export interface CompareLane {
  model: ModelRef;
  events: AsyncIterable<RouterEvent>;
  result: Promise<CompareResult>;
}

/** Fewest models in one comparison. */
export const COMPARE_MIN = 2;
/** Most models in one comparison (columns that still fit side by side). */
export const COMPARE_MAX = 4;

/**
 * Builds one lane per model. Lanes drop the conversation id: a comparison must not move the
 * conversation's prompt-cache affinity to whichever lane finished last.
 */
export function compareModels(
  route: (r: RoutedRequest) => AsyncIterable<RouterEvent>,
  models: readonly ModelRef[],
  request: Omit<RoutedRequest, 'models'>,
): CompareLane[] {
  if (models.length < COMPARE_MIN || models.length > COMPARE_MAX)
    throw new RangeError(`Compare takes ${COMPARE_MIN} to ${COMPARE_MAX} models, got ${models.length}.`);
  return models.map((model) => {
    let settle!: (r: CompareResult) => void;
    const result = new Promise<CompareResult>((r) => (settle = r));
    const events = tap(route({ ...request, models: [model], conversationId: undefined }), model, settle);
    return { model, events, result };
  });
}

async function* tap(source: AsyncIterable<RouterEvent>, model: ModelRef, settle: (r: CompareResult) => void): AsyncGenerator<RouterEvent> {
  const r: CompareResult = { model, text: '' };
  try {
    for await (const ev of source) {
      if (ev.type === 'text-delta') r.text += ev.text;
      else if (ev.type === 'usage') r.usage = ev.usage;
      else if (ev.type === 'error') r.error = ev.error;
      else if (ev.type === 'route-report') r.report = ev.report;
      yield ev;
    }
  } finally {
    settle(summarized(r));
  }
}

function summarized(r: CompareResult): CompareResult {
  const s = summarizeStream({ report: r.report, usage: r.usage });
  return { ...r, ttftMs: s.ttftMs, tokensPerSec: s.tokensPerSec, usage: s.usage, charge: s.attempt?.charge, totalUsd: s.cost?.usd };
}

/** Reads every lane concurrently and yields their events tagged with the lane index, as they arrive. */
export async function* interleave(lanes: readonly CompareLane[]): AsyncGenerator<{ lane: number; event: RouterEvent }> {
  const its = lanes.map((l) => l.events[Symbol.asyncIterator]());
  const next = (i: number) => its[i].next().then((res) => ({ i, res }));
  const pending = new Map<number, Promise<{ i: number; res: IteratorResult<RouterEvent> }>>();
  its.forEach((_, i) => pending.set(i, next(i)));
  try {
    while (pending.size > 0) {
      const { i, res } = await Promise.race(pending.values());
      if (res.done) {
        pending.delete(i);
        continue;
      }
      pending.set(i, next(i));
      yield { lane: i, event: res.value };
    }
  } finally {
    for (const i of pending.keys()) void its[i].return?.();
  }
}
