// The router: plans a route, tries endpoints with retries and fallbacks, records health, and
// ends every response with a route report. Its dependencies are injected so tests and the
// editor can wire fakes or the real key ring, catalog, ledger and budgets.
import { randomUUID } from 'node:crypto';
import { endpointKey, type CatalogView, type Charge, type Endpoint } from '../catalog/types';
import { ProviderError } from '../errors';
import type { HealthBoard } from '../health/health-board';
import type { HttpTransport } from '../http/client';
import type { ProtocolAdapter, ProtocolFamily, ProviderDescriptor } from '../providers/descriptor';
import { wireFamilyFor } from '../providers/wire-family';
import { systemClock, type Clock } from '../platform';
import type { Usage } from '../types';
import { AffinityTable } from './affinity';
import { abortableSleep, DEFAULT_RETRY_OPTIONS, retryDelay, type RetryOptions } from './backoff';
import { compareModels, type CompareLane } from './compare';
import { estimatePromptTokens, failureAction, hasViableAfter, retryWouldPass } from './fallback-policy';
import { parseModelRef } from './model-ref';
import { mergePreferences, type ResolvedPreferences } from './preferences';
import { CONTINUE_INSTRUCTION, midAnswerError, noRouteError, ROUTER_PROVIDER_ID, skippedAttempt, withRouterNote } from './route-messages';
import { planRoute, type PlannedEndpoint, type RoutePlan } from './route-plan';
import { needsOf, toolFields, type RequestNeeds } from './request-needs';
import { runAttempt, type AttemptOutcome, type UsageEstimator } from './attempt-runner';
import { reasoningAt } from './model-reasoning';
import { addRouteWarnings } from './route-warnings';
import type { AttemptReport, ModelRef, RequestOrigin, RoutePreferences, RouteReport, RoutedRequest, RouterEvent } from './types';

/** What the budget check decides before any call. */
export type BudgetDecision = { action: 'allow' } | { action: 'warn' | 'block' | 'downgrade'; message: string; downgradeTo?: ModelRef };

/** Identifies the routed request an attempt belongs to (for the ledger). */
export interface AttemptContext {
  routeId: string;
  requestedModels: readonly ModelRef[];
  conversationId?: string;
  workspaceId?: string;
  origin?: RequestOrigin;
  client?: string;
}

/** Everything the router needs from the outside world. */
export interface RouterDeps {
  catalog: CatalogView;
  descriptorOf(providerId: string): ProviderDescriptor | undefined;
  adapterFor(family: ProtocolFamily): ProtocolAdapter;
  /** The key ring. Called per request for the providers involved; call `keyChanged` when a key is set or removed. */
  keyOf(providerId: string): Promise<string | undefined>;
  http: HttpTransport;
  health?: HealthBoard;
  clock?: Clock;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Uniform in [0, 1), for backoff jitter. */
  random?: () => number;
  /** Global and workspace preference levels, read on every request so settings apply live. */
  preferences?: () => { global?: RoutePreferences; workspace?: RoutePreferences };
  /** Called once per real call (not for skips), failed ones included. */
  onAttempt?: (attempt: AttemptReport, ctx: AttemptContext) => void;
  /** Called once per routed request with its final report, also when the reader stopped early. */
  onRouteReport?: (report: RouteReport, ctx: AttemptContext) => void;
  budgetGate?: (plan: RoutePlan, request: RoutedRequest, ctx: AttemptContext) => BudgetDecision | Promise<BudgetDecision>;
  /** Called once when a routed request ends, however its consumer stopped (ends budget reservations). */
  onRouteEnd?: (ctx: AttemptContext) => void;
  priceOf?: (usage: Usage, endpoint: Endpoint) => Charge | undefined;
  /** Usage of an attempt that streamed output but reported none (stopped, or cut off); priced as `estimated`. */
  estimateUsage?: UsageEstimator;
  retry?: Partial<RetryOptions>;
}

interface RunOptions {
  exclude?: ReadonlySet<string>;
}

/** Routes chat requests across providers. */
export class Router {
  private readonly clock: Clock;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly random: () => number;
  private readonly retryOpts: RetryOptions;
  private readonly affinity = new AffinityTable();
  private readonly badKeys = new Set<string>();
  private readonly keys = new Map<string, string>();
  /** Providers asked and found without a key: a lookup is a SecretStorage round trip, so not repeated per request. */
  private readonly noKey = new Set<string>();

  constructor(private readonly deps: RouterDeps) {
    this.clock = deps.clock ?? systemClock;
    this.sleep = deps.sleep ?? abortableSleep;
    this.random = deps.random ?? Math.random;
    this.retryOpts = { ...DEFAULT_RETRY_OPTIONS, ...deps.retry };
  }

  /** The health board, when one was given. */
  get health(): HealthBoard | undefined {
    return this.deps.health;
  }

  /** A key was set, replaced or removed: forget the cached key and the "bad key" mark. */
  keyChanged(providerId: string): void {
    this.keys.delete(providerId);
    this.noKey.delete(providerId);
    this.badKeys.delete(providerId);
  }

  /** Providers whose key was rejected and which are skipped until `keyChanged`. */
  badKeyProviders(): string[] {
    return [...this.badKeys];
  }

  /** Routes one request. The last event is always a `route-report`. */
  route(req: RoutedRequest): AsyncIterable<RouterEvent> {
    return this.run(req, {});
  }

  /** Resends the conversation plus the partial answer to another endpoint, asking it to continue. */
  continueElsewhere(original: RoutedRequest, partialText: string, report: RouteReport): AsyncIterable<RouterEvent> {
    const failed = report.servedBy ?? [...report.attempts].reverse().find((a) => a.outcome === 'partial')?.endpoint;
    const exclude = new Set<string>(failed ? [endpointKey(failed)] : []);
    const messages = [
      ...original.messages,
      { role: 'assistant' as const, content: partialText },
      { role: 'user' as const, content: CONTINUE_INSTRUCTION },
    ];
    return this.run({ ...original, messages }, { exclude });
  }

  /** Sends one request to 2–4 models at once; each lane is an independent routed stream. */
  compare(models: readonly ModelRef[], request: Omit<RoutedRequest, 'models'>): CompareLane[] {
    return compareModels((r) => this.route(r), models, request);
  }

  /** Plans without calling anything (for the model picker and tests). */
  async plan(req: RoutedRequest): Promise<RoutePlan> {
    const prefs = this.preferencesFor(req);
    await this.loadKeys(req.models, prefs);
    return this.planWith(req.models, prefs, undefined, undefined, needsOf(req));
  }

  private preferencesFor(req: RoutedRequest): ResolvedPreferences {
    const levels = this.deps.preferences?.() ?? {};
    return mergePreferences(levels.global, levels.workspace, req.preferences, {
      maxAttempts: req.maxAttempts,
      allowComparableFallback: req.allowComparableFallback,
    });
  }

  private planWith(
    models: readonly ModelRef[],
    prefs: ResolvedPreferences,
    affinityKey: string | undefined,
    exclude: ReadonlySet<string> | undefined,
    needs?: RequestNeeds,
  ): RoutePlan {
    return planRoute({ models, needs }, prefs, {
      catalog: this.deps.catalog,
      descriptorOf: this.deps.descriptorOf,
      hasKey: (p) => this.keys.has(p),
      isKeyBad: (p) => this.badKeys.has(p),
      health: this.deps.health,
      affinityKey,
      exclude,
      now: this.clock.now(),
    });
  }

  /** Fetches keys of every provider the request could touch; the answer, key or none, is cached until `keyChanged`. */
  private async loadKeys(models: readonly ModelRef[], prefs: ResolvedPreferences): Promise<void> {
    const providers = new Set<string>();
    const isProvider = (id: string) => this.deps.descriptorOf(id) !== undefined;
    const addModel = (ref: ModelRef) => {
      const p = parseModelRef(ref, isProvider);
      if (p.kind === 'pinned') providers.add(p.provider);
      else for (const e of this.deps.catalog.endpointsOf(p.model)) providers.add(e.provider);
    };
    for (const m of models) {
      addModel(m);
      if (prefs.allowComparableFallback) for (const alt of prefs.comparableModels[m] ?? []) addModel(alt);
    }
    // Keyless providers are asked too: a custom endpoint may take an optional key.
    const missing = [...providers].filter((p) => !this.keys.has(p) && !this.noKey.has(p));
    if (missing.length === 0) return;
    // A failed lookup is not cached: it says nothing about the key.
    const found = await Promise.all(
      missing.map((p) =>
        this.deps.keyOf(p).then(
          (k) => ({ k }),
          () => undefined,
        ),
      ),
    );
    missing.forEach((p, i) => {
      const r = found[i];
      if (r?.k) this.keys.set(p, r.k);
      else if (r) this.noKey.add(p);
    });
  }

  /**
   * Wraps a route so its report is handed over however the reader ends: a `return()` or a throw
   * in the reader's loop lands in this `finally`, where no event can reach the reader any more.
   */
  private async *run(req: RoutedRequest, opts: RunOptions): AsyncGenerator<RouterEvent> {
    const ctx: AttemptContext = {
      routeId: randomUUID(),
      requestedModels: req.models,
      conversationId: req.conversationId,
      workspaceId: req.workspaceId,
      origin: req.origin,
      client: req.client,
    };
    const report: RouteReport = { attempts: [], strategy: 'balanced' };
    try {
      yield* this.runRoute(req, opts, ctx, report);
    } finally {
      try {
        this.deps.onRouteReport?.(report, ctx);
      } catch {
        // Like the ledger: a failing observer must not fail the user's request.
      }
      this.deps.onRouteEnd?.(ctx);
    }
  }

  private async *runRoute(req: RoutedRequest, opts: RunOptions, ctx: AttemptContext, report: RouteReport): AsyncGenerator<RouterEvent> {
    const startedAt = this.clock.now();
    let prefs = this.preferencesFor(req);
    report.strategy = prefs.sort;
    await this.loadKeys(req.models, prefs);
    const aff = req.conversationId ? this.affinity.get(req.conversationId, startedAt) : undefined;
    let plan = this.planWith(req.models, prefs, aff?.key, opts.exclude, needsOf(req));
    if (plan.candidates.length === 0 && plan.skipped.some((s) => s.code === 'excluded')) {
      // Nothing else can continue the answer: the endpoint that broke is better than nothing.
      plan = this.planWith(req.models, prefs, aff?.key, undefined, needsOf(req));
    }

    if (this.deps.budgetGate) {
      const decision = await this.deps.budgetGate(plan, req, ctx);
      if (decision.action !== 'allow') report.budgetAction = { action: decision.action, message: decision.message };
      if (decision.action === 'block') {
        const err = new ProviderError({ category: 'budget', provider: ROUTER_PROVIDER_ID, message: decision.message, retryable: false });
        yield { type: 'error', error: err };
        yield { type: 'finish', reason: 'error' };
        yield { type: 'route-report', report };
        return;
      }
      if (decision.action === 'downgrade' && decision.downgradeTo) {
        prefs = { ...prefs, allowComparableFallback: false };
        await this.loadKeys([decision.downgradeTo], prefs);
        plan = this.planWith([decision.downgradeTo], prefs, undefined, opts.exclude, needsOf(req));
      }
    }

    const first = plan.candidates[0];
    for (const s of plan.skipped) yield* this.note(report, skippedAttempt(s.endpoint, s.reason, startedAt, false));

    const ctrl = new AbortController();
    const onAbort = () => ctrl.abort(req.signal?.reason);
    if (req.signal?.aborted) ctrl.abort(req.signal.reason);
    else req.signal?.addEventListener('abort', onAbort, { once: true });

    const candidates = plan.candidates;
    const deadline = startedAt + this.retryOpts.totalBudgetMs;
    let attempts = 0;
    let i = 0;
    let retry = 0;
    let minContext: number | undefined;
    let lastError: ProviderError | undefined;
    let served: { c: PlannedEndpoint; o: AttemptOutcome } | undefined;
    let ended = false;
    let inFlight: PlannedEndpoint | undefined;
    let abandoned: AttemptOutcome | undefined;
    try {
      while (i < candidates.length && !ctrl.signal.aborted) {
        const c = candidates[i];
        const isFallback = c !== first;
        if (retry === 0 && minContext !== undefined && !((c.endpoint.contextWindow ?? 0) > minContext)) {
          yield* this.note(
            report,
            skippedAttempt(
              c.endpoint,
              `context window ${c.endpoint.contextWindow ?? 'unknown'} is not larger than ${minContext}`,
              this.clock.now(),
              isFallback,
            ),
          );
          i++;
          continue;
        }
        if (attempts >= prefs.maxAttempts) {
          if (lastError) lastError = withRouterNote(lastError, `Gave up after ${attempts} attempts (the maximum).`);
          break;
        }
        if (!c.lastResort && this.deps.health && !this.deps.health.acquire(c.endpoint)) {
          yield* this.note(report, skippedAttempt(c.endpoint, 'circuit open', this.clock.now(), isFallback));
          i++;
          retry = 0;
          continue;
        }
        attempts++;
        inFlight = c;
        const atHost = reasoningAt(c, req.reasoning);
        const outcome = yield* runAttempt({
          planned: atHost.planned,
          adapter: this.deps.adapterFor(wireFamilyFor(c.descriptor, c.endpoint.modelId)),
          http: this.deps.http,
          apiKey: this.keys.get(c.endpoint.provider),
          request: {
            model: c.endpoint.modelId,
            messages: req.messages,
            temperature: req.temperature,
            maxOutputTokens: req.maxOutputTokens,
            stopSequences: req.stopSequences,
            providerOptions: req.providerOptions,
            ...toolFields(req),
            reasoning: atHost.reasoning,
            signal: ctrl.signal,
          },
          warnings: atHost.warnings,
          clock: this.clock,
          retry,
          fallback: isFallback,
          priceOf: this.deps.priceOf,
          estimateUsage: this.deps.estimateUsage,
          onAbandoned: (o) => (abandoned = o),
        });
        inFlight = undefined;
        if (c.lastResort)
          outcome.report.reason = outcome.report.reason
            ? `${outcome.report.reason} (every host's circuit was open; tried as the probe)`
            : "every host's circuit was open; tried as the probe";
        this.recordHealth(c, outcome);
        yield* this.note(report, outcome.report, ctx);
        if (!outcome.error) {
          served = { c, o: outcome };
          break;
        }
        const err = outcome.error;
        lastError = err;
        if (err.category === 'auth' && !outcome.outputStarted) this.badKeys.add(c.endpoint.provider);
        const action = failureAction(err, outcome.outputStarted);
        if (action === 'partial') {
          report.partial = true;
          report.servedBy = c.endpoint;
          if (c.comparableOf) report.comparableFallback = { from: c.comparableOf, to: c.requested };
          yield { type: 'error', error: midAnswerError(err, c.descriptor.displayName) };
          yield { type: 'finish', reason: 'error' };
          ended = true;
          break;
        }
        if (action === 'stop') break;
        if (action === 'larger-context' || action === 'next-host') {
          if (action === 'larger-context') minContext = Math.max(minContext ?? 0, c.endpoint.contextWindow ?? estimatePromptTokens(req));
          i++;
          retry = 0;
          continue;
        }
        if (err.retryAfterMs !== undefined && this.deps.health)
          this.deps.health.recordCooldown(c.endpoint, this.clock.now() + err.retryAfterMs);
        if (hasViableAfter(candidates, i, minContext, this.deps.health)) {
          i++;
          retry = 0;
          continue;
        }
        const delay = retryDelay(retry, err.retryAfterMs, this.random, this.retryOpts);
        if (delay === undefined) {
          lastError = withRouterNote(
            err,
            `It asked to wait ${Math.ceil((err.retryAfterMs ?? 0) / 1000)} s, longer than the ${this.retryOpts.maxRetryAfterMs / 1000} s Switchboard waits, and no other host is available.`,
          );
          break;
        }
        if (attempts >= prefs.maxAttempts) continue; // the check at the loop's top says why it stops
        // The breaker may have opened on this very failure; the loop's top then records the skip.
        if (!retryWouldPass(c, this.clock.now() + delay, this.deps.health)) continue;
        if (this.clock.now() + delay > deadline) {
          lastError = withRouterNote(err, `No time left to retry within the ${this.retryOpts.totalBudgetMs / 1000} s retry budget.`);
          break;
        }
        try {
          await this.sleep(delay, ctrl.signal);
        } catch {
          break;
        }
        retry++;
      }
    } finally {
      req.signal?.removeEventListener('abort', onAbort);
      if (inFlight) {
        // The consumer stopped reading mid-attempt: abort the call, and record the attempt
        // (it was billed) or at least free its probe slot.
        ctrl.abort();
        if (abandoned) {
          this.recordHealth(inFlight, abandoned);
          this.record(report, abandoned.report, ctx);
        } else this.deps.health?.release(inFlight.endpoint);
      }
    }

    if (served) {
      report.servedBy = served.c.endpoint;
      if (served.c.comparableOf) report.comparableFallback = { from: served.c.comparableOf, to: served.c.requested };
    } else if (!ended) {
      const cancelled = ctrl.signal.aborted || lastError?.category === 'cancelled';
      const err = cancelled
        ? lastError?.category === 'cancelled'
          ? lastError
          : new ProviderError({ category: 'cancelled', provider: ROUTER_PROVIDER_ID, message: 'Request cancelled.', retryable: false })
        : (lastError ?? noRouteError(req.models, plan));
      yield { type: 'error', error: err };
      yield { type: 'finish', reason: cancelled ? 'cancelled' : 'error' };
    }
    if (req.conversationId) {
      const servedKey = served?.c.key;
      const sameModel = aff && plan.candidates.some((c) => c.endpoint.canonicalModel === aff.canonicalModel);
      report.affinity = !aff || !sameModel ? 'new' : servedKey === aff.key ? 'kept' : 'switched';
      if (served) this.affinity.set(req.conversationId, served.c.key, served.c.endpoint.canonicalModel, this.clock.now());
    }
    yield { type: 'route-report', report };
  }

  private *note(report: RouteReport, attempt: AttemptReport, ctx?: AttemptContext): Generator<RouterEvent> {
    this.record(report, attempt, ctx);
    yield { type: 'attempt', attempt };
  }

  private record(report: RouteReport, attempt: AttemptReport, ctx?: AttemptContext): void {
    report.attempts.push(attempt);
    addRouteWarnings(report, attempt);
    if (ctx && this.deps.onAttempt) {
      try {
        this.deps.onAttempt(attempt, ctx);
      } catch {
        // The ledger failing must not fail the user's request.
      }
    }
  }

  private recordHealth(c: PlannedEndpoint, o: AttemptOutcome): void {
    const h = this.deps.health;
    if (!h) return;
    if (o.rateLimit) h.recordRateLimit(c.endpoint, o.rateLimit);
    if (!o.error) h.recordSuccess(c.endpoint, { ttftMs: o.report.ttftMs, tokensPerSec: o.report.tokensPerSec });
    else h.recordFailure(c.endpoint, o.error);
  }
}
