// The attempt loop: walks the plan's candidates, retrying a host or falling back to the next,
// until one answers, the output breaks mid-answer, or nothing is left to try.
import type { ProviderError } from '../errors';
import type { Clock } from '../platform';
import { wireFamilyFor } from '../providers/wire-family';
import { retryDelay, type RetryOptions } from './backoff';
import { estimatePromptTokens, failureAction, hasViableAfter, retryWouldPass, type FailureAction } from './fallback-policy';
import { reasoningAt } from './model-reasoning';
import { toolFields } from './request-needs';
import { skippedAttempt, withRouterNote } from './route-messages';
import type { PlannedEndpoint, SkippedEndpoint } from './route-plan';
import type { LoopEnd, RouteRecorder } from './route-report';
import type { RouterDeps } from './router-deps';
import { runAttempt, type AttemptOutcome } from './attempt-runner';
import type { AttemptReport, RoutedRequest, RouterEvent } from './types';

/** The router's parts the loop uses, shared across requests. */
export interface LoopEnv {
  deps: Pick<RouterDeps, 'adapterFor' | 'http' | 'health' | 'priceOf' | 'estimateUsage'>;
  keys: ReadonlyMap<string, string>;
  /** Providers whose key was rejected; the loop adds to it. */
  badKeys: Set<string>;
  clock: Clock;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
  retry: RetryOptions;
}

interface LoopInput {
  req: RoutedRequest;
  candidates: readonly PlannedEndpoint[];
  maxAttempts: number;
  startedAt: number;
  rec: RouteRecorder;
}

interface LoopState {
  i: number;
  retry: number;
  attempts: number;
  minContext?: number;
  lastError?: ProviderError;
  /** Hosts the plan offered whose circuit opened before their call: the no-route error names them. */
  breakerSkips: SkippedEndpoint[];
}

/** What to do after a failed attempt. */
type Next = 'stop' | 'next-host' | 'loop' | { wait: number };

/** Runs the loop; aborts the call in flight and still records it when the reader stops early. */
export async function* attemptLoop(env: LoopEnv, input: LoopInput): AsyncGenerator<RouterEvent, LoopEnd> {
  const { req } = input;
  const ctrl = new AbortController();
  const onAbort = () => ctrl.abort(req.signal?.reason);
  if (req.signal?.aborted) ctrl.abort(req.signal.reason);
  else req.signal?.addEventListener('abort', onAbort, { once: true });
  const flight: { c?: PlannedEndpoint; abandoned?: AttemptOutcome } = {};
  try {
    const end = yield* loop(env, input, ctrl.signal, flight);
    return { ...end, aborted: ctrl.signal.aborted };
  } finally {
    req.signal?.removeEventListener('abort', onAbort);
    if (flight.c) {
      // The consumer stopped reading mid-attempt: abort the call, and record the attempt
      // (it was billed) or at least free its probe slot.
      ctrl.abort();
      if (flight.abandoned) {
        recordHealth(env, flight.c, flight.abandoned);
        input.rec.record(flight.abandoned.report, true);
      } else env.deps.health?.release(flight.c.endpoint);
    }
  }
}

async function* loop(
  env: LoopEnv,
  input: LoopInput,
  signal: AbortSignal,
  flight: { c?: PlannedEndpoint; abandoned?: AttemptOutcome },
): AsyncGenerator<RouterEvent, Omit<LoopEnd, 'aborted'>> {
  const { candidates, rec } = input;
  const s: LoopState = { i: 0, retry: 0, attempts: 0, breakerSkips: [] };
  while (s.i < candidates.length && !signal.aborted) {
    const c = candidates[s.i];
    const isFallback = c !== candidates[0];
    const gate = beforeCall(env, s, c, input.maxAttempts);
    if (gate === 'give-up') break;
    if (gate) {
      if (gate.breaker) s.breakerSkips.push({ ...c, code: 'breaker-open', reason: gate.skip });
      yield* rec.note(skippedAttempt(c.endpoint, gate.skip, env.clock.now(), isFallback), false);
      s.i++;
      if (gate.resetRetry) s.retry = 0;
      continue;
    }
    s.attempts++;
    flight.c = c;
    const outcome = yield* callHost(env, input.req, c, s.retry, isFallback, signal, (o) => (flight.abandoned = o));
    flight.c = undefined;
    if (c.lastResort) outcome.report.reason = probeReason(outcome.report);
    recordHealth(env, c, outcome);
    yield* rec.note(outcome.report, true);
    if (!outcome.error) return { served: c, ended: false, lastError: s.lastError, breakerSkips: s.breakerSkips };
    s.lastError = outcome.error;
    if (outcome.error.category === 'auth' && !outcome.outputStarted) env.badKeys.add(c.endpoint.provider);
    const action = failureAction(outcome.error, outcome.outputStarted);
    if (action === 'partial') {
      yield* rec.partial(c, outcome.error);
      return { ended: true, lastError: s.lastError, breakerSkips: s.breakerSkips };
    }
    const next = afterFailure(env, input, s, c, outcome.error, action);
    if (next === 'stop') break;
    if (next === 'next-host') {
      s.i++;
      s.retry = 0;
    } else if (next !== 'loop') {
      try {
        await env.sleep(next.wait, signal);
      } catch {
        break;
      }
      s.retry++;
    }
  }
  return { ended: false, lastError: s.lastError, breakerSkips: s.breakerSkips };
}

/** Checks made before calling a host: a skip with its reason, the end of the loop, or nothing. */
function beforeCall(
  env: LoopEnv,
  s: LoopState,
  c: PlannedEndpoint,
  maxAttempts: number,
): { skip: string; resetRetry: boolean; breaker?: true } | 'give-up' | undefined {
  const window = c.endpoint.contextWindow;
  if (s.retry === 0 && s.minContext !== undefined && !((window ?? 0) > s.minContext)) {
    return { skip: `context window ${window ?? 'unknown'} is not larger than ${s.minContext}`, resetRetry: false };
  }
  if (s.attempts >= maxAttempts) {
    if (s.lastError) s.lastError = withRouterNote(s.lastError, `Gave up after ${s.attempts} attempts (the maximum).`);
    return 'give-up';
  }
  if (!c.lastResort && env.deps.health && !env.deps.health.acquire(c.endpoint))
    return { skip: 'circuit open', resetRetry: true, breaker: true };
  return undefined;
}

/** One call to one host, with the request shaped for it. */
function callHost(
  env: LoopEnv,
  req: RoutedRequest,
  c: PlannedEndpoint,
  retry: number,
  fallback: boolean,
  signal: AbortSignal,
  onAbandoned: (o: AttemptOutcome) => void,
): AsyncGenerator<RouterEvent, AttemptOutcome> {
  const atHost = reasoningAt(c, req.reasoning);
  return runAttempt({
    planned: atHost.planned,
    adapter: env.deps.adapterFor(wireFamilyFor(c.descriptor, c.endpoint.modelId)),
    http: env.deps.http,
    apiKey: env.keys.get(c.endpoint.provider),
    request: {
      model: c.endpoint.modelId,
      messages: req.messages,
      temperature: req.temperature,
      maxOutputTokens: req.maxOutputTokens,
      stopSequences: req.stopSequences,
      providerOptions: req.providerOptions,
      ...toolFields(req),
      reasoning: atHost.reasoning,
      signal,
    },
    warnings: atHost.warnings,
    clock: env.clock,
    retry,
    fallback,
    priceOf: env.deps.priceOf,
    estimateUsage: env.deps.estimateUsage,
    onAbandoned,
  });
}

function probeReason(report: AttemptReport): string {
  const why = "every host's circuit was open; tried as the probe";
  return report.reason ? `${report.reason} (${why})` : why;
}

/** After a failed attempt that showed no output: stop, move on, or wait and retry the same host. */
function afterFailure(env: LoopEnv, input: LoopInput, s: LoopState, c: PlannedEndpoint, err: ProviderError, action: FailureAction): Next {
  if (action === 'stop') return 'stop';
  if (action === 'larger-context') {
    s.minContext = Math.max(s.minContext ?? 0, c.endpoint.contextWindow ?? estimatePromptTokens(input.req));
    return 'next-host';
  }
  if (action === 'next-host') return 'next-host';
  const health = env.deps.health;
  if (err.retryAfterMs !== undefined && health) health.recordCooldown(c.endpoint, env.clock.now() + err.retryAfterMs);
  if (hasViableAfter(input.candidates, s.i, s.minContext, health)) return 'next-host';
  const delay = retryDelay(s.retry, err.retryAfterMs, env.random, env.retry);
  if (delay === undefined) {
    const asked = Math.ceil((err.retryAfterMs ?? 0) / 1000);
    s.lastError = withRouterNote(
      err,
      `It asked to wait ${asked} s, longer than the ${env.retry.maxRetryAfterMs / 1000} s Switchboard waits, and no other host is available.`,
    );
    return 'stop';
  }
  if (s.attempts >= input.maxAttempts) return 'loop'; // the check before the next call says why it stops
  // The breaker may have opened on this very failure; the next pass then records the skip.
  if (!retryWouldPass(c, env.clock.now() + delay, env.deps.health)) return 'loop';
  if (env.clock.now() + delay > input.startedAt + env.retry.totalBudgetMs) {
    s.lastError = withRouterNote(err, `No time left to retry within the ${env.retry.totalBudgetMs / 1000} s retry budget.`);
    return 'stop';
  }
  return { wait: delay };
}

function recordHealth(env: LoopEnv, c: PlannedEndpoint, o: AttemptOutcome): void {
  const h = env.deps.health;
  if (!h) return;
  if (o.rateLimit) h.recordRateLimit(c.endpoint, o.rateLimit);
  if (!o.error) h.recordSuccess(c.endpoint, { ttftMs: o.report.ttftMs, tokensPerSec: o.report.tokensPerSec });
  else h.recordFailure(c.endpoint, o.error);
}
