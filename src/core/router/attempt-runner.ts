// Runs one attempt at one endpoint: forwards output as it comes, holds back everything else
// until output starts, so a failed attempt leaves no trace in the caller's stream.
import type { Charge, Endpoint } from '../catalog/types';
import { ProviderError, redactError } from '../errors';
import { toTransportError, type HttpTransport } from '../http/client';
import type { ProtocolAdapter } from '../providers/descriptor';
import { warningEvents } from '../providers/warnings';
import { stopwatch, type Clock } from '../platform';
import type { ChatRequest, FinishReason, RateLimitSnapshot, StreamEvent, Usage, Warning } from '../types';
import type { PlannedEndpoint } from './route-plan';
import type { AttemptReport, RouterEvent } from './types';

/** Everything one attempt needs. */
interface AttemptInput {
  planned: PlannedEndpoint;
  adapter: ProtocolAdapter;
  http: HttpTransport;
  apiKey?: string;
  request: ChatRequest;
  clock: Clock;
  retry: number;
  fallback: boolean;
  priceOf?: (usage: Usage, endpoint: Endpoint) => Charge | undefined;
  estimateUsage?: UsageEstimator;
  /**
   * Called instead of returning when the caller stops reading mid-attempt (break, throw,
   * `return()`), so the attempt can still be recorded: the call is billed all the same.
   */
  onAbandoned?: (outcome: AttemptOutcome) => void;
  /** Warnings the router made for this host before the call (a model that cannot reason). */
  warnings?: Warning[];
}

/** Counts the tokens of an attempt locally from what was sent and what came back. */
export type UsageEstimator = (request: ChatRequest, outputText: string, reasoningText: string, endpoint: Endpoint) => Usage;

/** How an attempt ended. On success the caller has already received content, usage and finish. */
export interface AttemptOutcome {
  report: AttemptReport;
  /** Set unless the attempt succeeded. */
  error?: ProviderError;
  /** Output reached the caller. */
  outputStarted: boolean;
  /** The text streamed to the caller (for continue and compare). */
  text: string;
  finish?: FinishReason;
  rateLimit?: RateLimitSnapshot;
}

/** What an attempt has seen so far. */
interface AttemptState {
  /** Parameters the adapter dropped or changed for this host. */
  warnings: Warning[];
  startedAt: number;
  /** Milliseconds since the attempt started, from a monotonic clock. */
  elapsed: () => number;
  started: boolean;
  firstAt: number;
  text: string;
  reasoning: string;
  chars: number;
  usage?: Usage;
  error?: ProviderError;
  finish?: StreamEvent & { type: 'finish' };
  rateLimit?: RateLimitSnapshot;
}

/** Streams one attempt; see the file comment for what is forwarded when. */
export async function* runAttempt(input: AttemptInput): AsyncGenerator<RouterEvent, AttemptOutcome> {
  const { planned, clock } = input;
  // Durations come from the monotonic stopwatch: a wall clock stepping back must not make them negative.
  const st: AttemptState = {
    startedAt: clock.now(),
    elapsed: stopwatch(clock),
    started: false,
    firstAt: 0,
    text: '',
    reasoning: '',
    chars: 0,
    warnings: [...(input.warnings ?? [])],
  };
  const pending: StreamEvent[] = warningEvents(st.warnings);
  let settled = false;
  try {
    try {
      const stream = input.adapter.streamChat({ descriptor: planned.descriptor, http: input.http, apiKey: input.apiKey }, input.request);
      for await (const ev of stream) {
        switch (ev.type) {
          case 'text-delta':
          case 'reasoning-delta':
          // A tool call or a finished reasoning block is output as much as text is.
          case 'tool-call':
          case 'tool-call-invalid':
          case 'reasoning-part':
            if (!st.started) {
              st.started = true;
              st.firstAt = st.elapsed();
              for (const p of pending) yield p;
              pending.length = 0;
            }
            if (ev.type === 'text-delta' || ev.type === 'reasoning-delta') {
              st.chars += ev.text.length;
              if (ev.type === 'text-delta') st.text += ev.text;
              else st.reasoning += ev.text;
            }
            yield ev;
            break;
          case 'warning':
            st.warnings.push(ev.warning);
            if (st.started) yield ev;
            else pending.push(ev);
            break;
          case 'response-metadata':
            if (ev.rateLimit) st.rateLimit = ev.rateLimit;
            if (st.started) yield ev;
            else pending.push(ev);
            break;
          case 'usage':
            st.usage = ev.usage;
            if (st.started) yield ev;
            else pending.push(ev);
            break;
          case 'finish':
            st.finish = ev;
            break;
          case 'error':
            st.error = ev.error;
            break;
        }
      }
    } catch (e) {
      // Adapters promise never to throw; a third-party one might, and it must not break routing.
      st.error = toTransportError(e, planned.endpoint.provider, st.started);
    }
    const outcome = settle(input, st);
    if (!outcome.error) {
      for (const p of pending) yield p;
      yield st.finish!;
    }
    settled = true;
    return outcome;
  } finally {
    if (!settled && input.onAbandoned) {
      st.error ??= st.finish
        ? undefined
        : new ProviderError({
            category: 'cancelled',
            provider: planned.endpoint.provider,
            message: 'The reader stopped before the answer ended.',
            retryable: false,
            outputStarted: st.started,
          });
      input.onAbandoned(settle(input, st));
    }
  }
}

/** Classifies how the attempt ended and builds its report (usage estimated when none came). */
function settle(input: AttemptInput, st: AttemptState): AttemptOutcome {
  const { planned } = input;
  const { started, firstAt, text, reasoning, chars, usage, finish, startedAt, warnings } = st;
  let error = st.error;
  if (!error && !finish) {
    error = new ProviderError({
      category: 'protocol',
      provider: planned.endpoint.provider,
      message: `${planned.descriptor.displayName} ended the stream without finishing.`,
      retryable: true,
    });
  }
  if (!error && finish?.reason === 'error') {
    error = new ProviderError({
      category: 'server',
      provider: planned.endpoint.provider,
      message: `${planned.descriptor.displayName} ended the answer with an error.`,
      outputStarted: started,
    });
  }
  // Adapters redact their own errors, but a third-party one may not, and this message goes into
  // the report, the log and the chat; the router is the last code that still holds the key.
  if (error) error = redactError(error, input.apiKey ? [input.apiKey] : []);
  const endedAt = st.elapsed();
  // Stopped or cut off after output began: the provider bills what it generated even though it
  // sent no usage, so the spend is counted locally rather than recorded as $0.
  const estimated =
    !usage && started && input.estimateUsage ? input.estimateUsage(input.request, text, reasoning, planned.endpoint) : undefined;
  const outputTokens = usage?.outputTokens ?? estimated?.outputTokens ?? Math.ceil(chars / 4);
  const streamMs = endedAt - firstAt;
  const report: AttemptReport = {
    endpoint: planned.endpoint,
    outcome: !error ? 'success' : error.category === 'cancelled' ? 'cancelled' : started ? 'partial' : 'failed',
    reason: error?.message,
    errorCategory: error?.category,
    status: error?.status,
    retry: input.retry,
    fallback: input.fallback,
    startedAt,
    durationMs: endedAt,
    ttftMs: started ? firstAt : undefined,
    tokensPerSec: started && streamMs > 0 && outputTokens > 1 ? outputTokens / (streamMs / 1000) : undefined,
    usage,
  };
  if (warnings.length) report.warnings = warnings;
  if (usage && input.priceOf) report.charge = input.priceOf(usage, planned.endpoint);
  else if (estimated) {
    report.usage = estimated;
    report.usageEstimated = true;
    const charge = input.priceOf?.(estimated, planned.endpoint);
    if (charge)
      report.charge = charge.status === 'exact' || charge.status === 'provider_reported' ? { ...charge, status: 'estimated' } : charge;
  }
  return { report, error, outputStarted: started, text, finish: finish?.reason, rateLimit: st.rateLimit };
}
