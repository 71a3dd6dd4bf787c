// The router: plans a route, tries endpoints with retries and fallbacks, records health, and
// ends every response with a route report. Its dependencies are injected so tests and the
// editor can wire fakes or the real key ring, catalog, ledger and budgets.
import { randomUUID } from 'node:crypto';
import type { Endpoint } from '../catalog/types';
import type { HealthBoard } from '../health/health-board';
import { systemClock, type Clock } from '../platform';
import { AffinityTable } from './affinity';
import { attemptLoop, type LoopEnv } from './attempt-loop';
import { abortableSleep, DEFAULT_RETRY_OPTIONS } from './backoff';
import { continuationMessages, failedOn, type BrokenAnswer } from './continuation';
import { compareModels, type CompareLane } from './compare';
import { parseModelRef } from './model-ref';
import { mergePreferences, type ResolvedPreferences } from './preferences';
import { needsOf, type RequestNeeds } from './request-needs';
import { budgetStep } from './route-budget';
import { skippedAttempt } from './route-messages';
import { planRoute, type PlannedEndpoint, type RoutePlan } from './route-plan';
import { RouteRecorder } from './route-report';
import type { AttemptContext, RouterDeps } from './router-deps';
import type { ModelRef, RouteReport, RoutedRequest, RouterEvent } from './types';

export type { AttemptContext, BudgetDecision, RouterDeps } from './router-deps';

interface RunOptions {
  exclude?: (endpoint: Endpoint) => boolean;
}

/** Routes chat requests across providers. */
export class Router {
  private readonly clock: Clock;
  private readonly loopEnv: LoopEnv;
  private readonly affinity = new AffinityTable();
  private readonly badKeys = new Set<string>();
  private readonly keys = new Map<string, string>();
  /** Providers asked and found without a key: a lookup is a SecretStorage round trip, so not repeated per request. */
  private readonly noKey = new Set<string>();

  constructor(private readonly deps: RouterDeps) {
    this.clock = deps.clock ?? systemClock;
    this.loopEnv = {
      deps,
      keys: this.keys,
      badKeys: this.badKeys,
      clock: this.clock,
      sleep: deps.sleep ?? abortableSleep,
      random: deps.random ?? Math.random,
      retry: { ...DEFAULT_RETRY_OPTIONS, ...deps.retry },
    };
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

  /**
   * Resends the conversation plus the partial answer, asking the model to continue it, on a host
   * that did not fail; on a failed one only when no other can serve.
   */
  continueElsewhere(original: RoutedRequest, broken: BrokenAnswer): AsyncIterable<RouterEvent> {
    return this.run({ ...original, messages: continuationMessages(original.messages, broken.text) }, { exclude: failedOn(broken.failed) });
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
    exclude: RunOptions['exclude'],
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
    const rec = new RouteRecorder(ctx, this.deps);
    try {
      yield* this.runRoute(req, opts, rec);
    } finally {
      rec.handOver();
    }
  }

  /** Plans, passes the budget step, runs the attempt loop and closes with the report. */
  private async *runRoute(req: RoutedRequest, opts: RunOptions, rec: RouteRecorder): AsyncGenerator<RouterEvent> {
    const startedAt = this.clock.now();
    const prefs = this.preferencesFor(req);
    rec.report.strategy = prefs.sort;
    await this.loadKeys(req.models, prefs);
    const aff = req.conversationId ? this.affinity.get(req.conversationId, startedAt) : undefined;
    let plan = this.planWith(req.models, prefs, aff?.key, opts.exclude, needsOf(req));
    if (plan.candidates.length === 0 && plan.skipped.some((s) => s.code === 'excluded')) {
      // Nothing else can continue the answer: the endpoint that broke is better than nothing.
      plan = this.planWith(req.models, prefs, aff?.key, undefined, needsOf(req));
    }
    const budget = await budgetStep(this.deps.budgetGate, {
      plan,
      prefs,
      req,
      ctx: rec.ctx,
      report: rec.report,
      replan: async (model, p) => {
        await this.loadKeys([model], p);
        return this.planWith([model], p, undefined, opts.exclude, needsOf(req));
      },
    });
    if (budget.blocked) return yield* rec.blocked(budget.blocked);

    for (const s of budget.plan.skipped) yield* rec.note(skippedAttempt(s.endpoint, s.reason, startedAt, false), false);
    const end = yield* attemptLoop(this.loopEnv, {
      req,
      candidates: budget.plan.candidates,
      maxAttempts: budget.prefs.maxAttempts,
      startedAt,
      rec,
    });
    yield* rec.settle(end, req, budget.plan);
    if (req.conversationId) this.settleAffinity(req.conversationId, rec.report, aff, budget.plan, end.served);
    yield { type: 'route-report', report: rec.report };
  }

  /** Whether the conversation kept its endpoint, and the endpoint it keeps next time. */
  private settleAffinity(
    conversationId: string,
    report: RouteReport,
    aff: { key: string; canonicalModel: string } | undefined,
    plan: RoutePlan,
    served: PlannedEndpoint | undefined,
  ): void {
    // A turn no host answered neither kept nor switched anything: the conversation's host stays.
    if (!served) return;
    const sameModel = aff && plan.candidates.some((c) => c.endpoint.canonicalModel === aff.canonicalModel);
    report.affinity = !aff || !sameModel ? 'new' : served.key === aff.key ? 'kept' : 'switched';
    this.affinity.set(conversationId, served.key, served.endpoint.canonicalModel, this.clock.now());
  }
}
